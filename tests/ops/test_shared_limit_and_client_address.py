"""The audit start limit: shared by every app server through Redis, harmless
when Redis is away, and keyed on the visitor's real address (not a header a
visitor can forge)."""

from django.core.cache import caches
from django.test import RequestFactory

import pytest

from core.client_address import client_ip

pytestmark = pytest.mark.django_db

START_URL = "/en/audit/self-assessment/"


def start(client, **headers):
    return client.post(START_URL, {"area": ""}, **headers).status_code


def test_every_app_server_counts_against_the_same_limit(client, audit, settings, redis_cache, monkeypatch):
    settings.AUDIT_START_LIMIT = 2
    assert [start(client), start(client)] == [302, 302]
    # A second app server: its own cache client and connection pool, the same Redis.
    monkeypatch.setattr("audit.ratelimit.cache", caches.create_connection("default"))
    assert start(client) == 429


def test_pages_render_and_audits_start_while_redis_is_down(client, audit, settings, redis_cache):
    settings.AUDIT_START_LIMIT = 1
    redis_cache.stop()
    assert client.get("/en/").status_code == 200
    assert client.get(START_URL).status_code == 200
    assert [start(client), start(client)] == [302, 302]  # no counter to keep: let visitors through

    redis_cache.start()  # restarted, empty
    assert [start(client), start(client)] == [302, 429]


class TestWithoutAProxy:
    def test_a_forged_forwarded_for_header_is_ignored(self, client, audit, settings):
        settings.AUDIT_START_LIMIT = 1
        settings.TRUSTED_PROXY_COUNT = 0
        assert start(client, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.1") == 302
        assert start(client, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.2") == 429


class TestBehindOneProxy:
    PROXY = "10.0.0.2"

    def test_visitors_behind_the_proxy_have_their_own_allowance(self, client, audit, settings):
        settings.AUDIT_START_LIMIT = 1
        settings.TRUSTED_PROXY_COUNT = 1
        assert start(client, REMOTE_ADDR=self.PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1") == 302
        assert start(client, REMOTE_ADDR=self.PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1") == 429
        assert start(client, REMOTE_ADDR=self.PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2") == 302

    def test_entries_a_visitor_wrote_before_the_proxys_own_are_ignored(self, client, audit, settings):
        settings.AUDIT_START_LIMIT = 1
        settings.TRUSTED_PROXY_COUNT = 1
        assert start(client, REMOTE_ADDR=self.PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.1") == 302
        assert start(client, REMOTE_ADDR=self.PROXY, HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.1") == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        (0, "198.51.100.1", "203.0.113.5"),
        (1, "198.51.100.1", "198.51.100.1"),
        (1, " 192.0.2.1 ,198.51.100.1 ", "198.51.100.1"),
        (2, "192.0.2.1, 198.51.100.1, 10.0.0.9", "198.51.100.1"),
        (2, "198.51.100.1", "203.0.113.5"),  # fewer entries than proxies: not from our proxies
        (1, "not-an-address", "203.0.113.5"),
        (1, "198.51.100.1\x00", "203.0.113.5"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "", "203.0.113.5"),
    ],
)
def test_client_ip(settings, proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=forwarded_for)
    assert client_ip(request) == expected

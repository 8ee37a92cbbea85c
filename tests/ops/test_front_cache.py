"""Varnish in front of the app (deploy/varnish/default.vcl), kept fresh by purges.

A real varnishd serves a live server; pages are fetched through it the way a
visitor's browser would, with the Host header of the site they visit.
"""

import re
import time

from wagtail.rich_text import RichText

import pytest

from history.notes import publish_with_note
from home.models import NationalPage
from sites.factories import LocalityFactory

pytestmark = pytest.mark.django_db(transaction=True)

FRESH_WITHIN_SECONDS = 5


@pytest.fixture
def localities(toolkit):
    return [
        LocalityFactory(name="Hackney", slug="hackney", hostname="hackney.localhost"),
        LocalityFactory(name="Bristol", slug="bristol"),
    ]


# Every address a visitor can see the national Principles page at.
MIRRORS = [
    ("localhost", "/en/principles/"),
    ("localhost", "/en/hackney/principles/"),
    ("localhost", "/en/bristol/principles/"),
    ("hackney.localhost", "/en/principles/"),
]


def warm(varnish, addresses):
    for host, path in addresses:
        varnish.get(path, host=host)
        status, headers, _ = varnish.get(path, host=host)
        assert (status, headers["X-Cache"]) == (200, "HIT"), (host, path)


def wait_until(varnish, host, path, predicate):
    deadline = time.monotonic() + FRESH_WITHIN_SECONDS
    while True:
        status, headers, html = varnish.get(path, host=host)
        if predicate(status, html):
            return status, headers, html
        if time.monotonic() > deadline:
            raise AssertionError(f"{host}{path} still stale after {FRESH_WITHIN_SECONDS}s: {status}")
        time.sleep(0.1)


def test_public_pages_are_cached_with_a_shared_lifetime(varnish, toolkit):
    status, headers, _ = varnish.get("/en/principles/")
    assert status == 200 and headers["X-Cache"] == "MISS"
    assert re.search(r"s-maxage=\d+", headers["Cache-Control"]) and "public" in headers["Cache-Control"]
    assert varnish.get("/en/principles/")[1]["X-Cache"] == "HIT"


def test_a_national_publish_shows_in_every_locality_mirror_through_the_cache(varnish, localities, toolkit):
    warm(varnish, MIRRORS + [("localhost", "/en/principles/history/"), ("localhost", "/en/updates/")])
    principles = NationalPage.objects.get(pk=toolkit["principles"].pk)
    principles.body = [("paragraph", RichText("<p>Harm happens in places, not only in families.</p>"))]
    publish_with_note(principles, "Said where harm happens.")

    for host, path in MIRRORS:
        wait_until(varnish, host, path, lambda status, html: "Harm happens in places" in html)
    wait_until(varnish, "localhost", "/en/principles/history/", lambda status, html: "Said where harm happens" in html)
    wait_until(varnish, "localhost", "/en/updates/", lambda status, html: "Said where harm happens" in html)


def test_a_national_publish_purges_the_welsh_addresses_too(varnish, localities, toolkit):
    """No Welsh translation here, so the Welsh addresses are cached 404s: each is
    purged with its English twin (WAGTAILFRONTENDCACHE_LANGUAGES)."""
    welsh = [(host, path.replace("/en/", "/cy/", 1)) for host, path in MIRRORS]
    for host, path in welsh:
        varnish.get(path, host=host)
        assert varnish.get(path, host=host)[1]["X-Cache"] == "HIT"
    principles = NationalPage.objects.get(pk=toolkit["principles"].pk)
    publish_with_note(principles, "Checked the Welsh addresses.")
    for host, path in welsh:
        assert varnish.get(path, host=host)[1]["X-Cache"] == "MISS", (host, path)


def test_after_unpublish_no_stale_copy_remains(varnish, localities, toolkit):
    warm(varnish, MIRRORS)
    NationalPage.objects.get(pk=toolkit["principles"].pk).unpublish()
    for host, path in MIRRORS:
        wait_until(varnish, host, path, lambda status, html: status == 404)


def test_an_audit_private_link_is_never_cached(varnish, audit):
    status, headers, html = varnish.get("/en/audit/self-assessment/")
    assert status == 200
    # The start page has a CSRF form: sent private, so never stored.
    assert "private" in headers["Cache-Control"] and varnish.get("/en/audit/self-assessment/")[1]["X-Cache"] == "MISS"

    import urllib.parse
    import urllib.request

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = headers["Set-Cookie"].split(";")[0]
    request = urllib.request.Request(  # noqa: S310 - loopback
        varnish.url + "/en/audit/self-assessment/",
        data=urllib.parse.urlencode({"csrfmiddlewaretoken": token, "area": ""}).encode(),
        headers={"Host": "localhost", "Cookie": cookie, "Referer": "http://localhost/"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - follows the redirect
        private_path = urllib.parse.urlsplit(response.url).path
    assert "/r/" in private_path

    for _ in range(2):
        status, headers, _ = varnish.get(private_path)
        assert status == 200 and headers["X-Cache"] == "MISS"
        assert "no-store" in headers["Cache-Control"]


def test_the_admin_and_signed_in_visitors_are_never_served_from_cache(varnish, toolkit):
    for _ in range(2):
        status, headers, _ = varnish.get("/admin/login/")
        assert headers["X-Cache"] == "MISS"
    varnish.get("/en/principles/")
    status, headers, _ = varnish.get("/en/principles/", Cookie="sessionid=abc")
    assert headers["X-Cache"] == "MISS"

"""Rendered pages kept by the app servers (core/render_cache.py), as visitors
and editors see them: a second visit costs no query, and every change made in
the admin shows at once; drafts, signed-in views and private pages are never
handed to anyone else.

The world: the conftest toolkit, Hackney provisioned through the real action
(its own Assessment step beside the national one, a mirror of Principles)
and a superuser. Writes are committed (``committed``) as in production, where
the generation is bumped once the transaction commits.
"""

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import pytest

from sites.factories import LocalityFactory
from sites.models import LocalityStatus
from tests.conftest import build_toolkit, fresh, rolled_back
from tests.public.admin_forms import edit_form_post_data

pytestmark = pytest.mark.django_db

LOCAL_STEP = "/en/hackney/assessment/"
MIRROR = "/en/hackney/principles/"


@pytest.fixture(scope="module")
def world_once(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        toolkit = build_toolkit()
        hackney = LocalityFactory(name="Hackney", slug="hackney")
        local_step = hackney.home_page.get_children().get(slug="assessment").specific
        local_step.tier_one_body = [("paragraph", RichText("<p>Hackney's individual work.</p>"))]
        local_step.tier_two_body = [("paragraph", RichText("<p>Hackney's contexts work.</p>"))]
        local_step.save_revision().publish()
        admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")
        yield {**toolkit, "hackney": hackney, "local_step": local_step, "admin": admin}


@pytest.fixture
def world(world_once, db, settings):
    settings.PAGE_RENDER_CACHE_SECONDS = 300
    cache.clear()  # renders kept by another test, whose writes were rolled back
    yield fresh(world_once)
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """The block's writes in a transaction of their own that commits (a
    savepoint here, whose on-commit callbacks then run)."""

    @contextmanager
    def block():
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            yield

    return block


def publish_in_admin(client, committed, page, **changes):
    url, data, _states = edit_form_post_data(client, page)
    data.update(changes, change_note="Reworded.")
    data["action-publish"] = "action-publish"
    with committed():
        assert client.post(url, data).status_code == 302


def test_a_second_visit_is_answered_from_the_kept_render_without_a_query(world, client, django_assert_num_queries):
    first = client.get(LOCAL_STEP)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(LOCAL_STEP)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]  # the front cache's rules still apply


def test_a_national_publish_in_the_admin_shows_at_once_in_every_locality_mirror(world, client, committed):
    assert "Principles" in client.get(MIRROR).content.decode()
    client.get("/en/principles/")
    client.force_login(world["admin"])
    publish_in_admin(client, committed, world["principles"], title="Our principles")
    client.logout()
    assert "<h1>Our principles</h1>" in client.get(MIRROR).content.decode()
    assert "<h1>Our principles</h1>" in client.get("/en/principles/").content.decode()


def test_a_national_step_published_shows_at_once_beside_the_local_guidance(world, client, committed):
    client.get(LOCAL_STEP)
    client.force_login(world["admin"])
    publish_in_admin(client, committed, world["step"], title="Assessment, national revision")
    client.logout()
    assert "Assessment, national revision" in client.get(LOCAL_STEP).content.decode()


def test_a_draft_never_shows_and_is_never_kept(world, client, committed):
    client.get(MIRROR)
    client.force_login(world["admin"])
    url, data, _states = edit_form_post_data(client, world["principles"])
    data.update(title="Draft title nobody may see", change_note="")
    with committed():
        assert client.post(url, data).status_code == 302  # Save draft
    preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[world["principles"].pk]))
    client.logout()
    for address in (MIRROR, "/en/principles/"):
        assert "Draft title nobody may see" not in client.get(address).content.decode()
    assert preview.status_code == 200


def test_an_unpublished_page_is_gone_at_once(world, client, committed):
    assert client.get(LOCAL_STEP).status_code == 200
    client.force_login(world["admin"])
    with committed():
        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[world["local_step"].pk]))
    assert response.status_code == 302
    client.logout()
    assert client.get(LOCAL_STEP).status_code == 404


def test_an_editors_view_is_theirs_and_a_visitors_kept_view_is_not_handed_to_them(world, client):
    client.get(LOCAL_STEP)  # kept for visitors
    client.force_login(world["admin"])
    assert "wagtail-userbar" in client.get(LOCAL_STEP).content.decode()
    client.logout()
    assert "wagtail-userbar" not in client.get(LOCAL_STEP).content.decode()


def test_a_page_made_private_asks_for_its_password_at_once_and_the_form_is_never_kept(world, client, committed):
    assert "Hackney" in client.get(LOCAL_STEP).content.decode()
    with committed():
        PageViewRestriction.objects.create(
            page=world["local_step"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    for _visit in range(2):
        response = client.get(LOCAL_STEP)
        assert 'name="password"' in response.content.decode()
        assert "Hackney&#x27;s individual work" not in response.content.decode()


def test_each_tier_is_kept_apart_and_made_up_query_strings_are_never_kept(world, client, django_assert_num_queries):
    for _visit in range(2):
        tier_one = client.get(LOCAL_STEP + "?tier=one").content.decode()
        tier_two = client.get(LOCAL_STEP + "?tier=two").content.decode()
        assert "individual work" in tier_one and "contexts work" not in tier_one
        assert "contexts work" in tier_two and "individual work" not in tier_two
    client.get(LOCAL_STEP + "?utm_source=mail")
    response = client.get(LOCAL_STEP + "?utm_source=mail")
    assert response.status_code == 200
    # Rendered again, not kept: a visitor cannot fill the cache with made-up addresses.
    assert response.context is not None


def test_archiving_a_locality_hides_its_kept_pages_at_once(world, client, committed):
    assert client.get(LOCAL_STEP).status_code == 200
    hackney = world["hackney"]
    hackney.status = LocalityStatus.ARCHIVED
    with committed():
        hackney.save()
    assert client.get(LOCAL_STEP).status_code == 404


def test_pages_render_when_the_shared_cache_is_unreachable(world, client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing answers
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    for _visit in range(2):
        response = client.get(LOCAL_STEP)
        assert response.status_code == 200
        assert "Hackney" in response.content.decode()

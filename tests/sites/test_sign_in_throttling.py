"""Login throttling and lockout (issue 14, finding 5): ten wrong passwords
for one user name from one address lock it, with a clear message; the
national team lifts the lockout in the admin; private pages' password forms
are counted the same way. Through the real admin login and password forms."""

import logging

from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from tests.sites import test_permissions as permission_world

world_once = permission_world.world_once
world = permission_world.world
login = permission_world.login

pytestmark = pytest.mark.django_db

ADDRESS, OTHER_ADDRESS = "203.0.113.5", "198.51.100.7"
LOGIN_URL = "/admin/login/"


def sign_in(client, username, password, address=ADDRESS):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return client.get(reverse("wagtailadmin_home")).status_code == 200


def wrong_passwords(client, username, times, address=ADDRESS):
    for attempt in range(times):
        response = sign_in(client, username, f"wrong-{attempt}", address)
        assert response.status_code in (200, 429)
    return response


def test_nine_wrong_passwords_then_the_right_one_signs_in(world, client):
    wrong_passwords(client, "hackney-editor", 9)
    assert sign_in(client, "hackney-editor", "pw").status_code == 302
    assert signed_in(client)


def test_ten_wrong_passwords_lock_the_account_with_a_clear_message(world, client, caplog):
    with caplog.at_level(logging.WARNING, logger="sites.security"):
        last = wrong_passwords(client, "hackney-editor", 10)
    assert last.status_code == 429
    response = sign_in(client, "hackney-editor", "pw")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "locked for 30 minutes" in response.content.decode()
    assert not signed_in(client)
    assert any(getattr(record, "event", "") == "lockout" for record in caplog.records)


def test_the_lockout_is_for_that_user_name_and_address(world, client):
    wrong_passwords(client, "hackney-editor", 10)
    assert sign_in(client, "hackney-publisher", "pw").status_code == 302  # another user, same address
    client.logout()
    assert sign_in(client, "hackney-editor", "pw", OTHER_ADDRESS).status_code == 302  # same user, elsewhere


def test_the_national_team_lifts_a_lockout(world, client, login):
    wrong_passwords(client, "hackney-editor", 10)
    national = login("national")
    listing = national.get(reverse("sites_lockouts"))
    assert listing.status_code == 200
    assert "hackney-editor" in listing.content.decode()
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.get(username="hackney-editor")
    lifted = national.post(reverse("sites_lockouts"), {"attempt": attempt.pk}, follow=True)
    assert "can sign in again" in lifted.content.decode()
    national.logout()
    assert sign_in(client, "hackney-editor", "pw").status_code == 302


@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_locality_users_cannot_see_or_lift_lockouts(world, login, role):
    response = login(role).get(reverse("sites_lockouts"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_a_private_pages_password_form_locks_after_ten_wrong_passwords(world, client):
    page = world.page("own_step")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="correct horse"
    )
    form_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    for attempt in range(10):
        response = client.post(form_url, {"password": f"guess {attempt}", "return_url": page.url}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 429
    response = client.post(form_url, {"password": "correct horse", "return_url": page.url}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get(page.url).status_code == 200 and "password" in client.get(page.url).content.decode().lower()
    elsewhere = client.post(form_url, {"password": "correct horse", "return_url": page.url}, REMOTE_ADDR=OTHER_ADDRESS)
    assert elsewhere.status_code == 302

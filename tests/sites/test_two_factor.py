"""Two-factor sign-in (issue 14): required for the national team and
publishers, offered to editors; enrolment with an authenticator app and
recovery codes; the national team resets a user's second factor; failed
codes are logged. Through the real admin login and the set-up forms; codes
are computed from the device's key as an authenticator app does."""

import logging
import re
import time

from django.test import Client
from django.urls import reverse

import pytest
from axes.models import AccessAttempt
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.sites import test_permissions as permission_world

world_once = permission_world.world_once
world = permission_world.world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.TWO_FACTOR_REQUIRED = True


def sign_in(client, username):
    response = client.post("/admin/login/", {"username": username, "password": "pw"}, REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 302
    return client


def app_code(device, offset=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol(client):
    """Open the set-up page, type the app's code; returns the recovery codes shown."""
    page = client.get(reverse("sites_two_factor_enrol"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user__username=client.session_username, confirmed=False)
    done = client.post(reverse("sites_two_factor_enrol"), {"code": app_code(device)})
    assert done.status_code == 200
    return re.findall(r"<code>([a-z0-9]+)</code>", done.content.decode())


@pytest.mark.parametrize("role", ["publisher", "national"])
def test_publishers_and_the_national_team_must_set_up_a_second_factor(world, client, role):
    username = world.users[role].username
    sign_in(client, username)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sites_two_factor_enrol"))
    client.session_username = username
    codes = enrol(client)
    assert len(codes) == 10
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_an_editor_is_offered_but_not_forced(world, client):
    sign_in(client, "hackney-editor")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.session_username = "hackney-editor"
    assert len(enrol(client)) == 10
    client.logout()
    sign_in(client, "hackney-editor")
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith(reverse("sites_two_factor_verify"))


def test_next_sign_in_asks_for_a_code_and_a_recovery_code_works_once(world, client, caplog):
    sign_in(client, "hackney-publisher")
    client.session_username = "hackney-publisher"
    codes = enrol(client)
    client.logout()

    sign_in(client, "hackney-publisher")
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    with caplog.at_level(logging.WARNING, logger="sites.security"):
        wrong = client.post(reverse("sites_two_factor_verify"), {"code": "000000"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()
    assert any(getattr(record, "event", "") == "second_factor_failed" for record in caplog.records)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    time.sleep(1.1)  # django-otp refuses every code for a second after a wrong one (its own throttle)
    right = client.post(reverse("sites_two_factor_verify"), {"code": codes[0]})
    assert right.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    client.logout()

    sign_in(client, "hackney-publisher")
    assert client.post(reverse("sites_two_factor_verify"), {"code": codes[0]}).status_code == 400  # used up


def test_the_app_code_signs_in(publisher_with_a_device, client):
    response = client.post(reverse("sites_two_factor_verify"), {"code": app_code(publisher_with_a_device, offset=1)})
    assert response.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_national_team_resets_a_users_second_factor(world, client, django_user_model):
    publisher = world.users["publisher"]
    sign_in(client, publisher.username)
    client.session_username = publisher.username
    enrol(client)
    client.logout()

    sign_in(client, "national")
    client.session_username = "national"
    enrol(client)
    listing = client.get(reverse("sites_two_factor_reset"))
    assert publisher.username in listing.content.decode()
    done = client.post(reverse("sites_two_factor_reset"), {"user": publisher.pk}, follow=True)
    assert "will set up two-factor sign-in again" in done.content.decode()
    assert not TOTPDevice.objects.filter(user=publisher).exists()
    assert not StaticDevice.objects.filter(user=publisher).exists()
    client.logout()

    sign_in(client, publisher.username)
    assert client.get(reverse("wagtailadmin_home"))["Location"].startswith(reverse("sites_two_factor_enrol"))


def test_locality_users_cannot_reset_second_factors(world, client):
    sign_in(client, "hackney-editor")
    response = client.post(reverse("sites_two_factor_reset"), {"user": world.users["national"].pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


# --- Lockout on the code form, beyond django-otp's back-off -------------------


def wrong_codes(client, times):
    for attempt in range(times):
        response = client.post(reverse("sites_two_factor_verify"), {"code": f"{attempt:06d}"}, REMOTE_ADDR="192.0.2.10")
    return response


@pytest.fixture
def publisher_with_a_device(world, client):
    """The Hackney publisher enrolled, signed out, and signed in again with their password only."""
    sign_in(client, "hackney-publisher")
    client.session_username = "hackney-publisher"
    enrol(client)
    client.logout()
    sign_in(client, "hackney-publisher")
    return TOTPDevice.objects.get(user__username="hackney-publisher", confirmed=True)


def test_ten_wrong_codes_lock_the_code_form_with_a_clear_message(world, client, publisher_with_a_device, caplog):
    with caplog.at_level(logging.WARNING, logger="sites.security"):
        last = wrong_codes(client, 10)
    assert last.status_code == 429
    assert "A wrong two-factor code was typed 10 times" in last.content.decode()
    assert any(getattr(record, "event", "") == "lockout" for record in caplog.records)
    publisher_with_a_device.throttle_reset()  # django-otp's own back-off aside: the lockout alone refuses
    right = client.post(
        reverse("sites_two_factor_verify"),
        {"code": app_code(publisher_with_a_device, offset=1)},
        REMOTE_ADDR="192.0.2.10",
    )
    assert right.status_code == 429
    assert client.get(reverse("wagtailadmin_home"), REMOTE_ADDR="192.0.2.10").status_code == 302


def test_nine_wrong_codes_do_not_lock(world, client, publisher_with_a_device):
    assert wrong_codes(client, 9).status_code == 400
    publisher_with_a_device.throttle_reset()
    right = client.post(
        reverse("sites_two_factor_verify"),
        {"code": app_code(publisher_with_a_device, offset=1)},
        REMOTE_ADDR="192.0.2.10",
    )
    assert right.status_code == 302


def test_the_national_team_lifts_a_second_factor_lockout(world, client, publisher_with_a_device, settings):
    wrong_codes(client, 10)
    settings.TWO_FACTOR_REQUIRED = False  # the national team's own second factor is tested above
    national = Client()
    national.force_login(world.users["national"])
    listing = national.get(reverse("sites_lockouts")).content.decode()
    assert "hackney-publisher (second factor)" in listing
    attempt = AccessAttempt.objects.get(username="hackney-publisher (second factor)")
    lifted = national.post(reverse("sites_lockouts"), {"attempt": attempt.pk}, follow=True)
    assert "can sign in again" in lifted.content.decode()
    # Lifting also clears django-otp's back-off, which after ten wrong codes lasts minutes.
    right = client.post(
        reverse("sites_two_factor_verify"),
        {"code": app_code(publisher_with_a_device, offset=1)},
        REMOTE_ADDR="192.0.2.10",
    )
    assert right.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


# --- "Reset two-factor sign-in" on Wagtail's own user pages ----------------------


@pytest.fixture
def user_manager(world, settings):
    """Wagtail's user pages need user permissions, which only superusers hold
    here (the "National team" group is not given them: changing users
    includes other users' passwords)."""
    settings.TWO_FACTOR_REQUIRED = False  # the national team's own second factor is tested above
    manager = Client()
    manager.force_login(world.users["superuser"])
    return manager


@pytest.fixture
def publisher_device(world):
    return TOTPDevice.objects.create(user=world.users["publisher"], name="Authenticator app", confirmed=True)


def test_a_user_manager_resets_a_second_factor_from_the_users_edit_page(world, user_manager, publisher_device):
    national, publisher = user_manager, world.users["publisher"]
    edit_response = national.get(reverse("wagtailusers_users:edit", args=[publisher.pk]))
    assert edit_response.status_code == 200, edit_response.get("Location")
    edit_page = edit_response.content.decode()
    reset_url = reverse("wagtailusers_users:reset_two_factor", args=[publisher.pk])
    assert f'href="{reset_url}"' in edit_page
    confirm = national.get(reset_url)
    assert "authenticator app and recovery codes will stop working" in confirm.content.decode()
    done = national.post(reset_url, follow=True)
    assert done.redirect_chain[-1][0] == reverse("wagtailusers_users:edit", args=[publisher.pk])
    assert "will set up two-factor sign-in again" in done.content.decode()
    assert not TOTPDevice.objects.filter(user=publisher).exists()
    history = national.get(reverse("wagtailusers_users:history", args=[publisher.pk])).content.decode()
    assert "Reset two-factor sign-in" in history
    assert "superuser" in history


def test_the_users_listing_offers_the_reset_only_for_users_with_a_second_factor(world, user_manager, publisher_device):
    listing = user_manager.get(reverse("wagtailusers_users:index")).content.decode()
    assert reverse("wagtailusers_users:reset_two_factor", args=[world.users["publisher"].pk]) in listing
    assert reverse("wagtailusers_users:reset_two_factor", args=[world.users["editor"].pk]) not in listing


@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_locality_users_cannot_reset_from_the_user_pages(world, client, settings, role):
    settings.TWO_FACTOR_REQUIRED = False
    national_device = TOTPDevice.objects.create(user=world.users["national"], name="Authenticator app")
    client.force_login(world.users[role])
    response = client.post(reverse("wagtailusers_users:reset_two_factor", args=[world.users["national"].pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert TOTPDevice.objects.filter(pk=national_device.pk).exists()


def test_a_national_team_member_resets_through_the_same_address(world, client, publisher_device, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client.force_login(world.users["national"])
    response = client.post(reverse("wagtailusers_users:reset_two_factor", args=[world.users["publisher"].pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=publisher_device.pk).exists()

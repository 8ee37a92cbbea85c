"""Passkeys as a second factor (issue 14): set up from the set-up page or
Account → Passkeys, used at the second-factor step, listed and removed by
their owner only, removed by the national team's reset; failures logged and
locked out like wrong codes. Through the real admin sign-in and the
package's WebAuthn endpoints, answered by a software authenticator
(``passkey_authenticator``) whose signatures the server really checks."""

import json
import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

import pytest
from axes.models import AccessAttempt
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from sites.models import NATIONAL_TEAM_GROUP
from tests.conftest import rolled_back
from tests.sites.passkey_authenticator import SoftwareAuthenticator

pytestmark = pytest.mark.django_db

ADDRESS = "192.0.2.20"


@pytest.fixture(scope="module")
def people_once(django_db_setup, django_db_blocker):
    """Two national team members (who must have a second factor) and an
    editor (offered one), built once for the module."""
    with rolled_back(django_db_blocker):
        national_team, _ = Group.objects.get_or_create(name=NATIONAL_TEAM_GROUP)
        national_team.permissions.add(Permission.objects.get(codename="access_admin"))
        User = get_user_model()
        for name in ("ana", "bea"):
            User.objects.create_user(name, f"{name}@example.org", "pw").groups.add(national_team)
        User.objects.create_user("eve", "eve@example.org", "pw").groups.add(Group.objects.get(name="Editors"))
        yield


@pytest.fixture
def people(people_once, db, settings):
    settings.TWO_FACTOR_REQUIRED = True
    return get_user_model().objects.in_bulk(["ana", "bea", "eve"], field_name="username")


def sign_in(client, username):
    client.logout()
    response = client.post("/admin/login/", {"username": username, "password": "pw"}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 302
    return client


def webauthn(client, step, body=None, query=""):
    return client.post(
        reverse(f"otp_webauthn:credential-{step}") + query,
        json.dumps(body or {}),
        content_type="application/json",
        REMOTE_ADDR=ADDRESS,
    )


def add_passkey(client, authenticator):
    options = webauthn(client, "registration-begin")
    assert options.status_code == 200, options.content
    return webauthn(client, "registration-complete", authenticator.create(options.json()))


def use_passkey(client, authenticator, query=""):
    options = webauthn(client, "authentication-begin")
    assert options.status_code == 200, options.content
    return webauthn(client, "authentication-complete", authenticator.get(options.json()), query=query)


def with_a_passkey(client, username):
    """The user signed in and added a passkey (their only second factor), then signed out."""
    authenticator = SoftwareAuthenticator()
    sign_in(client, username)
    assert add_passkey(client, authenticator).status_code == 200
    client.logout()
    return authenticator


def dashboard_status(client):
    return client.get(reverse("wagtailadmin_home")).status_code


def test_a_required_user_sets_up_a_passkey_and_signs_in_with_it(people, client):
    sign_in(client, "ana")
    set_up = client.get(reverse("wagtailadmin_home"), follow=True)
    assert set_up.redirect_chain[-1][0].startswith(reverse("sites_two_factor_enrol"))
    page = set_up.content.decode()
    assert "Or use a passkey" in page and 'id="passkey-register-button"' in page
    assert 'id="otp_webauthn_config" type="application/json"' in page
    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200  # the page's icons, not a redirect

    authenticator = SoftwareAuthenticator()
    added = add_passkey(client, authenticator)
    assert added.status_code == 200 and added.json()["id"]
    assert dashboard_status(client) == 200
    listing = client.get(reverse("sites_two_factor_passkeys")).content.decode()
    assert "Passkey 1" in listing and "Not yet" in listing
    codes = client.post(reverse("sites_two_factor_passkeys"), {"recovery_codes": "1"}).content.decode()
    assert codes.count("<li><code>") == 10
    assert "Make recovery codes" not in client.get(reverse("sites_two_factor_passkeys")).content.decode()

    sign_in(client, "ana")
    verify = client.get(reverse("wagtailadmin_home"), follow=True)
    assert verify.redirect_chain[-1][0].startswith(reverse("sites_two_factor_verify"))
    assert "Use your passkey" in verify.content.decode()
    used = use_passkey(client, authenticator, query="?next=/admin/pages/")
    assert used.status_code == 200
    assert used.json()["redirect_url"] == "/admin/pages/"
    assert dashboard_status(client) == 200


def test_the_second_factor_step_refuses_another_users_passkey_and_logs_it(people, client, caplog):
    anas = with_a_passkey(client, "ana")
    beas = with_a_passkey(client, "bea")
    sign_in(client, "bea")
    options = webauthn(client, "authentication-begin").json()
    offered = {credential["id"] for credential in options["allowCredentials"]}
    assert offered == {beas.get(options)["id"]}  # never another user's credentials

    with caplog.at_level(logging.WARNING, logger="sites.security"):
        refused = use_passkey(client, anas)
    assert refused.status_code in (400, 403)
    assert any(getattr(record, "event", "") == "second_factor_failed" for record in caplog.records)
    assert AccessAttempt.objects.get(username="bea (second factor)").failures_since_start == 1
    assert dashboard_status(client) == 302


def test_ten_failed_passkeys_lock_the_second_factor_step(people, client):
    own = with_a_passkey(client, "ana")
    sign_in(client, "ana")
    for _ in range(10):
        last = use_passkey(client, SoftwareAuthenticator())
    assert last.status_code == 429  # django-axes's lockout page, as for the tenth wrong code
    right_one = use_passkey(client, own)
    assert right_one.status_code == 429
    assert "Too many failed attempts" in right_one.json()["detail"]
    locked = client.get(reverse("sites_two_factor_verify"), REMOTE_ADDR=ADDRESS)
    assert "A wrong two-factor code was typed 10 times" in locked.content.decode()
    assert dashboard_status(client) == 302


def test_the_passkey_list_waits_for_the_second_factor(people, client):
    with_a_passkey(client, "ana")
    sign_in(client, "ana")
    listing = client.get(reverse("sites_two_factor_passkeys"))
    assert listing.status_code == 302 and listing["Location"].startswith(reverse("sites_two_factor_verify"))
    anas = WebAuthnCredential.objects.get(user=people["ana"])
    assert client.post(reverse("sites_two_factor_passkeys"), {"remove": anas.pk}).status_code == 302
    assert WebAuthnCredential.objects.filter(pk=anas.pk).exists()


def test_the_passkey_list_is_the_owners_alone(people, client):
    with_a_passkey(client, "ana")
    beas_authenticator = with_a_passkey(client, "bea")
    anas = WebAuthnCredential.objects.get(user=people["ana"])
    beas = WebAuthnCredential.objects.get(user=people["bea"])
    sign_in(client, "bea")
    assert use_passkey(client, beas_authenticator).status_code == 200

    listing = client.get(reverse("sites_two_factor_passkeys")).content.decode()
    assert f'name="remove" value="{beas.pk}"' in listing
    assert f'value="{anas.pk}"' not in listing and "Passkey 2" not in listing
    refused = client.post(reverse("sites_two_factor_passkeys"), {"remove": anas.pk})
    assert refused.status_code == 400
    assert "No such passkey" in refused.content.decode()
    assert client.post(reverse("sites_two_factor_passkeys"), {"remove": "nonsense"}).status_code == 400
    assert WebAuthnCredential.objects.filter(pk=anas.pk).exists()

    removed = client.post(reverse("sites_two_factor_passkeys"), {"remove": beas.pk}, follow=True)
    assert "The passkey was removed." in removed.content.decode()
    assert not WebAuthnCredential.objects.filter(pk=beas.pk).exists()


def test_a_password_alone_cannot_add_a_second_factor_beside_the_existing_one(people, client):
    with_a_passkey(client, "ana")
    sign_in(client, "ana")
    enrol = client.get(reverse("sites_two_factor_enrol"))
    assert enrol.status_code == 302 and enrol["Location"].startswith(reverse("sites_two_factor_verify"))
    assert client.post(reverse("sites_two_factor_enrol"), {"code": "123456"}).status_code == 302
    assert webauthn(client, "registration-begin").status_code == 302
    assert not TOTPDevice.objects.filter(user=people["ana"]).exists()
    assert WebAuthnCredential.objects.filter(user=people["ana"]).count() == 1


def test_the_national_team_reset_removes_passkeys(people, client):
    with_a_passkey(client, "eve")  # offered to editors: added from Account → Passkeys
    anas = with_a_passkey(client, "ana")
    sign_in(client, "ana")
    use_passkey(client, anas)
    listing = client.get(reverse("sites_two_factor_reset")).content.decode()
    assert "Reset second factor of eve" in listing
    confirm = client.get(reverse("wagtailusers_users:reset_two_factor", args=[people["eve"].pk]))
    assert "Their passkeys will be removed too." in confirm.content.decode()
    client.post(reverse("sites_two_factor_reset"), {"user": people["eve"].pk})
    assert not WebAuthnCredential.objects.filter(user=people["eve"]).exists()

    sign_in(client, "eve")
    assert dashboard_status(client) == 200  # no second factor left to ask for


@pytest.mark.parametrize(
    ("url_name", "field", "message"),
    [
        ("sites_two_factor_passkeys", "remove", "No such passkey"),
        ("sites_two_factor_reset", "user", "No such user."),
        ("sites_lockouts", "attempt", "already been lifted"),
    ],
)
def test_tampered_ids_get_a_message_not_a_server_error(people, client, url_name, field, message):
    anas = with_a_passkey(client, "ana")
    sign_in(client, "ana")
    use_passkey(client, anas)
    for value in ("nonsense", "٣", "99999999999999999999999", "-1"):
        response = client.post(reverse(url_name), {field: value}, follow=True)
        assert response.status_code in (200, 400)
        assert message in response.content.decode()

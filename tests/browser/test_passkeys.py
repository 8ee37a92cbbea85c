"""Browser: a national team member sets up a passkey instead of an app and
signs in with it at the second-factor step, with Chromium's virtual
authenticator (DevTools WebAuthn domain) standing in for a fingerprint or a
security key. The package's scripts run under the admin's
Content-Security-Policy without a violation, and the pages pass axe."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

import pytest
from playwright.sync_api import expect

from sites.models import NATIONAL_TEAM_GROUP

from .conftest import assert_no_axe_violations
from .test_security_headers import violations, watched_page  # noqa: F401

PASSWORD = "a long test password"  # noqa: S105


@pytest.fixture
def national_member(db, settings, live_server):
    settings.TWO_FACTOR_REQUIRED = True
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [live_server.url]
    team, _ = Group.objects.get_or_create(name=NATIONAL_TEAM_GROUP)
    team.permissions.add(Permission.objects.get(codename="access_admin"))
    member = get_user_model().objects.create_user("passkey-user", "passkey-user@example.org", PASSWORD)
    member.groups.add(team)
    return member


@pytest.fixture
def authenticator(watched_page):  # noqa: F811
    """A platform authenticator that verifies the user at once, as after a fingerprint."""
    devtools = watched_page.context.new_cdp_session(watched_page)
    devtools.send("WebAuthn.enable")
    added = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    yield devtools, added["authenticatorId"]


def sign_in_with_password(page, base_url):
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill("passkey-user")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_passkey_is_set_up_and_signs_in(live_server, watched_page, national_member, authenticator, offline):  # noqa: F811
    page = watched_page
    sign_in_with_password(page, live_server.url)
    expect(page.get_by_role("heading", name="Or use a passkey")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Add a passkey").click()

    expect(page).to_have_url(f"{live_server.url}/admin/two-factor/passkeys/")
    expect(page.get_by_role("cell", name="Passkey 1", exact=True)).to_be_visible()
    devtools, authenticator_id = authenticator
    assert len(devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})["credentials"]) == 1
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    sign_in_with_password(page, f"{live_server.url}")
    expect(page).to_have_url(f"{live_server.url}/admin/two-factor/verify/?next=/admin/")
    use_passkey = page.get_by_role("button", name="Use your passkey")
    expect(use_passkey).to_be_visible()
    assert_no_axe_violations(page)
    use_passkey.click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    page.goto(f"{live_server.url}/admin/two-factor/passkeys/")
    expect(page.get_by_role("cell", name="Not yet")).to_have_count(0)  # last used: now
    found = violations(page)
    assert found == [], "\n".join(found)

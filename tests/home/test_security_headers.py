"""Every HTML page carries a Content-Security-Policy and a Permissions-Policy
(issue 14, finding 11); the browser tests check that nothing is blocked."""

from django.contrib.auth import get_user_model

import pytest


def directives(response) -> dict[str, set[str]]:
    return {
        name: set(values.split())
        for name, _, values in (part.strip().partition(" ") for part in response["Content-Security-Policy"].split(";"))
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/en/principles/", "/en/assessment/", "/en/no-such-page/"])
def test_public_pages_carry_a_strict_policy(client, toolkit, path):
    response = client.get(path)
    policy = directives(response)
    assert policy["default-src"] == {"'self'"}
    assert policy["script-src"] == {"'self'"} or (
        policy["script-src"] - {"'self'"}
        and all(value.startswith("'nonce-") for value in policy["script-src"] - {"'self'"})
    )
    assert policy["style-src"] == {"'self'"}
    assert policy["frame-src"] == {"https://www.youtube-nocookie.com", "https://player.vimeo.com"}
    assert policy["object-src"] == {"'none'"}
    assert policy["frame-ancestors"] == {"'self'"}
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions
    assert 'fullscreen=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")' in permissions


@pytest.mark.django_db
def test_the_admin_carries_a_policy_without_inline_scripts(client, toolkit):
    client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "pw"))
    response = client.get(f"/admin/pages/{toolkit['step'].pk}/edit/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "Permissions-Policy" in response
    content = response.content.decode()
    assert "initDateTimeChooser(" not in content  # Wagtail's inline widget scripts are replaced
    assert 'data-init="initDateTimeChooser"' in content

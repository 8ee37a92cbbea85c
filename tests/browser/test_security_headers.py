"""Browser: public pages and the Wagtail admin run under their
Content-Security-Policy with no violation (issue 14, finding 11 and
"Headers"). Chromium reports each blocked script, style, frame or image
as a ``securitypolicyviolation`` event; the tests collect them."""

from django.contrib.auth import get_user_model

import pytest
from playwright.sync_api import expect

from .test_journeys import full_toolkit  # noqa: F401

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


@pytest.fixture
def watched_page(page):
    page.add_init_script(COLLECT_VIOLATIONS)
    console = []
    page.on(
        "console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.csp_console = console
    return page


def violations(page):
    return page.evaluate("window.__cspViolations") + page.csp_console


@pytest.mark.parametrize("path", ["/en/", "/en/assessment/"])
def test_public_pages_have_no_policy_violations(live_server, watched_page, full_toolkit, offline, path):  # noqa: F811
    response = watched_page.goto(f"{live_server.url}{path}")
    assert response.status == 200
    policy = dict(part.strip().split(" ", 1) for part in response.headers["content-security-policy"].split(";"))
    assert "unsafe" not in policy["script-src"] and "unsafe" not in policy["style-src"]
    expect(watched_page.get_by_role("heading", level=1)).to_have_count(1)
    watched_page.wait_for_load_state("networkidle")
    assert violations(watched_page) == []


def test_the_video_player_frame_is_allowed(live_server, watched_page, full_toolkit, offline):  # noqa: F811
    watched_page.goto(f"{live_server.url}/en/")
    expect(watched_page.locator("iframe[title='YouTube video player']")).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    )
    assert not [text for text in violations(watched_page) if "frame-src" in text]


def test_the_admin_works_under_its_policy(live_server, watched_page, full_toolkit, offline):  # noqa: F811
    get_user_model().objects.create_superuser("csp-admin", "csp-admin@example.org", "a long test password")
    page = watched_page
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("csp-admin")
    page.get_by_label("Password").fill("a long test password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1).first).to_be_visible()

    step = full_toolkit["step"]
    response = page.goto(f"{live_server.url}/admin/pages/{step.pk}/edit/")
    assert "content-security-policy" in response.headers
    assert "unsafe-inline" not in response.headers["content-security-policy"].split("script-src")[1].split(";")[0]
    # The rich text editor and the StreamField are scripts: they only render when allowed to run.
    expect(page.locator(".Draftail-Editor").first).to_be_visible()
    page.get_by_role("button", name="Preview").first.click()
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/admin/pages/{full_toolkit['home'].pk}/")
    expect(page.get_by_role("table").first).to_be_visible()
    found = violations(page)
    assert found == [], "\n".join(found)

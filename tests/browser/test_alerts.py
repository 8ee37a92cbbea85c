"""Browser: a visitor subscribes to Hackney's updates from its timeline, with
keyboard-friendly errors first; axe-core finds no violations on the way."""

from playwright.sync_api import expect

from alerts.models import Subscription
from tests.alerts.conftest import fresh_rate_limits, mailbox  # noqa: F401
from tests.browser.conftest import assert_no_axe_violations


def test_visitor_subscribes_from_a_locality_timeline(live_server, page, localities, mailbox):  # noqa: F811
    page.goto(f"{live_server.url}/en/hackney/updates/")
    page.get_by_role("link", name="Get emails about changes to Hackney").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get emails about changes to Hackney's toolkit")
    assert_no_axe_violations(page)

    page.get_by_role("textbox", name="Email address").fill("not an address")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter an email address like name@example.org.")
    assert_no_axe_violations(page)

    page.get_by_role("textbox", name="Email address").fill("visitor@example.org")
    page.get_by_label("Once a week").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert_no_axe_violations(page)

    [message] = mailbox.to("visitor@example.org")
    assert message["Subject"] == "Confirm your email updates from Hackney's toolkit"
    assert Subscription.objects.get().frequency == "weekly"

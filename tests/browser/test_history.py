"""Browser: a visitor follows a page's history to a comparison and a
toolkit's timeline; axe-core finds no violations on any of them."""

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations


def test_visitor_follows_history_to_a_comparison(live_server, page, versions):
    page.goto(f"{live_server.url}/en/assessment/")
    page.get_by_role("link", name="History of Assessment").click()
    expect(page).to_have_url(f"{live_server.url}/en/assessment/history/")
    expect(page.get_by_role("heading", level=1)).to_have_text("History: Assessment")
    expect(page.locator(".history-list__note").first).to_have_text("Clarified referral routes")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Changes to Assessment")
    expect(page.locator(".history-comparison ins").first).to_contain_text("added:")
    assert_no_axe_violations(page)


def test_timeline_has_no_axe_violations(live_server, page, versions):
    page.goto(f"{live_server.url}/en/updates/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Updates to")
    expect(page.get_by_text("Clarified referral routes")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Step", exact=True).select_option("assessment")
    page.get_by_role("button", name="Show updates").click()
    expect(page).to_have_url(f"{live_server.url}/en/updates/?step=assessment&year=")
    assert_no_axe_violations(page)

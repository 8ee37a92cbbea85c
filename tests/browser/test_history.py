"""Browser: a visitor follows a page's history to a comparison and a
toolkit's timeline; axe-core finds no violations on any of them."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.history.conftest import publish, versions  # noqa: F401 - shared fixture

# The shared browser fixtures: serialized rollback across Playwright, and no network.
from .test_journeys import offline, serialized_rollback_across_playwright  # noqa: F401

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def assert_no_axe_violations(page):
    results = Axe().run(page)
    assert results.response["passes"], "axe-core evaluated no rules"
    assert results.violations_count == 0, results.generate_report()


def test_visitor_follows_history_to_a_comparison(live_server, page, versions):  # noqa: F811
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


def test_timeline_has_no_axe_violations(live_server, page, versions):  # noqa: F811
    page.goto(f"{live_server.url}/en/updates/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Updates to")
    expect(page.get_by_text("Clarified referral routes")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Step", exact=True).select_option("assessment")
    page.get_by_role("button", name="Show updates").click()
    expect(page).to_have_url(f"{live_server.url}/en/updates/?step=assessment&year=")
    assert_no_axe_violations(page)

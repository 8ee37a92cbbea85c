"""Browser: filtering the resource library, searching inside a PDF from the
header, comparing localities; axe-core on the library, search, tips and compare pages."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations


def test_filter_hackney_tier_two_assessment_resources_then_clear(live_server, page, library, offline):
    page.goto(f"{live_server.url}/en/resources/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Resource library")
    page.get_by_label("Toolkit", exact=True).select_option(label="Hackney")
    page.get_by_label("Tier", exact=True).select_option("two")
    page.get_by_label("Step", exact=True).select_option(label="Assessment")
    page.get_by_role("button", name="Show resources").press("Enter")
    expect(page).to_have_url(re.compile(r"locality=hackney"))
    expect(page.get_by_role("heading", level=2, name=re.compile("resources match"))).to_have_text(
        "2 resources match your filters"
    )
    expect(page.get_by_role("link", name="Hackney context assessment form", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Hackney family assessment", exact=True)).to_have_count(0)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Clear filters").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("resources"))).to_have_text("7 resources")
    assert not offline


def test_header_search_finds_a_phrase_inside_a_pdf(live_server, page, library, offline):
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("searchbox", name="Search").fill("zebra crossing")
    page.get_by_role("searchbox", name="Search").press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=zebra\+crossing"))
    result = page.locator(".search-result")
    expect(result).to_have_count(1)
    expect(result).to_contain_text("Hackney context assessment form")
    expect(result).to_contain_text("In: Hackney")
    assert_no_axe_violations(page)


def test_compare_two_localities_and_the_tips_page_are_accessible(live_server, page, library, offline):
    page.goto(f"{live_server.url}/en/compare/referrals/")
    page.get_by_label("Hackney").check()
    page.get_by_label("Bristol").check()
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=2, name="Bristol")).to_be_visible()
    expect(page.get_by_text("Bristol sends place referrals to a weekly panel.")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/en/tips/")
    expect(page.locator(".tip__origin").first).to_be_visible()
    assert_no_axe_violations(page)

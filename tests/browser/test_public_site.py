"""Every public page type of the demo toolkit in Chromium, at 320, 390 and
1280 px: no sideways scrolling (WCAG 2.2 reflow), tap targets of at least
24 px (target size, inline links in text excepted), no axe-core violations,
and a menu that opens and closes without JavaScript."""

from pprint import pformat

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

# One address per public page type (and the pages people reported overflowing).
PAGE_TYPES = {
    "home": "/en/",
    "national page": "/en/principles/",
    "step": "/en/assessment/?tier=two",
    "step section": "/en/referrals-and-screening/mash-resources/",
    "resource": "/en/hackney/assessment/hackney-peer-group-mapping/",
    "locality home": "/en/hackney/",
    "locality step": "/en/hackney/assessment/",
    "inherited page": "/en/hackney/principles/",
    "adapted page": "/en/bristol/principles/",
    "national changes": "/en/bristol/principles/national-changes/",
    "local toolkits": "/en/toolkits/",
    "history": "/en/hackney/assessment/history/",
    "updates": "/en/updates/",
    "resources": "/en/resources/",
    "search": "/en/search/?q=peer",
    "tips": "/en/tips/",
    "compare localities": "/en/compare/assessment/?sites=hackney,bristol",
    "audit": "/en/audit/self-assessment/",
    "privacy notice": "/en/privacy/",
    "welsh home": "/cy/",
}

SMALL_TARGETS = """() => [...document.querySelectorAll('a[href], button, input, select, summary, textarea')]
    .filter((element) => {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) return false;
        // WCAG 2.5.8 exception: a link inside a sentence is sized by the text around it.
        if (getComputedStyle(element).display === 'inline') return false;
        return box.width < 24 || box.height < 24;
    })
    .map((element) => `${element.tagName} "${(element.textContent || element.name || '').trim().slice(0, 40)}"`)"""


def public_pages(page, base_url):
    """PAGE_TYPES, plus a comparison and an audit's answers and results, reached by following links."""
    urls = {name: base_url + path for name, path in PAGE_TYPES.items()}
    page.goto(urls["history"])
    urls["compare versions"] = page.locator("a[href*='history/compare/']").first.evaluate("a => a.href")
    page.goto(urls["audit"])
    page.get_by_role("button", name="Start the audit").click()
    urls["audit answers"] = page.url
    urls["audit results"] = page.url.rstrip("/") + "/results/"
    return urls


WIDTHS = (320, 390, 1280)
_problems_by_width: dict[int, dict] = {}


def problems_at_every_width(page, base_url):
    """Each page loaded once and checked at every width in turn, narrowest
    first: the viewport is resized as a visitor zooms or turns a phone, and
    the page lays itself out again (the checks read the new layout)."""
    if not _problems_by_width:
        found = {width: {} for width in WIDTHS}
        for name, url in public_pages(page, base_url).items():
            page.set_viewport_size({"width": WIDTHS[0], "height": 844})
            response = page.goto(url)
            assert response.status == 200, (name, url)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 844})
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                small = page.evaluate(SMALL_TARGETS)
                axe = Axe().run(page)
                if scroll_width > width or small or axe.violations_count:
                    found[width][name] = {
                        "scroll width": scroll_width,
                        "small targets": small,
                        "axe": axe.generate_report() if axe.violations_count else "",
                    }
        _problems_by_width.update(found)
    return _problems_by_width


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_reflows_with_large_targets_and_no_axe_violations(live_server, page, demo, width):
    problems = problems_at_every_width(page, live_server.url)[width]
    assert not problems, pformat(problems, width=200)


def test_the_menu_opens_and_closes_without_javascript(live_server, browser, demo):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/en/assessment/")
    toggle = page.locator("summary", has_text="Menu")
    tips = page.get_by_role("link", name="Tips", exact=True)
    expect(toggle).to_be_visible()
    expect(tips).to_be_hidden()
    header_height = page.locator("header").bounding_box()["height"]
    assert header_height < 200, header_height
    toggle.click()
    expect(tips).to_be_visible()
    expect(page.get_by_role("link", name="3. Planning and review", exact=True)).to_be_visible()
    toggle.click()
    expect(tips).to_be_hidden()
    context.close()


def test_wide_screens_show_the_menu_without_a_toggle(live_server, page, demo):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/en/assessment/")
    expect(page.locator("summary", has_text="Menu")).to_be_hidden()
    expect(page.get_by_role("link", name="Tips", exact=True)).to_be_visible()
    page.get_by_role("link", name="3. Planning and review", exact=True).focus()
    expect(page.get_by_role("link", name="3. Planning and review", exact=True)).to_be_focused()


def test_steps_read_as_a_journey_with_the_tier_carried(live_server, page, demo):
    page.goto(live_server.url + "/en/assessment/")
    page.get_by_role("link", name="Tier 2: extra-familial contexts").click()
    pager = page.get_by_role("navigation", name="Previous and next step")
    pager.get_by_role("link", name="Next step 3. Planning and review").click()
    assert page.url.endswith("/en/planning-and-review/?tier=two")
    expect(page.locator("#tier-two-heading")).to_be_visible()
    expect(page.locator("#tier-one-heading")).to_have_count(0)
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumb.locator("[aria-current=page]")).to_have_text("Planning and review")
    expect(breadcrumb.get_by_role("link", name="Planning and review")).to_have_count(0)


def test_the_tier_choice_is_remembered_in_the_browser_until_both_tiers_is_chosen(live_server, page, demo):
    page.goto(live_server.url + "/en/assessment/")
    page.get_by_role("link", name="Tier 2: extra-familial contexts").click()
    page.get_by_role("link", name="Contextual Safeguarding Toolkit", exact=True).click()
    page.locator("main").get_by_role("link", name="Planning and review").first.click()
    expect(page).to_have_url(live_server.url + "/en/planning-and-review/?tier=two")
    expect(page.locator("#tier-two-heading")).to_be_visible()
    expect(page.locator("#tier-one-heading")).to_have_count(0)
    expect(page.get_by_text("This browser remembers your choice")).to_be_visible()
    assert page.context.cookies() == []

    page.get_by_role("link", name="Both tiers").click()
    page.goto(live_server.url + "/en/")
    page.locator("main").get_by_role("link", name="Assessment").first.click()
    expect(page).to_have_url(live_server.url + "/en/assessment/")
    expect(page.locator("#tier-one-heading")).to_be_visible()
    expect(page.locator("#tier-two-heading")).to_be_visible()
    expect(page.get_by_text("This browser remembers your choice")).to_be_hidden()

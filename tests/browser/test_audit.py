"""The audit in a browser: completed with the keyboard only, and axe-core
finds no violations on the start, answers and results pages."""

import pytest
from playwright.sync_api import expect

from audit.factories import audit_item, audit_section
from audit.models import AuditAnswer, AuditResponse
from resources.factories import StepPageFactory
from tests.audit.conftest import build_self_assessment
from tests.browser.conftest import assert_no_axe_violations


def self_assessment(toolkit, *items):
    """/en/audit/self-assessment/ with one section, Governance, of these items."""
    return build_self_assessment(toolkit, [audit_section("Governance", list(items))])


@pytest.fixture
def short_audit(toolkit):
    return self_assessment(
        toolkit,
        audit_item("There is a named strategic lead.", kind="checklist", step=toolkit["step"]),
        audit_item("Partners share decisions about contexts."),
    )


def tab_to(page, selector, limit=60):
    """Press Tab until the focused element matches the selector: how a keyboard user gets there."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_short_audit_completed_with_the_keyboard_only(live_server, page, short_audit, offline):
    page.goto(f"{live_server.url}/en/audit/self-assessment/")
    assert_no_axe_violations(page)

    tab_to(page, "#audit-area")
    page.keyboard.type("Testshire")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your audit has started")).to_be_visible()
    assert_no_axe_violations(page)

    # First item: into the radio group, Space picks red, Right arrow moves to amber.
    tab_to(page, "input[type=radio]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.type("A lead is being appointed.")
    # Second item: arrows move through the group and check as they go: red, amber, green.
    tab_to(page, "input[type=radio]")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Saved your answers to section 1: Governance.")).to_be_visible()
    expect(page.get_by_text("2 of 2 rated")).to_be_visible()

    response = AuditResponse.objects.get()
    assert response.area == "Testshire"
    assert dict(AuditAnswer.objects.values_list("item_text", "rating")) == {
        "There is a named strategic lead.": "amber",
        "Partners share decisions about contexts.": "green",
    }
    assert AuditAnswer.objects.get(rating="amber").notes == "A lead is being appointed."

    tab_to(page, "a[href$='/results/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Self-assessment: your results")).to_be_visible()
    expect(page.get_by_text("Overall: 0 red, 1 amber, 1 green, 0 not rated.")).to_be_visible()
    expect(page.get_by_role("link", name="Assessment").last).to_be_visible()
    assert_no_axe_violations(page)
    assert offline == []


def test_answers_save_as_they_change_and_survive_closing_the_browser(live_server, page, context, short_audit, browser):
    page.goto(f"{live_server.url}/en/audit/self-assessment/")
    page.get_by_role("button", name="Start the audit").click()
    link = page.get_by_label("Your private link").input_value()
    page.get_by_label("Red: Not in place").check()
    expect(page.locator("[data-status-for]").first).to_have_text("Saved")
    context.close()  # the browser is closed before any Save button is pressed

    fresh = browser.new_context()
    resumed = fresh.new_page()
    resumed.goto(link)
    expect(resumed.get_by_label("Red: Not in place")).to_be_checked()
    expect(resumed.get_by_text("1 of 2 rated")).to_be_visible()
    fresh.close()


@pytest.fixture
def audit_over_two_steps(toolkit):
    """Items name the steps out of the toolkit's order: the later step first."""
    later_step = StepPageFactory(parent=toolkit["home"], title="Planning and review", slug="planning-and-review")
    return self_assessment(
        toolkit,
        audit_item("Plans are reviewed with partners who manage places.", step=later_step),
        audit_item("Assessments look at peer groups and places.", step=toolkit["step"]),
    )


def rendered_text_heights(page, selector):
    return page.evaluate(
        "(selector) => [...document.querySelectorAll(selector)].map((text) => text.getBoundingClientRect().height)",
        selector,
    )


def test_the_private_link_copies_saves_show_in_view_and_results_fit_a_narrow_screen(
    live_server, page, context, browser, audit_over_two_steps
):
    page.set_viewport_size({"width": 320, "height": 640})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(f"{live_server.url}/en/audit/self-assessment/")
    page.get_by_role("button", name="Start the audit").click()
    page.wait_for_load_state()  # the box is measured as styled: a click waits for the new page, not its stylesheet
    private_link = page.url.split("?")[0]
    link_box = page.get_by_label("Your private link")
    expect(link_box).to_have_value(private_link)
    assert link_box.evaluate("box => box.scrollHeight <= box.clientHeight && box.scrollWidth <= box.clientWidth")
    page.get_by_role("button", name="Copy the link").click()
    expect(page.get_by_text("Link copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == private_link

    page.get_by_label("Red: Does not describe us yet").first.check()
    page.get_by_label("Amber: Partly describes us").last.check()
    page.get_by_role("button", name="Save section 1").click()
    saved = page.get_by_role("status").filter(has_text="Saved your answers to section 1: Governance.")
    expect(saved).to_be_focused()
    expect(saved).to_be_in_viewport()
    assert_no_axe_violations(page)

    page.goto(private_link + "results/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    steps = page.get_by_role("table", name="Ratings by toolkit step").locator("tbody th")
    expect(steps).to_have_text(["Assessment", "Planning and review"])
    # Chart text stays legible however narrow the chart's column: at least 12 px high as drawn.
    heights = rendered_text_heights(page, ".audit-chart text")
    assert heights and min(heights) >= 12, heights
    # The key is drawn inside the chart, never cut off at its edge.
    assert page.evaluate(
        """() => [...document.querySelectorAll('.audit-chart')].every((chart) => {
            const edge = chart.getBoundingClientRect().right;
            return [...chart.querySelectorAll('text')].every((text) => text.getBoundingClientRect().right <= edge);
        })"""
    )
    assert_no_axe_violations(page)

    without_script = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    plain = without_script.new_page()
    plain.goto(private_link)
    expect(plain.get_by_label("Your private link")).to_have_value(private_link)
    expect(plain.get_by_role("button", name="Copy the link")).to_be_hidden()
    without_script.close()

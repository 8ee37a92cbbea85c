"""Browser tests: a visitor's journey, axe-core checks per page type, keyboard use.

They drive Debian's Chromium (see tests/conftest.py) against pytest-django's
live server. `live_server` needs a transactional database, which is flushed
after each test; the next starts again from what the migrations made
(Wagtail's root page, default Site and Locale).
"""

import re
from pathlib import Path

from django.core.files.base import ContentFile

from wagtail.rich_text import RichText

import pytest
from playwright.sync_api import expect

from resources.factories import ResourceDocumentFactory, ResourcePageFactory, StepSubPageFactory
from resources.models import ResourceType, Tier
from sites.demo import silent_mp3
from tests.browser.conftest import assert_no_axe_violations, committed
from tests.conftest import publish_home_media

# --- Data ---------------------------------------------------------------------


@pytest.fixture
def tier_two_document(toolkit):
    """A downloadable PDF shown only with the Tier 2 content."""
    return ResourcePageFactory(
        parent=toolkit["step"],
        title="Context assessment form",
        document=ResourceDocumentFactory(title="Context assessment form"),
        tiers=Tier.TWO,
    )


@pytest.fixture
def full_toolkit(request, toolkit):
    return committed(request, "journeys/full_toolkit", lambda: build_full_toolkit(toolkit))


def build_full_toolkit(toolkit):
    """The toolkit with an overview video and infographic on the home page, a
    step holding a resource of every type, and a step section."""
    publish_home_media(toolkit["home"], "Overview of the toolkit", "Toolkit infographic")

    step = toolkit["step"]
    resources = {
        "document": ResourcePageFactory(
            parent=step,
            title="Assessment guide",
            resource_type=ResourceType.DOCUMENT,
            document=ResourceDocumentFactory(title="Assessment guide"),
            tiers=Tier.ONE,
        ),
        "video": ResourcePageFactory(
            parent=step,
            title="Assessing a park",
            resource_type=ResourceType.VIDEO,
            media_url="https://vimeo.com/76979871",
            transcript="<p>Speaker: this video shows how one team assessed a park.</p>",
            tiers=Tier.TWO,
        ),
        "podcast": ResourcePageFactory(
            parent=step,
            title="Practitioners talk assessment",
            resource_type=ResourceType.PODCAST,
            document=ResourceDocumentFactory(
                title="Practitioners talk assessment",
                file=ContentFile(silent_mp3(), name="assessment-podcast.mp3"),
            ),
            transcript="<p>Host: two practitioners talk about assessment.</p>",
        ),
        "tip": ResourcePageFactory(
            parent=step,
            title="Map where young people spend time",
            resource_type=ResourceType.TIP,
            summary="Start with a map of where young people in your area spend their time.",
        ),
        "link": ResourcePageFactory(
            parent=step,
            title="Contextual Safeguarding research",
            resource_type=ResourceType.LINK,
            external_url="https://www.example.org/contextual-safeguarding-research",
        ),
    }
    section = StepSubPageFactory(
        parent=step,
        title="Assessment tools",
        summary="Tools for assessing places and groups.",
        body=[("paragraph", RichText("<p>How to choose an assessment tool.</p>"))],
    )
    resources["section_document"] = ResourcePageFactory(
        parent=section,
        title="Peer group assessment tool",
        document=ResourceDocumentFactory(title="Peer group assessment tool"),
    )
    return {**toolkit, "resources": resources, "section": section}


# --- Journey ------------------------------------------------------------------


def test_visitor_finds_a_step_chooses_tier_two_and_downloads_a_resource(
    live_server, page, toolkit, document_resource, tier_two_document, offline
):
    page.goto(f"{live_server.url}/en/")
    expect(page.get_by_role("heading", level=1)).to_have_text(toolkit["home"].title)

    page.locator("main").get_by_role("link", name="Assessment", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/en/assessment/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment")
    tier_one = page.get_by_role("heading", name="Tier 1: individual children and families")
    tier_two = page.get_by_role("heading", name="Tier 2: extra-familial contexts")
    expect(tier_one).to_be_visible()
    expect(tier_two).to_be_visible()

    page.get_by_role("link", name="Tier 2: extra-familial contexts", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/assessment/\?tier=two$"))
    expect(tier_one).to_have_count(0)
    expect(page.locator(".tier-section--one")).to_have_count(0)
    expect(tier_two).to_be_visible()
    expect(page.get_by_text("Guidance for contexts.")).to_be_visible()
    expect(page.get_by_text("Guidance for individual work.")).to_have_count(0)
    expect(page.get_by_role("link", name="Tier 2: extra-familial contexts", exact=True)).to_have_attribute(
        "aria-current", "true"
    )
    # The Tier 1 resource is hidden; the Tier 2 one is listed with its download.
    expect(page.get_by_role("link", name=document_resource.title, exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name=tier_two_document.title, exact=True)).to_be_visible()

    # One resource download (the step's "Download all ... (ZIP)" link aside).
    download_link = page.locator("main").get_by_role("link", name=re.compile(r"^Download(?! all)"))
    expect(download_link).to_have_count(1)
    expect(download_link).to_contain_text(tier_two_document.title)
    expect(download_link).to_contain_text("PDF,")
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Path(download.path()).read_bytes().startswith(b"%PDF")
    assert offline == []


# --- Accessibility: axe-core, zero violations per page type ---------------------

AXE_PAGES = {
    "toolkit-home": "/en/",
    "national-page": "/en/principles/",
    "step-page": "/en/assessment/",
    "step-page-tier-two": "/en/assessment/?tier=two",
    "step-sub-page": "/en/assessment/assessment-tools/",
    "resource-document": "/en/assessment/assessment-guide/",
    "resource-video": "/en/assessment/assessing-a-park/",
    "resource-podcast": "/en/assessment/practitioners-talk-assessment/",
    "resource-tip": "/en/assessment/map-where-young-people-spend-time/",
    "resource-link": "/en/assessment/contextual-safeguarding-research/",
    "not-found": "/en/no-such-page/",
}


@pytest.mark.parametrize("path", AXE_PAGES.values(), ids=AXE_PAGES.keys())
def test_page_has_no_axe_violations(live_server, page, full_toolkit, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == (404 if path == AXE_PAGES["not-found"] else 200)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_no_axe_violations(page)


LOCALITY_PAGES = {
    "locality-home": "/en/hackney/",
    "locality-step": "/en/hackney/assessment/",
    "locality-step-tier-one": "/en/hackney/assessment/?tier=one",
    "inherited-page": "/en/hackney/principles/",
    "site-toolkits": "/en/toolkits/",
    "site-toolkits-filtered": "/en/toolkits/?nation=england",
}


@pytest.fixture
def localities(request, full_toolkit):
    return committed(request, "journeys/localities", lambda: build_journey_localities(full_toolkit))


def build_journey_localities(full_toolkit):
    from sites.factories import LocalityFactory, LocalityIndexPageFactory

    LocalityIndexPageFactory(parent=full_toolkit["home"])
    hackney = LocalityFactory(name="Hackney", slug="hackney", region="London", population=260000)
    step = hackney.home_page.get_children().get(slug="assessment").specific
    step.body = [("paragraph", RichText("<p>Hackney assesses parks with their wardens.</p>"))]
    step.save_revision().publish()
    ResourcePageFactory(parent=step, title="Hackney park assessment", resource_type=ResourceType.TIP)
    return hackney


@pytest.mark.parametrize("path", LOCALITY_PAGES.values(), ids=LOCALITY_PAGES.keys())
def test_locality_page_has_no_axe_violations(live_server, page, localities, path):
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert_no_axe_violations(page)


def test_home_page_shows_video_transcript_and_infographic(live_server, page, full_toolkit, offline):
    """The home page under axe is the full one: embed, transcript and download."""
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("iframe[title='YouTube video player']")).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    )
    transcript = page.locator("details.transcript")
    expect(transcript.locator("summary")).to_have_text("Transcript: Overview of the toolkit")
    expect(page.get_by_text("Narrator: welcome to the toolkit.")).to_be_hidden()
    # Open it from the keyboard: a mouse click right after Playwright scrolls
    # the summary into view can land in the (cross-origin, aborted) video
    # iframe that was under that point before the scroll, and get lost.
    transcript.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(transcript).to_have_attribute("open", "")
    expect(page.get_by_text("Narrator: welcome to the toolkit.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Download the infographic \(PDF,"))).to_be_visible()
    # The player was requested, and aborted by the `offline` fixture.
    for _ in range(50):
        if offline:
            break
        page.wait_for_timeout(100)
    assert offline == ["https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"]


def test_step_page_lists_every_resource_type(live_server, page, full_toolkit):
    page.goto(f"{live_server.url}/en/assessment/")
    for heading in ("Documents", "Videos", "Podcasts", "Tips", "External links"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()


# --- Keyboard -----------------------------------------------------------------


def test_first_tab_reaches_skip_link_which_moves_focus_to_main(live_server, page, toolkit):
    page.goto(f"{live_server.url}/en/assessment/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to main content")
    expect(focused).to_have_attribute("href", "#main-content")
    expect(focused).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/en/assessment/#main-content")
    expect(page.locator("main#main-content")).to_be_focused()

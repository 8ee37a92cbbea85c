from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

import pytest
from pytest_django.asserts import assertRedirects

from home.models import NationalPage, ToolkitHomePage
from resources.models import ResourcePage, StepPage, StepSubPage
from tests.conftest import page_html, publish_home_media

pytestmark = pytest.mark.django_db


class TestPageTreeRules(WagtailTestUtils):
    def test_home_sits_at_the_root_and_holds_national_pages_and_steps(self):
        assert ToolkitHomePage.can_create_at(Page.get_first_root_node())
        assert NationalPage in ToolkitHomePage.allowed_subpage_models()
        assert StepPage in ToolkitHomePage.allowed_subpage_models()
        assert ResourcePage not in ToolkitHomePage.allowed_subpage_models()

    def test_steps_hold_sections_and_resources_only(self):
        assert set(StepPage.allowed_subpage_models()) == {StepSubPage, ResourcePage}
        assert set(StepSubPage.allowed_subpage_models()) == {ResourcePage}
        assert ResourcePage.allowed_subpage_models() == []

    def test_national_pages_live_under_the_home_only(self):
        assert set(NationalPage.allowed_parent_page_models()) == {ToolkitHomePage, NationalPage}
        assert set(StepSubPage.allowed_parent_page_models()) == {StepPage}


PAGES_AND_WHAT_THEY_SHOW = {
    "home_links_to_national_pages_and_steps": (
        "/en/",
        200,
        ['href="/en/principles/"', 'href="/en/assessment/"', "The six toolkit steps"],
    ),
    "national_page_renders_body_and_last_updated": (
        "/en/principles/",
        200,
        ["<h1>Principles</h1>", "Context matters for every young person.", "Last updated"],
    ),
    "unknown_url_gets_the_sites_own_404": ("/en/no-such-page/", 404, ["Page not found", "Skip to main content"]),
}


@pytest.mark.parametrize(
    ("path", "status", "fragments"), PAGES_AND_WHAT_THEY_SHOW.values(), ids=PAGES_AND_WHAT_THEY_SHOW.keys()
)
def test_page_shows(client, toolkit, path, status, fragments):
    html = page_html(client, path, status=status)
    for fragment in fragments:
        assert fragment in html


def test_home_shows_video_with_transcript_and_infographic(client, toolkit):
    publish_home_media(toolkit["home"], "Overview", "Infographic")
    html = page_html(client, "/en/")
    assert "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ" in html
    assert "Narrator: welcome to the toolkit." in html
    assert "Download the infographic" in html
    assert "(PDF," in html


def test_root_redirects_to_english(client, toolkit):
    assertRedirects(client.get("/"), "/en/", fetch_redirect_response=False)


def test_draft_changes_are_not_public(client, toolkit):
    principles = toolkit["principles"]
    principles.summary = "A secret draft summary"
    principles.save_revision()
    assert "A secret draft summary" not in client.get("/en/principles/").content.decode()


def test_unpublished_page_is_404(client, toolkit):
    toolkit["principles"].unpublish()
    assert client.get("/en/principles/").status_code == 404


def test_navigation_lists_national_pages_and_steps(client, toolkit):
    html = client.get("/en/assessment/").content.decode()
    assert 'aria-label="Main"' in html
    assert 'href="/en/principles/"' in html
    assert 'aria-current="page">' in html
    assert 'aria-label="Breadcrumb"' in html

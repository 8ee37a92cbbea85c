from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils

import pytest

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


def test_home_links_to_national_pages_and_steps(client, toolkit):
    html = page_html(client, "/en/")
    assert 'href="/en/principles/"' in html
    assert 'href="/en/assessment/"' in html
    assert "The six toolkit steps" in html


def test_home_shows_video_with_transcript_and_infographic(client, toolkit):
    publish_home_media(toolkit["home"], "Overview", "Infographic")
    html = page_html(client, "/en/")
    assert "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ" in html
    assert "Narrator: welcome to the toolkit." in html
    assert "Download the infographic" in html
    assert "(PDF," in html


def test_national_page_renders_body_and_last_updated(client, toolkit):
    html = page_html(client, "/en/principles/")
    assert "<h1>Principles</h1>" in html
    assert "Context matters for every young person." in html
    assert "Last updated" in html


def test_root_redirects_to_english(client, toolkit):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_unknown_url_gets_the_sites_own_404(client, toolkit):
    html = page_html(client, "/en/no-such-page/", status=404)
    assert "Page not found" in html
    assert "Skip to main content" in html


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

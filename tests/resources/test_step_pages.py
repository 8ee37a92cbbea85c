import datetime

from django.core.files.base import ContentFile

import pytest

from resources.factories import ResourceDocumentFactory, ResourcePageFactory, StepSubPageFactory
from resources.models import ResourceType
from tests.conftest import page_html

pytestmark = pytest.mark.django_db


def test_step_shows_both_tiers_by_default(client, toolkit):
    html = client.get("/en/assessment/").content.decode()
    assert "Shared guidance for both tiers." in html
    assert "Guidance for individual work." in html
    assert "Guidance for contexts." in html


@pytest.mark.parametrize(
    ("value", "shown", "hidden"),
    [
        ("one", "Guidance for individual work.", "Guidance for contexts."),
        ("two", "Guidance for contexts.", "Guidance for individual work."),
    ],
)
def test_tier_parameter_shows_that_tiers_section(client, toolkit, value, shown, hidden):
    html = client.get(f"/en/assessment/?tier={value}").content.decode()
    assert "Shared guidance for both tiers." in html
    assert shown in html
    assert hidden not in html
    assert f'href="?tier={value}" aria-current="true"' in html


@pytest.mark.parametrize("value", ["three", "<script>alert(1)</script>", "ONE", "", "%00"])
def test_any_other_tier_value_shows_everything_without_echoing_it(client, toolkit, value):
    html = page_html(client, "/en/assessment/", {"tier": value})
    assert "Guidance for individual work." in html
    assert "Guidance for contexts." in html
    if value:
        assert value not in html.replace('href="?tier=one"', "").replace('href="?tier=two"', "")
    assert 'href="?" aria-current="true"' in html


def test_tier_switch_is_made_of_ordinary_links(client, toolkit):
    html = client.get("/en/assessment/").content.decode()
    assert 'aria-label="Choose a tier"' in html
    for href in ('href="?"', 'href="?tier=one"', 'href="?tier=two"'):
        assert href in html


def test_resources_are_filtered_by_tier(client, toolkit):
    step = toolkit["step"]
    ResourcePageFactory(parent=step, title="Only for tier one", resource_type="tip", tiers="one", document=None)
    ResourcePageFactory(parent=step, title="Only for tier two", resource_type="tip", tiers="two", document=None)
    ResourcePageFactory(parent=step, title="For both tiers", resource_type="tip", tiers="both", document=None)
    html = client.get("/en/assessment/?tier=two").content.decode()
    assert "Only for tier two" in html
    assert "For both tiers" in html
    assert "Only for tier one" not in html


def test_resources_are_grouped_by_type_in_a_fixed_order(client, toolkit):
    step = toolkit["step"]
    ResourcePageFactory(parent=step, title="A link", resource_type="link", external_url="https://example.org/")
    ResourcePageFactory(parent=step, title="A tip", resource_type="tip")
    ResourcePageFactory(parent=step, title="A guide", resource_type="document")
    html = client.get("/en/assessment/").content.decode()
    positions = [html.index(heading) for heading in (">Documents</h3>", ">Tips</h3>", ">External links</h3>")]
    assert positions == sorted(positions)
    assert html.index("A guide") < html.index("A tip") < html.index("A link")


def test_download_link_says_format_and_size(client, document_resource):
    document = document_resource.document
    assert document.file_size > 0
    html = client.get("/en/assessment/").content.decode()
    assert f'href="{document.url}"' in html
    assert "(PDF, " in html
    assert " KB)" in html or " bytes)" in html


def test_unpublished_and_draft_resources_are_not_listed(client, toolkit):
    step = toolkit["step"]
    hidden = ResourcePageFactory(parent=step, title="Withdrawn resource", resource_type="tip")
    hidden.unpublish()
    html = client.get("/en/assessment/").content.decode()
    assert "Withdrawn resource" not in html


def test_step_section_lists_its_resources_and_is_linked_from_the_step(client, toolkit):
    section = StepSubPageFactory(parent=toolkit["step"], title="MASH resources", slug="mash-resources")
    ResourcePageFactory(parent=section, title="Screening checklist", resource_type="tip")
    assert 'href="/en/assessment/mash-resources/"' in client.get("/en/assessment/").content.decode()
    html = client.get("/en/assessment/mash-resources/").content.decode()
    assert "Screening checklist" in html


def test_resource_pages_render_each_type(client, toolkit):
    step = toolkit["step"]
    audio = ResourceDocumentFactory(
        title="Episode", file=ContentFile(b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" * 200, name="e.mp3")
    )
    video = ResourcePageFactory(
        parent=step,
        slug="video",
        resource_type="video",
        media_url="https://vimeo.com/76979871",
        transcript="<p>Speaker one talks.</p>",
    )
    podcast = ResourcePageFactory(
        parent=step, slug="podcast", resource_type="podcast", document=audio, transcript="<p>Host speaks.</p>"
    )
    link = ResourcePageFactory(parent=step, slug="link", resource_type="link", external_url="https://example.org/x")
    video_html = client.get(video.url).content.decode()
    assert "https://player.vimeo.com/video/76979871?dnt=1" in video_html
    assert "Speaker one talks." in video_html
    podcast_html = client.get(podcast.url).content.decode()
    assert f'<audio controls preload="none" src="{audio.url}"' in podcast_html
    assert "Host speaks." in podcast_html
    assert "MP3 audio" in podcast_html
    assert 'href="https://example.org/x"' in client.get(link.url).content.decode()


def test_step_page_query_count_does_not_grow_with_resources(client, toolkit, django_assert_max_num_queries):
    """A step with 50 resources renders in the same query budget as one with 5."""
    step = toolkit["step"]
    kinds = [ResourceType.DOCUMENT, ResourceType.TIP, ResourceType.LINK]

    def add(count):
        for index in range(count):
            kind = kinds[index % len(kinds)]
            ResourcePageFactory(
                parent=step,
                resource_type=kind,
                external_url="https://example.org/" if kind == ResourceType.LINK else "",
                date=datetime.date(2024, 1 + index % 12, 1),
            )

    add(5)
    client.get("/en/assessment/")  # warm caches (site root paths, content types)
    with django_assert_max_num_queries(40) as small:
        assert client.get("/en/assessment/").status_code == 200
    add(45)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get("/en/assessment/")
    assert response.content.decode().count('class="resource"') == 50
    assert len(large.captured_queries) == len(small.captured_queries)

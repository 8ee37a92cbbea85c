"""A page's public history and the comparison of two versions."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from resources.factories import StepPageFactory

from .conftest import DRAFT_SECRET, publish

HISTORY = "/en/assessment/history/"
COMPARE = "/en/assessment/history/compare/"


@pytest.mark.django_db
def test_history_lists_published_versions_newest_first_with_notes(client, versions):
    response = client.get(HISTORY)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        html.index("Clarified referral routes")
        < html.index("Added guidance on schools")
        < html.index("First published")
    )
    assert f'id="version-{versions["third"].pk}"' in html
    assert f'id="version-{versions["minor"].pk}"' not in html  # minor changes are not listed
    assert f'id="version-{versions["draft"].pk}"' not in html
    assert DRAFT_SECRET not in html


@pytest.mark.django_db
def test_a_page_links_to_its_history(client, versions):
    html = client.get("/en/assessment/").content.decode()
    assert "Last updated" in html
    assert 'href="/en/assessment/history/"' in html


@pytest.mark.django_db
def test_published_without_a_note_shows_updated(client, versions):
    publish(versions["step"], title="Assessment of contexts")
    assert '<p class="history-list__note">Updated</p>' in client.get(HISTORY).content.decode()


@pytest.mark.django_db
def test_compare_shows_word_and_block_changes(client, versions):
    response = client.get(COMPARE, {"from": versions["first"].pk, "to": versions["third"].pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h2>Summary</h2>" in html
    assert '<span class="visually-hidden">added: </span>' in html
    assert "<strong>Added</strong>: Paragraph" in html
    assert "Work with schools on safety mapping." in html
    assert DRAFT_SECRET not in html


@pytest.mark.django_db
def test_history_links_each_version_to_the_previous_one(client, versions):
    html = client.get(HISTORY).content.decode()
    assert f"history/compare/?from={versions['second'].pk}&amp;to={versions['third'].pk}" in html
    assert f"history/compare/?from={versions['first'].pk}&amp;to={versions['second'].pk}" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"from": "abc", "to": "1"},
        {"from": "1.5", "to": "2"},
        {"from": "-1", "to": "2"},
        {"from": "9" * 30, "to": "1"},
        {"from": "", "to": ""},
        {"from": "\u00b2", "to": "1"},
    ],
)
def test_malformed_compare_parameters_are_404(client, versions, params):
    assert client.get(COMPARE, params).status_code == 404


@pytest.mark.django_db
def test_compare_refuses_drafts_minor_versions_one_version_and_other_pages(client, versions, toolkit):
    first, third = versions["first"].pk, versions["third"].pk
    other = StepPageFactory(parent=toolkit["home"], title="Planning", slug="planning")
    other_revision = publish(other, "Planning changed").pk
    for old, new in [
        (first, versions["draft"].pk),
        (versions["draft"].pk, third),
        (first, versions["minor"].pk),
        (first, first),
        (first, other_revision),
        (other.live_revision_id, third),
    ]:
        response = client.get(COMPARE, {"from": old, "to": new})
        assert response.status_code == 404, (old, new)
        assert DRAFT_SECRET not in response.content.decode()


@pytest.mark.django_db
def test_unpublished_page_has_no_history(client, versions):
    versions["step"].unpublish()
    assert client.get(HISTORY).status_code == 404
    assert client.get(COMPARE, {"from": versions["first"].pk, "to": versions["third"].pk}).status_code == 404


@pytest.mark.django_db
def test_private_page_history_is_never_shown(client, versions):
    restriction = PageViewRestriction.objects.create(page=versions["step"], restriction_type="login")
    response = client.get(HISTORY)
    assert response.status_code in (302, 404)
    assert "Added guidance on schools" not in response.content.decode()
    # Even someone who may see the page itself gets no public history of it.
    client.force_login(get_user_model().objects.create_user("reader", "reader@example.org", "pw"))
    assert client.get(HISTORY).status_code == 404
    assert client.get(COMPARE, {"from": versions["first"].pk, "to": versions["third"].pk}).status_code == 404
    restriction.delete()


@pytest.mark.django_db
def test_history_under_a_private_ancestor_is_404(client, versions, toolkit):
    PageViewRestriction.objects.create(page=toolkit["home"], restriction_type="password", password="pw")
    response = client.get(HISTORY)
    assert "Clarified referral routes" not in response.content.decode()


@pytest.mark.django_db
def test_beyond_the_last_history_page_is_404(client, versions):
    assert client.get(HISTORY, {"page": "99"}).status_code == 404
    assert client.get(HISTORY, {"page": "x"}).status_code == 200  # not a number: the first page


@pytest.mark.django_db
def test_history_query_count_does_not_grow_with_versions(client, versions):
    client.get(HISTORY)  # warms the site root paths cache
    with CaptureQueriesContext(connection) as few:
        assert client.get(HISTORY).status_code == 200
    for number in range(30):
        publish(versions["step"], f"Change {number}", summary=f"Summary {number}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(HISTORY)
    assert response.status_code == 200
    assert "Older versions" in response.content.decode()
    assert len(many) == len(few)

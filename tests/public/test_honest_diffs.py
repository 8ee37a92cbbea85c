"""A one-sentence edit through the admin's edit form shows as one changed block.

The edit form sends every block back in its editor form (rich text through
Draftail's content state), so the stored form of untouched blocks changes
(block keys, markup) while what a reader sees does not. The public compare,
the locality "what changed" views and the reversed compare are read as a
visitor reads them.
"""

import json
import re

from django.contrib.auth import get_user_model

import pytest

from home.models import NationalPage
from sites.models import InheritedPage, LocalityHomePage

from .admin_forms import edit_form_post_data, stream_post_data

pytestmark = pytest.mark.django_db

OLD_SENTENCE = "A contextual system targets the social conditions of abuse"
NEW_SENTENCE = "A contextual system changes the social conditions of abuse"


@pytest.fixture
def editor_client(client, demo):
    user = get_user_model().objects.create_superuser("national-editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def edit_one_sentence(client, page, old, new):
    """Change `old` to `new` in one paragraph of the page's body, through the edit form, and publish."""
    url, data, states = edit_form_post_data(client, page)
    body = states["body"]
    edited = 0
    for block in body:
        if block["type"] == "paragraph" and old in block["value"]:
            content_state = json.loads(block["value"])
            for line in content_state["blocks"]:
                if old in line["text"]:
                    line["text"] = line["text"].replace(old, new)
                    edited += 1
            block["value"] = json.dumps(content_state)
    assert edited == 1
    data.update(stream_post_data(type(page).body.field.stream_block, body, "body"))
    data["change_note"] = "Reworded the first principle."
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return type(page).objects.get(pk=page.pk)


def compare_url(page, old_revision_id, new_revision_id):
    return f"/en/{page.slug}/history/compare/?from={old_revision_id}&to={new_revision_id}"


def status_words(html):
    return re.findall(r'<p class="history-block__status"><strong>([^<]+)</strong>', html)


def test_a_one_sentence_admin_edit_shows_one_changed_block(editor_client):
    page = NationalPage.objects.get(slug="principles", locale__language_code="en")
    before = page.live_revision_id
    page = edit_one_sentence(editor_client, page, OLD_SENTENCE, NEW_SENTENCE)
    html = editor_client.get(compare_url(page, before, page.live_revision_id)).content.decode()
    assert status_words(html) == ["Changed"]
    assert '<del><span class="visually-hidden">removed: </span>targets</del>' in html
    assert '<ins><span class="visually-hidden">added: </span>changes</ins>' in html


def test_a_reversed_compare_shows_the_versions_in_order(editor_client):
    page = NationalPage.objects.get(slug="principles", locale__language_code="en")
    before = page.live_revision_id
    page = edit_one_sentence(editor_client, page, OLD_SENTENCE, NEW_SENTENCE)
    response = editor_client.get(compare_url(page, page.live_revision_id, before), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [(compare_url(page, before, page.live_revision_id), 302)]
    assert status_words(response.content.decode()) == ["Changed"]


def test_a_locality_sees_only_the_sentence_the_national_team_changed(editor_client):
    national = NationalPage.objects.get(slug="principles", locale__language_code="en")
    bristol = InheritedPage.objects.get(url_path__endswith="/bristol/principles/", locale__language_code="en")
    assert bristol.is_adapted
    before = editor_client.get("/en/bristol/principles/national-changes/").content.decode()
    edit_one_sentence(editor_client, national, OLD_SENTENCE, NEW_SENTENCE)
    public = editor_client.get("/en/bristol/principles/national-changes/").content.decode()
    assert len(status_words(public)) == len(status_words(before)) + 1, (status_words(before), status_words(public))


def test_a_comparison_uses_readers_words_not_the_cms_names(editor_client):
    page = NationalPage.objects.get(slug="principles", locale__language_code="en")
    before = page.live_revision_id
    page = edit_one_sentence(editor_client, page, OLD_SENTENCE, NEW_SENTENCE)
    html = editor_client.get(compare_url(page, before, page.live_revision_id)).content.decode()
    assert "<strong>Changed</strong>: Text" in html
    assert "<h2>Main text</h2>" in html or "<h3>Main text</h3>" in html
    for cms_word in ("Paragraph", "Body", "unchanged block", "Style"):
        assert cms_word not in html


def test_a_locality_homes_history_compares_its_versions_like_any_page(editor_client):
    home = LocalityHomePage.objects.get(slug="hackney", locale__language_code="en")
    url, data, _states = edit_form_post_data(editor_client, home)
    introduction = json.loads(data["introduction"])
    introduction["blocks"][-1]["text"] += " Partners now meet every week."
    data["introduction"] = json.dumps(introduction)
    data["change_note"] = "Partners meet weekly."
    data["action-publish"] = "action-publish"
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    history = editor_client.get("/en/hackney/history/").content.decode()
    assert 'class="history-compare-form"' in history
    compare = re.search(r'href="(/en/hackney/history/compare/\?from=\d+&amp;to=\d+)"', history).group(1)
    html = editor_client.get(compare.replace("&amp;", "&")).content.decode()
    changed_fields = re.findall(r'<section class="history-comparison__field">\s*<h2>([^<]+)</h2>', html)
    assert changed_fields == ["Introduction"]
    assert re.search(r"<ins><span class=\"visually-hidden\">added: </span>[^<]*every week", html), html

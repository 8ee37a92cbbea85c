"""Locality editors link national documents and images, read-only, and
still never see another locality's collection."""

import html
import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

import pytest
import wagtail_factories

from resources.blocks import RICH_TEXT_FEATURES
from resources.factories import ResourceDocumentFactory
from resources.models import ResourceDocument, StepPage
from sites.factories import LocalityFactory
from sites.national_documents import national_collection

NATIONAL_DOCUMENT, HACKNEY_DOCUMENT, BRISTOL_DOCUMENT = "National briefing", "Hackney minutes", "Bristol minutes"


@pytest.fixture
def world(toolkit):
    hackney = LocalityFactory(name="Hackney", slug="hackney")
    bristol = LocalityFactory(name="Bristol", slug="bristol")
    national = national_collection()
    editor = get_user_model().objects.create_user("hackney-editor", "hackney-editor@example.org", "pw")
    editor.groups.add(hackney.editors_group)
    return {
        "hackney": hackney,
        "editor": editor,
        "national_document": ResourceDocumentFactory(title=NATIONAL_DOCUMENT, collection=national),
        "national_image": wagtail_factories.ImageFactory(title="National map", collection=national),
        "hackney_document": ResourceDocumentFactory(title=HACKNEY_DOCUMENT, collection=hackney.collection),
        "bristol_document": ResourceDocumentFactory(title=BRISTOL_DOCUMENT, collection=bristol.collection),
        "step": StepPage.objects.child_of(hackney.home_page).get(),
    }


def text(response):
    return html.unescape(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("chooser", ["wagtaildocs_chooser:choose", "wagtailimages_chooser:choose"])
def test_choosers_list_national_media_beside_the_editors_own(client, world, chooser):
    client.force_login(world["editor"])
    response = client.get(reverse(chooser))
    assert response.status_code == 200
    listed = text(response)
    if chooser.startswith("wagtaildocs"):
        assert NATIONAL_DOCUMENT in listed
        assert HACKNEY_DOCUMENT in listed
        assert BRISTOL_DOCUMENT not in listed
    else:
        assert "National map" in listed
    assert "Bristol" not in listed, "no other locality's collection is offered"


@pytest.mark.django_db
def test_editor_links_a_national_document_in_their_page(client, world):
    client.force_login(world["editor"])
    step, document = world["step"], world["national_document"]
    url = reverse("wagtailadmin_pages:edit", args=[step.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    link = f'<p>See the <a linktype="document" id="{document.pk}">national briefing</a>.</p>'
    for field in StepPage._meta.get_fields():
        if isinstance(field, StreamField):
            blocks = [("paragraph", rich_text(link, features=RICH_TEXT_FEATURES))] if field.name == "body" else []
            data.update(nested_form_data({field.name: streamfield(blocks)}))
    response = client.post(url, data)
    assert response.status_code == 302, "refused: " + text(response)[:300]
    saved = str(Page.objects.get(pk=step.pk).latest_revision.content["body"])
    assert re.search(rf'linktype=\\?"document\\?" id=\\?"{document.pk}\\?"', saved)


@pytest.mark.django_db
@pytest.mark.parametrize("view", ["edit", "delete"])
def test_national_documents_stay_read_only_for_locality_editors(client, world, view):
    client.force_login(world["editor"])
    document = world["national_document"]
    response = client.post(reverse(f"wagtaildocs:{view}", args=[document.pk]), {"title": "Changed"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert ResourceDocument.objects.get(pk=document.pk).title == NATIONAL_DOCUMENT


@pytest.mark.django_db
def test_localities_made_before_the_national_collection_get_it_too(toolkit):
    """Shared when it is first made, whichever comes first."""
    early = LocalityFactory(name="Leeds", slug="leeds")
    collection = national_collection()
    editor = get_user_model().objects.create_user("leeds-editor", "leeds@example.org", "pw")
    editor.groups.add(early.editors_group)
    permission_policy = policy_registry.get_by_type(get_document_model())
    assert collection in permission_policy.collections_user_has_permission_for(editor, "choose")
    assert collection not in permission_policy.collections_user_has_any_permission_for(editor, ["change", "delete"])

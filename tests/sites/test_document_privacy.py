"""Documents follow the privacy of the pages that use them (issue 14,
finding 10): a document used only by a private, unpublished or draft page no
longer downloads anonymously by URL. Each case through Wagtail's own
document URL, as a visitor, a logged-in visitor and the locality's editor.
"""

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from resources.factories import ResourceDocumentFactory, make_pdf
from tests.sites import test_permissions as permission_world

world_once = permission_world.world_once
world = permission_world.world
login = permission_world.login

pytestmark = pytest.mark.django_db


def download(client, document):
    return client.get(document.url)


def restrict(page, restriction_type, password=""):
    return PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, password=password)


def test_a_document_with_a_public_use_downloads_for_everyone(world, client):
    assert download(client, world.hackney_document).status_code == 200


def test_a_document_used_only_by_a_login_restricted_page_asks_visitors_to_log_in(world, client, login):
    restrict(world.page("own_resource"), PageViewRestriction.LOGIN)
    response = download(client, world.hackney_document)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailcore_login") + "?next=")
    assert download(login("national"), world.hackney_document).status_code == 200


def test_a_document_used_only_by_a_password_protected_page_needs_the_password(world, client):
    page = world.page("own_resource")
    restriction = restrict(page, PageViewRestriction.PASSWORD, password="open sesame")
    assert download(client, world.hackney_document).status_code == 404
    form_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    entered = client.post(form_url, {"password": "open sesame", "return_url": page.url})
    assert entered.status_code == 302
    assert download(client, world.hackney_document).status_code == 200


def test_a_document_used_only_by_an_unpublished_page_is_for_its_editors(world, client, login):
    world.page("own_resource").unpublish()
    assert download(client, world.hackney_document).status_code == 404
    assert download(login("editor"), world.hackney_document).status_code == 200


def test_a_document_only_in_a_draft_is_not_public_until_published(world, client, login):
    resource = world.page("own_resource")
    draft_document = ResourceDocumentFactory(
        title="Hackney draft plan",
        collection=world.hackney.collection,
        file=ContentFile(make_pdf("Hackney draft plan", ["Not yet public."]), name="hackney-draft-plan.pdf"),
    )
    saved = login("editor").post(
        reverse("wagtailadmin_pages:edit", args=[resource.pk]),
        permission_world.page_form(resource, document=str(draft_document.pk)),
    )
    assert saved.status_code == 302
    client.logout()
    assert download(client, draft_document).status_code == 404
    assert download(client, world.hackney_document).status_code == 200  # the live version's document

    published = login("publisher").post(
        reverse("wagtailadmin_pages:edit", args=[resource.pk]),
        permission_world.page_form(resource, document=str(draft_document.pk), **{"action-publish": "action-publish"}),
    )
    assert published.status_code == 302
    client.logout()
    assert download(client, draft_document).status_code == 200


def test_another_localitys_editor_cannot_download_a_private_document(world, login):
    world.page("other_resource").unpublish()
    assert download(login("editor"), world.bristol_document).status_code == 404


# --- Archived localities -------------------------------------------------------


@pytest.fixture
def bristol_archived(world):
    from sites.provisioning import SetLocalityStatus

    SetLocalityStatus(user=world.users["national"], locality=world.bristol, status="archived").execute()
    return world.bristol


def test_a_document_used_only_by_an_archived_localitys_pages_follows_the_archive(world, client, bristol_archived):
    assert download(client, world.bristol_document).status_code == 404


def test_the_national_team_still_downloads_an_archived_localitys_document(world, login, bristol_archived):
    assert download(login("national"), world.bristol_document).status_code == 200


def test_another_localitys_editor_cannot_download_an_archived_localitys_document(world, login, bristol_archived):
    assert download(login("editor"), world.bristol_document).status_code == 404


def test_a_document_also_used_by_a_public_locality_still_downloads(world, client, bristol_archived):
    resource = world.page("own_resource")
    resource.document = world.bristol_document
    resource.save_revision().publish()
    assert download(client, world.bristol_document).status_code == 200


def test_a_restored_localitys_documents_download_again(world, client, bristol_archived):
    from sites.provisioning import SetLocalityStatus

    SetLocalityStatus(user=world.users["national"], locality=world.bristol, status="active").execute()
    assert download(client, world.bristol_document).status_code == 200

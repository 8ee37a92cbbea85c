"""Replacing a resource's file keeps the earlier file in its public history."""

from django.core.files.base import ContentFile

from wagtail.models import PageViewRestriction

import pytest

from history.models import DocumentFileVersion
from resources.factories import make_pdf

RESOURCE = "/en/assessment/assessment-guide/"


def test_admin_replacement_keeps_the_earlier_file(replaced, document_resource):
    document_resource.document.refresh_from_db()
    assert "2026" in document_resource.document.file.name
    assert replaced.file.name != document_resource.document.file.name
    with replaced.file.open("rb") as kept:
        assert kept.read().startswith(b"%PDF")


@pytest.mark.django_db
def test_earlier_file_is_listed_and_downloadable(client, replaced):
    html = client.get(RESOURCE + "history/").content.decode()
    assert "Earlier files" in html
    url = f"{RESOURCE}history/files/{replaced.pk}/"
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_withdrawn_or_private_earlier_files_are_not_served(client, replaced, document_resource, toolkit):
    url = f"{RESOURCE}history/files/{replaced.pk}/"
    assert client.get(f"/en/assessment/history/files/{replaced.pk}/").status_code == 404  # not this page's file
    assert client.get(f"{RESOURCE}history/files/999999/").status_code == 404
    PageViewRestriction.objects.create(page=document_resource, restriction_type="login")
    assert client.get(url).status_code in (302, 404)
    PageViewRestriction.objects.all().delete()
    replaced.withdrawn_at = replaced.replaced_at
    replaced.save()
    assert client.get(url).status_code == 404
    assert url not in client.get(RESOURCE + "history/").content.decode()


@pytest.mark.django_db
def test_files_replaced_in_code_are_kept_too(document_resource, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    document = document_resource.document
    document.file.save("first.pdf", ContentFile(make_pdf("First")))
    document.file = ContentFile(make_pdf("Second"), name="second.pdf")
    document.save()
    kept = DocumentFileVersion.objects.filter(document=document).first()
    assert kept.filename.startswith("first")

import io
import os
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from resources.factories import make_pdf
from resources.models import ResourceDocument

pytestmark = pytest.mark.django_db


def stored_files(settings):
    root = settings.MEDIA_ROOT
    found = []
    for folder, _dirs, files in os.walk(root):
        found += [os.path.join(folder, name) for name in files]
    return found


def upload(admin_client, name, data):
    return admin_client.post(
        "/admin/documents/add/",
        {"title": "Upload", "file": SimpleUploadedFile(name, data), "collection": 1},
    )


def test_a_real_pdf_is_accepted_and_stored(admin_client, settings):
    response = upload(admin_client, "guide.pdf", make_pdf("Guide"))
    assert response.status_code == 302
    document = ResourceDocument.objects.get()
    assert document.file_size > 0
    assert document.download_label.startswith("PDF, ")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" + bytes(100), "not allowed"),
        ("notes.txt", b"just text", "not allowed"),
        ("fake.pdf", b"this is plain text, not a PDF", "its content is not in PDF format"),
        ("fake.docx", make_pdf("A PDF in disguise"), "its content is not in Word format"),
        ("fake.mp3", b"<html>not audio</html>", "its content is not in MP3 audio format"),
    ],
    # Named, not derived from the data: a generated PDF carries its creation time,
    # and pytest-xdist's workers must collect the same test ids.
    ids=["program", "plain-text", "text-named-pdf", "pdf-named-docx", "html-named-mp3"],
)
def test_bad_uploads_are_refused_with_a_message_and_nothing_is_stored(admin_client, settings, name, data, message):
    before = stored_files(settings)
    response = upload(admin_client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ResourceDocument.objects.count() == 0
    assert stored_files(settings) == before


def test_oversized_upload_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(admin_client, "big.pdf", make_pdf("Big", ["x" * 4000] * 5))
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert ResourceDocument.objects.count() == 0


def test_multiple_upload_refuses_mismatched_content(admin_client, settings):
    before = stored_files(settings)
    response = admin_client.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("fake.pdf", b"not a pdf"), "collection": 1},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    payload = response.json()
    assert payload["success"] is False
    assert ResourceDocument.objects.count() == 0
    assert stored_files(settings) == before


def test_an_open_document_spreadsheet_is_accepted(admin_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    response = upload(admin_client, "figures.ods", buffer.getvalue())
    assert response.status_code == 302
    assert ResourceDocument.objects.get().format_label == "OpenDocument spreadsheet"

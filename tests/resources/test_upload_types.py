"""Every file type the issue lists is accepted when its content matches, and
a podcast's audio file plays on its page with a transcript."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

import docx
import openpyxl
import pytest
from PIL import Image

from resources.factories import make_pdf
from resources.models import ResourceDocument
from sites.demo import silent_mp3

pytestmark = pytest.mark.django_db


def zipped(entries) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def word() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def excel() -> bytes:
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


def image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, kind)
    return buffer.getvalue()


SAMPLES = {
    "guide.pdf": (lambda: make_pdf("Guide"), "PDF"),
    "notes.docx": (word, "Word"),
    "figures.xlsx": (excel, "Excel"),
    "slides.pptx": (
        lambda: zipped([("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p/>")]),
        "PowerPoint",
    ),
    "letter.odt": (
        lambda: zipped([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>")]),
        "OpenDocument text",
    ),
    "talk.odp": (
        lambda: zipped([("mimetype", "application/vnd.oasis.opendocument.presentation"), ("content.xml", "<x/>")]),
        "OpenDocument presentation",
    ),
    "episode.mp3": (silent_mp3, "MP3 audio"),
    "episode.m4a": (lambda: b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + bytes(64), "M4A audio"),
    "chart.png": (lambda: image("PNG"), "PNG image"),
    "photo.jpg": (lambda: image("JPEG"), "JPEG image"),
}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_listed_type_is_accepted_and_labelled(admin_client, name):
    make, label = SAMPLES[name]
    response = admin_client.post(
        "/admin/documents/add/", {"title": name, "file": SimpleUploadedFile(name, make()), "collection": 1}
    )
    assert response.status_code == 302
    assert ResourceDocument.objects.get().format_label == label


@pytest.mark.parametrize(("name", "disguise"), [("chart.png", "photo.jpg"), ("episode.mp3", "episode.m4a")])
def test_a_file_renamed_to_another_listed_type_is_refused(admin_client, name, disguise):
    make, _label = SAMPLES[name]
    response = admin_client.post(
        "/admin/documents/add/", {"title": "x", "file": SimpleUploadedFile(disguise, make()), "collection": 1}
    )
    assert response.status_code == 200
    assert "its content is not in" in response.content.decode()
    assert not ResourceDocument.objects.exists()

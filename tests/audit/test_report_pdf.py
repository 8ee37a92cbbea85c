"""The audit PDF keeps Welsh letters: it embeds a Unicode font (DejaVu Sans)."""

import io

from django.conf import settings

import pytest
from pypdf import PdfReader

from audit import reports

from .conftest import TOKEN_URL, item_ids

WELSH_AREA = "Ŵyr a ŷd ym Mhen-y-bont"
WELSH_NOTE = "Mae’r ŵyl yn ŷd – “cyd-destun”"


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def welsh_answered(client, audit):
    response = client.post("/en/audit/self-assessment/", {"area": WELSH_AREA})
    url = TOKEN_URL.search(response["Location"]).group(0)
    lead = item_ids(audit)[0]
    response = client.post(url, {"item": [lead], f"rating-{lead}": "red", f"notes-{lead}": WELSH_NOTE})
    assert response.status_code in (200, 302)
    return url


def test_the_font_is_installed_by_the_projects_set_up():
    assert reports.unicode_font_files() is not None, (
        f"DejaVu Sans is missing from {settings.AUDIT_PDF_FONT_DIR}: apt-get install fonts-dejavu-core"
    )


def test_the_pdf_keeps_w_and_y_circumflex(client, welsh_answered):
    download = client.get(welsh_answered + "report/pdf/")
    assert download.status_code == 200
    text = pdf_text(download.content)
    assert WELSH_AREA in text
    assert "ŵ" in text and "ŷ" in text
    assert WELSH_NOTE in text  # curly quotes and dashes kept too
    assert b"DejaVuSans" in download.content  # the font is embedded


def test_without_the_font_the_pdf_is_still_made_in_latin1(client, welsh_answered, settings):
    settings.AUDIT_PDF_FONT_DIR = "no-such-folder"
    download = client.get(welsh_answered + "report/pdf/")
    assert download.status_code == 200
    text = pdf_text(download.content)
    assert "wyr a yd ym mhen-y-bont" in text.lower()

"""Site search (/en/search/, /en/<slug>/search/) and text inside documents."""

import io

from django.core.files.base import ContentFile

import docx
import pytest

from resources.factories import ResourceDocumentFactory, ResourcePageFactory, make_pdf
from resources.models import ResourcePage

from .conftest import archive

pytestmark = pytest.mark.django_db


def word_file(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_text_inside_pdf_and_word_files_is_extracted(toolkit):
    pdf = ResourceDocumentFactory(file=ContentFile(make_pdf("Guide", ["A lighthouse keeper's log."]), name="a.pdf"))
    word = ResourceDocumentFactory(file=ContentFile(word_file("Minutes of the harbour meeting."), name="b.docx"))
    assert "lighthouse keeper" in pdf.extracted_text
    assert "harbour meeting" in word.extracted_text


def test_unreadable_document_gives_no_text_and_no_error(toolkit):
    fake = ResourceDocumentFactory(file=ContentFile(b"%PDF-1.4 not really a pdf", name="broken.pdf"))
    assert fake.extracted_text == ""


def test_search_finds_a_phrase_only_inside_a_pdf(client, library):
    response = client.get("/en/search/", {"q": "zebra crossing"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 result for" in html
    assert "Hackney context assessment form" in html
    assert '<span class="search-result__type">Document</span>' in html
    assert 'Step: <a href="/en/hackney/assessment/">Assessment</a>' in html
    assert "In: <strong>Hackney</strong>" in html


def test_replacing_a_documents_file_reindexes_the_pages_using_it(client, toolkit):
    resource = ResourcePageFactory(parent=toolkit["step"], title="Swappable guide")
    document = resource.document
    document.file = ContentFile(make_pdf("New", ["Flamingo migration patterns."]), name="new.pdf")
    document.save()
    assert "Swappable guide" in client.get("/en/search/", {"q": "flamingo"}).content.decode()


def test_search_shows_steps_and_national_pages_with_their_type(client, library):
    html = client.get("/en/search/", {"q": "context"}).content.decode()
    assert "Principles" in html
    assert "National page" in html


def test_locality_search_is_scoped_unless_all_is_chosen(client, library):
    scoped = client.get("/en/bristol/search/", {"q": "zebra crossing"}).content.decode()
    assert "0 results" in scoped
    everywhere = client.get("/en/bristol/search/", {"q": "zebra crossing", "scope": "all"}).content.decode()
    assert "Hackney context assessment form" in everywhere
    assert 'value="all" checked' in everywhere


def test_archived_localities_drafts_and_mirrors_never_show(client, library):
    draft = library["hackney_tier_one"]
    draft.title = "Secret draft flamingo"
    draft.save_revision()
    archive(library["bristol"])
    assert "0 results" in client.get("/en/search/", {"q": "flamingo"}).content.decode()
    assert "Bristol place referral form" not in client.get("/en/search/", {"q": "referral"}).content.decode()
    # Principles is mirrored in both localities but found once, at its national address.
    html = client.get("/en/search/", {"q": "principles"}).content.decode()
    principles = html.split('<ol class="search-results"')[1].split("</ol>")[0]
    assert principles.count('href="/en/principles/"') == 1
    assert "/en/hackney/principles/" not in principles


ODD_QUERIES = [
    {"q": "x" * 5000},
    {"q": "<b>bold</b>", "page": "zz"},
    {"q": "&|!:*()"},
    {"q": '"unterminated'},
    {"q": "nul\x00byte"},
    {"q": "NEAR( a"},
]


@pytest.mark.parametrize("url", ["/en/search/", "/en/resources/", "/en/hackney/search/", "/en/hackney/resources/"])
@pytest.mark.parametrize("params", ODD_QUERIES)
def test_odd_queries_never_fail_or_echo_markup(client, library, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    assert "<b>bold</b>" not in response.content.decode()


def test_punctuation_around_words_still_finds_them(client, library):
    response = client.get("/en/search/", {"q": '"zebra crossing"'})
    assert library["hackney_form"].title in response.content.decode()


def test_resource_index_carries_the_document_text(library):
    resource = ResourcePage.objects.get(pk=library["hackney_form"].pk)
    assert "zebra crossing" in resource.document_text()

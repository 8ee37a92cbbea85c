"""The audit PDF: it keeps Welsh letters (it embeds a Unicode font, DejaVu
Sans), and it is a tagged PDF that screen readers can follow: a structure
tree of headings, paragraphs and tables that holds every piece of text, page
numbers marked as artifacts, its language and title, text left-aligned.
Checked with pypdf (veraPDF is a Java tool that no package registry here
ships)."""

import io

from django.conf import settings

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

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


def structure(element):
    """(type, [MCIDs], attributes, children) for a structure element and all below it."""
    element = element.get_object()
    kids = element.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    mcids = [kid for kid in kids if isinstance(kid, int)]
    children = [structure(kid) for kid in kids if not isinstance(kid, int)]
    attributes = element.get("/A", {})
    return element["/S"], mcids, dict(attributes), children


def flatten(node):
    yield node
    for child in node[3]:
        yield from flatten(child)


def marked_content(page):
    """Each piece of text on the page and what encloses it: ("Artifact", None) or (type, MCID)."""
    stack, shown = [], []
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"BDC":
            stack.append((operands[0], operands[1].get("/MCID")))
        elif operator == b"BMC":
            stack.append((operands[0], None))
        elif operator == b"EMC":
            stack.pop()
        elif operator in (b"Tj", b"TJ", b"'", b'"'):
            shown.append(stack[-1] if stack else None)
        elif operator == b"Tw":
            assert operands[0] == 0, "word spacing: the text is justified"
    return shown


def test_the_pdf_is_tagged_with_headings_tables_language_and_title(client, welsh_answered, audit):
    reader = PdfReader(io.BytesIO(client.get(welsh_answered + "report/pdf/").content))
    catalogue = reader.trailer["/Root"]
    assert bool(catalogue["/MarkInfo"]["/Marked"])
    assert catalogue["/Lang"] == "en-GB"
    assert reader.metadata.title == "Self-assessment: report"
    assert bool(catalogue["/ViewerPreferences"]["/DisplayDocTitle"])

    root_kids = catalogue["/StructTreeRoot"]["/K"]
    document = structure(root_kids[0] if isinstance(root_kids, list) else root_kids)
    assert document[0] == "/Document"
    top = [node[0] for node in document[3]]
    assert top[:6] == ["/H1", "/P", "/P", "/P", "/P", "/H2"]
    assert top.count("/H2") == 4  # summary by section and by step, where to start, all answers
    assert "/H3" in top
    table = next(node for node in document[3] if node[0] == "/Table")
    header, *rows = table[3]
    assert [cell[0] for cell in header[3]] == ["/TH"] * 5
    assert all(cell[2]["/Scope"] == "/Column" for cell in header[3])
    assert len(rows) == len(audit.audit_sections)
    for row in rows:
        assert [cell[0] for cell in row[3]] == ["/TH", "/TD", "/TD", "/TD", "/TD"]
        assert row[3][0][2]["/Scope"] == "/Row"

    tagged = {}
    parent_tree = catalogue["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    for number, page in enumerate(reader.pages, start=1):
        shown = marked_content(page)
        assert None not in shown, f"untagged text on page {number}"
        assert ("/Artifact", None) in shown  # the page number
        in_tree = parent_tree[parent_tree.index(page["/StructParents"]) + 1]
        tagged[number] = [structure(element) for element in in_tree]
        mcids = sorted({mcid for kind, mcid in shown if kind != "/Artifact"})
        assert mcids == list(range(len(in_tree)))
        for kind, mcid in shown:
            if kind != "/Artifact":
                assert tagged[number][mcid][0] == kind and tagged[number][mcid][1] == [mcid]
    leaves = [node for node in flatten(document) if node[1]]
    assert sum(len(elements) for elements in tagged.values()) == len(leaves)

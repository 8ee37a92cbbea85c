"""The page frame (navigation, language switch, hreflang links, footer) as a
visitor sees it in English and Welsh, and what it costs in queries.

The world: the conftest toolkit with a Welsh home and a Welsh "Principles"
(Egwyddorion), a privacy notice with a Welsh version and an accessibility
statement without one, both chosen in the footer settings.
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale, PageViewRestriction

import pytest

from home.factories import NationalPageFactory
from siteinfo.models import FooterSettings
from tests.conftest import build_toolkit, publish_welsh_copy, rolled_back

pytestmark = pytest.mark.django_db

# /cy/principles/ took 36 queries when each frame tag read the view restrictions,
# the toolkit root and the page's translations for itself, and each footer link
# cost three; 19 to 24 since they are read once per request.
PRINCIPLES_PAGE_QUERY_BUDGET = 26


@pytest.fixture(scope="module")
def world_once(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        toolkit = build_toolkit()
        publish_welsh_copy(toolkit["home"], title="Pecyn Cymorth")
        publish_welsh_copy(toolkit["principles"], title="Egwyddorion")
        privacy = NationalPageFactory(parent=toolkit["home"], title="Privacy notice", slug="privacy")
        publish_welsh_copy(privacy, title="Hysbysiad preifatrwydd", slug="preifatrwydd")
        accessibility = NationalPageFactory(parent=toolkit["home"], title="Accessibility", slug="accessibility")
        footer = FooterSettings.load()
        footer.privacy_page = privacy
        footer.accessibility_page = accessibility
        footer.contact_email = "team@example.org"
        footer.save()
        yield {"privacy": privacy, "accessibility": accessibility, "principles": toolkit["principles"]}


@pytest.fixture
def world(world_once, db):
    return world_once


def footer_links(html: str) -> list[tuple[str, str]]:
    footer = html[html.index("<footer") : html.index("</footer>")]
    return [
        (href, re.sub(r"<[^>]+>", "", text).strip())
        for href, text in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', footer, re.S)
    ]


def test_footer_links_follow_the_visitors_language(world, client):
    english = footer_links(client.get("/en/principles/").content.decode())
    assert ("/en/privacy/", "Privacy notice") in english
    assert ("/en/accessibility/", "Accessibility") in english

    welsh = footer_links(client.get("/cy/principles/").content.decode())
    assert ("/cy/preifatrwydd/", "Hysbysiad preifatrwydd") in welsh
    # No Welsh accessibility statement yet: the English page, named in Welsh (the footer's own label).
    assert ("/en/accessibility/", "Datganiad hygyrchedd") in welsh
    assert "mailto:team@example.org" in [href for href, _ in welsh]


def test_an_unpublished_footer_page_is_not_linked(world, client):
    world["privacy"].unpublish()
    hrefs = [href for href, _ in footer_links(client.get("/en/principles/").content.decode())]
    assert "/en/privacy/" not in hrefs
    assert "/en/accessibility/" in hrefs


def language_switch(html: str) -> list[str]:
    switch = html[html.index('<nav class="language-switch"') :]
    return re.findall(r'<a href="([^"]+)"', switch[: switch.index("</nav>")])


def test_language_switch_and_hreflang_name_the_welsh_page(world, client):
    html = client.get("/en/principles/").content.decode()
    assert re.search(r'<link rel="alternate" hreflang="cy" href="http://[^/"]+/cy/principles/">', html)
    assert language_switch(html) == ["/cy/principles/"]


def test_a_private_welsh_version_is_neither_switched_to_nor_announced(world, client):
    welsh = world["principles"].get_translation(Locale.objects.get(language_code="cy"))
    PageViewRestriction.objects.create(page=welsh, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/en/principles/").content.decode()
    assert 'hreflang="cy" href="http' not in html
    assert language_switch(html) == ["/cy/"]  # the Welsh home instead


def test_the_frame_costs_a_fixed_number_of_queries(world, client):
    client.get("/cy/principles/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as welsh:
        assert client.get("/cy/principles/").status_code == 200
    with CaptureQueriesContext(connection) as english:
        assert client.get("/en/principles/").status_code == 200
    for captured in (welsh, english):
        statements = [query["sql"] for query in captured.captured_queries]
        every_restriction = [
            sql for sql in statements if 'FROM "wagtailcore_pageviewrestriction"' in sql and "WHERE" not in sql
        ]
        assert len(every_restriction) <= 1, every_restriction
        assert len(statements) <= PRINCIPLES_PAGE_QUERY_BUDGET, "\n".join(statements)

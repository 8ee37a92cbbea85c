"""The demo in Welsh, tried as a visitor starting at /cy/ and /cy/swansea/."""

from urllib.parse import urlsplit

from django.core.management import call_command

from wagtail.models import Page

import pytest

from sites.models import Locality
from sites.translation_drift import translation_rows

pytestmark = pytest.mark.django_db


def test_national_welsh_has_the_home_principles_and_two_steps(demo, client):
    for url, words in (
        ("/cy/", "Pecyn Cymorth"),
        ("/cy/principles/", "Egwyddorion"),
        ("/cy/referrals-and-screening/", "Atgyfeiriadau a sgrinio"),
        ("/cy/assessment/", "Asesu"),
    ):
        html = client.get(url).content.decode()
        assert words in html, url
        assert "notice--untranslated" not in html, url


def test_swansea_has_its_home_and_two_steps_in_welsh(demo, client):
    for url, words in (
        ("/cy/swansea/", "Pecyn cymorth Diogelu Cyd-destunol Abertawe"),
        ("/cy/swansea/referrals-and-screening/", "drws ffrynt"),
        ("/cy/swansea/assessment/", "mapio grwpiau cyfoedion"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert words in html, url
        assert "notice--untranslated" not in html, url


def test_one_swansea_welsh_page_is_behind_english(demo):
    swansea = Locality.objects.get(slug="swansea")
    behind = [row for row in translation_rows([swansea]) if row.status == "behind"]
    assert [row.page.slug for row in behind] == ["assessment"]
    assert behind[0].updates == 1


def test_every_locality_has_a_welsh_tree(demo):
    for locality in Locality.objects.select_related("home_page"):
        assert Page.objects.filter(translation_key=locality.home_page.translation_key, locale__language_code="cy")


def test_every_page_reached_from_cy_swansea_is_welsh_or_says_it_is_not_yet(demo, client):
    seen, queue = set(), ["/cy/swansea/", "/cy/"]
    while queue and len(seen) < 60:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="cy">' in html, url
        for href in _hrefs(html):
            path = urlsplit(href).path
            if path.startswith("/cy/") and "/history/" not in path and not urlsplit(href).query:
                queue.append(path)
    assert len(seen) > 10


def test_loading_the_demo_again_changes_nothing_welsh(demo):
    before = Page.objects.filter(locale__language_code="cy").count()
    call_command("load_demo_data", verbosity=0)
    assert Page.objects.filter(locale__language_code="cy").count() == before


def _hrefs(html):
    from html.parser import HTMLParser

    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "a" and attrs.get("href") and not attrs.get("hreflang"):
                found.append(attrs["href"])

    Parser().feed(html)
    return found

"""The demo in Welsh, tried as a visitor starting at /cy/ and /cy/swansea/."""

import re
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
        if not response["Content-Type"].startswith("text/html"):
            continue  # feeds, downloads
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


# --- No English interface string on Welsh pages -------------------------------

PUBLIC_PAGE_TYPES = [
    "/cy/",  # national toolkit home
    "/cy/principles/",  # national page
    "/cy/assessment/",  # national step
    "/cy/swansea/",  # locality home
    "/cy/swansea/principles/",  # inherited page
    "/cy/swansea/assessment/",  # locality step
    "/cy/toolkits/",  # site toolkits
    "/cy/resources/",  # library
    "/cy/tips/",  # tips
    "/cy/principles/history/",  # page history
    "/cy/updates/",  # timeline
    "/cy/audit/self-assessment/",  # audit tool
    "/cy/search/?q=asesu",  # search results (a Welsh word)
]
INTERFACE_ONLY_PAGES = [
    "/cy/alerts/subscribe/",  # subscribe to changes
    "/cy/alerts/subscribe/check-your-email/",  # after subscribing
    "/cy/alerts/confirm/not-a-token/",  # a broken confirmation link
    "/cy/alerts/unsubscribe/not-a-token/",  # a broken unsubscribe link
]

# Words of English that Welsh text never uses: on pages that are all interface
# (no content), they find text that is not in the catalogue at all.
ENGLISH_WORDS = re.compile(r"\b(the|and|your|you|with|this|for|of|are|not|has|have|we|our|from)\b", re.IGNORECASE)


def english_interface_strings():
    """Every interface string of the Welsh catalogue whose Welsh differs, as
    English fragments (placeholders split out) of at least two words."""
    from pathlib import Path

    from django.conf import settings

    import polib

    catalogue = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "cy" / "LC_MESSAGES" / "django.po"))
    fragments = set()
    for entry in catalogue:
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            for fragment in re.split(r"%\(\w+\)[sd]", msgid):
                fragment = fragment.strip(" .:,()“”")
                if len(fragment.split()) >= 2:
                    fragments.add(fragment)
    return fragments


def welsh_visible_text(html):
    """The page's text outside elements marked lang="en" (content not yet translated)."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.parts = [], []

        def handle_starttag(self, tag, attrs):
            if tag in {"br", "img", "input", "meta", "link", "source", "hr"}:
                return
            self.stack.append((tag, dict(attrs).get("lang")))

        def handle_endtag(self, tag):
            while self.stack:
                if self.stack.pop()[0] == tag:
                    break

        def handle_data(self, data):
            langs = [lang for _tag, lang in self.stack if lang]
            in_script = any(tag in {"script", "style"} for tag, _lang in self.stack)
            if not in_script and (not langs or langs[-1] == "cy"):
                self.parts.append(data)

    parser = Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_found(response, all_interface=False) -> list[str]:
    """English interface strings on a Welsh page; on a page that is all
    interface, any English word too (with the text around it)."""
    text = welsh_visible_text(response.content.decode())
    found = {fragment for fragment in english_interface_strings() if fragment in text}
    if all_interface:
        found |= {text[max(0, match.start() - 30) : match.end() + 30] for match in ENGLISH_WORDS.finditer(text)}
    return sorted(found)


@pytest.mark.parametrize("url", PUBLIC_PAGE_TYPES)
def test_welsh_pages_show_no_english_interface_string(demo, client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert english_found(response) == [], url


@pytest.mark.parametrize("url", INTERFACE_ONLY_PAGES)
def test_welsh_interface_pages_show_no_english_at_all(demo, client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    assert english_found(response, all_interface=True) == [], url


def test_the_audit_journey_in_welsh_shows_no_english_interface_string(demo, client):
    start = client.post("/cy/audit/self-assessment/", {"area": "Abertawe"})
    answers_url = urlsplit(start["Location"]).path
    assert answers_url.startswith("/cy/")
    answers = client.get(start["Location"])
    item = re.search(r'name="item" value="([^"]+)"', answers.content.decode()).group(1)
    saved = client.post(answers_url, {"item": [item], f"rating-{item}": "red"}, follow=True)
    refused = client.post(answers_url, {"item": [item], f"rating-{item}": "purple"})
    for response in (answers, saved, refused, client.get(answers_url + "results/")):
        assert english_found(response) == [], response.request["PATH_INFO"]


def test_subscribing_in_welsh_shows_no_english_interface_string(demo, client):
    refused = client.post("/cy/alerts/subscribe/", {"email": "not an address", "frequency": "daily"})
    assert refused.status_code == 400
    assert english_found(refused, all_interface=True) == []


def english_shown_as_welsh(response, pages_or_texts) -> list[str]:
    """English texts of the listed content found on the Welsh page outside any lang="en" element."""
    text = welsh_visible_text(response.content.decode())
    return sorted(fragment for fragment in pages_or_texts if fragment and " ".join(fragment.split()) in text)


def english_listing_texts(pages):
    texts = []
    for page in pages:
        if page.locale.language_code == "en":
            texts += [page.title, page.summary]
    return texts


def test_english_content_shown_under_cy_is_marked_english(demo, client):
    library = client.get("/cy/resources/")
    library_texts = english_listing_texts(library.context["results"])
    assert library_texts
    assert english_shown_as_welsh(library, library_texts) == []
    tips = client.get("/cy/tips/")
    tip_texts = english_listing_texts(tips.context["tips"])
    assert tip_texts
    assert english_shown_as_welsh(tips, tip_texts) == []
    start = client.post("/cy/audit/self-assessment/", {"area": "Abertawe"})
    answers = client.get(start["Location"])
    assert answers.context["page"].locale.language_code == "en"
    # Its title also names the document (<title>), which cannot mark part of itself; the heading does.
    assert '<h1><span lang="en">Self-assessment audit</span>' in answers.content.decode()
    item_texts = []
    for section in answers.context["sections"]:
        item_texts += [section.title, section.introduction, *(item.text for item in section.items)]
        item_texts += [item.guidance for item in section.items]
    assert english_shown_as_welsh(answers, item_texts) == []

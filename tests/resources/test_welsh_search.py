"""Welsh search: /cy/search/ finds Welsh words without English stemming; English search stays English."""

from wagtail.rich_text import RichText

import pytest

from tests.conftest import publish_welsh_copy

pytestmark = pytest.mark.django_db


@pytest.fixture
def welsh(toolkit):
    """The Welsh national home and a Welsh Principles page (Egwyddorion)."""
    publish_welsh_copy(toolkit["home"], title="Pecyn Cymorth Diogelu Cyd-destunol")
    return publish_welsh_copy(
        toolkit["principles"],
        title="Egwyddorion",
        summary="Yr egwyddorion sy'n llywio ymateb cyd-destunol.",
        body=[("paragraph", RichText("<p>Mae cymunedau a chyfoedion yn bwysig.</p>"))],
    )


def results(response) -> str:
    html = response.content.decode()
    return html.split('<ol class="search-results"', 1)[1].split("</ol>", 1)[0] if "search-results" in html else ""


def test_a_word_that_exists_only_in_welsh_is_found_by_welsh_search(client, welsh):
    response = client.get("/cy/search/", {"q": "egwyddorion"})
    assert response.status_code == 200
    assert '<html lang="cy">' in response.content.decode()
    found = results(response)
    assert 'href="/cy/principles/"' in found
    assert "Egwyddorion" in found


def test_welsh_words_in_the_body_are_found_as_written(client, welsh):
    assert 'href="/cy/principles/"' in results(client.get("/cy/search/", {"q": "cymunedau chyfoedion"}))


def test_welsh_search_does_not_stem_like_english(client, welsh):
    """With no stemming, a Welsh word is found as written, not by a shorter form of it."""
    found = results(client.get("/cy/search/", {"q": "cymuned"}))
    assert 'href="/cy/principles/"' not in found


def test_welsh_search_finds_only_welsh_pages(client, welsh):
    assert 'href="/en/principles/"' not in results(client.get("/cy/search/", {"q": "context"}))


def test_english_search_stays_english(client, welsh):
    assert 'href="/cy/principles/"' not in results(client.get("/en/search/", {"q": "egwyddorion"}))
    # English stemming: "matter" finds "Context matters for every young person."
    assert 'href="/en/principles/"' in results(client.get("/en/search/", {"q": "matter"}))


@pytest.mark.parametrize("query", ["egwyddorion\x00", "'", "&|!", "ŵ" * 300])
def test_bad_welsh_queries_are_answered_without_error(client, welsh, query):
    assert client.get("/cy/search/", {"q": query}).status_code == 200

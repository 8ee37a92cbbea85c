"""Search reads as one list of pages: a title every toolkit has is one
result naming each toolkit (national first), and filters narrow it."""

import re

import pytest

from .crawl import Crawl

pytestmark = pytest.mark.django_db


def results(client, query):
    html = Crawl(client, port=80).get(f"http://localhost/en/search/?{query}").content.decode()
    items = re.findall(r'<li class="search-result">(.*?)</li>\s*(?=<li class="search-result">|</ol>)', html, re.S)
    return html, [(re.search(r"<h3><a [^>]*>(.*?)</a>", item).group(1), item) for item in items]


def test_one_result_per_step_title_naming_every_toolkit_national_first(client, demo):
    html, found = results(client, "q=peer")
    titles = [title for title, _ in found]
    assert titles.count("Support, help and intervention") == 1
    item = dict(found)["Support, help and intervention"]
    toolkits = re.findall(r'<a href="[^"]+">([^<]+)</a>', item.split("In:")[1])
    assert toolkits[0] == "National toolkit"
    assert set(toolkits) == {"National toolkit", "Bristol", "Hackney", "Swansea"}


def test_filters_narrow_by_toolkit_step_and_kind(client, demo):
    _html, by_toolkit = results(client, "q=peer&toolkit=hackney")
    assert by_toolkit and all("Hackney" in item.split("In:")[1] for _title, item in by_toolkit)
    assert all("National toolkit" not in item for _title, item in by_toolkit)
    _html, by_kind = results(client, "q=peer&kind=step")
    assert by_kind and all("Toolkit step" in item for _title, item in by_kind)
    _html, by_step = results(client, "q=peer&step=assessment")
    assert by_step and {title for title, _ in by_step} <= {"Assessment", "Peer group mapping guide (Hackney, sample)"}


def test_a_filter_value_that_is_not_a_choice_is_ignored(client, demo):
    html, found = results(client, "q=peer&toolkit=nowhere%00&kind=%3Cscript%3E")
    assert found and "nowhere" not in html and "<script>" not in html

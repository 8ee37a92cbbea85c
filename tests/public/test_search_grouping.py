"""Search reads as one list of pages: a title every toolkit has is one
result naming each toolkit (national first), and filters narrow it."""

import re

import pytest

from .crawl import Crawl

pytestmark = pytest.mark.django_db


def results(client, query, language="en"):
    html = Crawl(client, port=80).get(f"http://localhost/{language}/search/?{query}").content.decode()
    items = re.findall(r'<li class="search-result">(.*?)</li>\s*(?=<li class="search-result">|</ol>)', html, re.S)
    return html, [(re.search(r"<h3><a [^>]*>(.*?)</a>", item).group(1), item) for item in items]


def toolkits_named(item):
    """The toolkits a result names, in order, with the address each links to."""
    names = item.split('class="search-result__toolkits">')[1]
    return [(name, href) for href, name in re.findall(r'<a href="([^"]+)">([^<]+)</a>', names)]


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
    _html, everything = results(client, "q=peer")
    _html, by_step = results(client, "q=peer&step=assessment")
    assert "Peer group mapping guide (Hackney, sample)" in dict(by_step)
    assert {title for title, _ in by_step} < {title for title, _ in everything}
    for title, item in by_step:
        assert all("/assessment/" in href for href in re.findall(r'href="([^"]+)"', item)), title


def test_welsh_results_name_each_toolkit_national_first_and_filter_in_welsh(client, demo):
    html, found = results(client, "q=asesu", language="cy")
    assert 'class="search-result__type">Cam yn y pecyn cymorth<' in html
    named = toolkits_named(dict(found)["Asesu"])
    assert named == [("Pecyn cymorth cenedlaethol", "/cy/assessment/"), ("Swansea", "/cy/swansea/assessment/")]
    assert ">Math o dudalen</label>" in html and '<option value="assessment">Asesu</option>' in html
    _html, by_toolkit = results(client, "q=asesu&toolkit=swansea", language="cy")
    assert by_toolkit and all("Yn: <strong>Swansea</strong>" in item for _title, item in by_toolkit)


def test_a_filter_value_that_is_not_a_choice_is_ignored(client, demo):
    html, found = results(client, "q=peer&toolkit=nowhere%00&kind=%3Cscript%3E")
    assert found and "nowhere" not in html and "<script>" not in html

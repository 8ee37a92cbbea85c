"""The resource library at /en/resources/ and /en/<slug>/resources/."""

import re

import pytest

from resources.factories import ResourcePageFactory

from .conftest import archive

pytestmark = pytest.mark.django_db


def titles(response):
    html = response.content.decode()
    return re.findall(r'<h3 class="resource__title"><a href="[^"]*">([^<]+)</a></h3>', html)


def test_national_library_lists_resources_from_every_public_toolkit(client, library):
    response = client.get("/en/resources/")
    assert response.status_code == 200
    found = titles(response)
    assert "National assessment guide" in found
    assert "Hackney context assessment form" in found
    assert "Bristol place referral form" in found
    assert "7 resources" in response.content.decode()


def test_each_result_says_its_type_step_and_toolkit(client, library):
    html = client.get("/en/resources/", {"q": "Hackney context assessment form"}).content.decode()
    assert "Document" in html
    assert 'Step: <a href="/en/hackney/assessment/">Assessment</a>' in html
    assert "From: Hackney" in html


def test_locality_library_lists_only_that_localitys_resources(client, library):
    response = client.get("/en/hackney/resources/")
    assert response.status_code == 200
    found = titles(response)
    assert set(found) == {"Hackney context assessment form", "Hackney family assessment", "Walk the site first"}
    assert 'name="locality"' not in response.content.decode()


def test_filter_hackney_tier_two_assessment_resources(client, library):
    response = client.get("/en/resources/", {"locality": "hackney", "tier": "two", "step": "assessment"})
    assert set(titles(response)) == {"Hackney context assessment form", "Walk the site first"}
    html = response.content.decode()
    assert "2 resources match your filters" in html
    assert '<option value="hackney" selected>Hackney</option>' in html
    assert "Clear filters" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "tip"}, {"Walk the site first", "Name the place", "Ask where"}),
        ({"type": "tip", "locality": "bristol"}, {"Name the place"}),
        ({"step": "referrals"}, {"Name the place", "Bristol place referral form", "Ask where"}),
        ({"step": "referrals", "locality": "national"}, {"Ask where"}),
        ({"year": "2022"}, {"Name the place", "Bristol place referral form"}),
        ({"year": "2022", "type": "document"}, {"Bristol place referral form"}),
        ({"tier": "one", "locality": "hackney"}, {"Hackney family assessment"}),
        ({"locality": "national", "type": "document"}, {"National assessment guide"}),
    ],
)
def test_filters_and_their_combinations(client, library, params, expected):
    assert set(titles(client.get("/en/resources/", params))) == expected


def test_sort_by_title_and_newest(client, library):
    by_title = titles(client.get("/en/resources/", {"type": "document", "sort": "title"}))
    assert by_title == sorted(by_title)
    newest = titles(client.get("/en/resources/", {"type": "document", "sort": "newest"}))
    assert newest[0] == "Hackney context assessment form"
    assert newest[-1] == "Bristol place referral form"


@pytest.mark.parametrize(
    "params",
    [
        {"step": "<script>alert(1)</script>"},
        {"tier": "three"},
        {"type": "malware"},
        {"locality": "atlantis"},
        {"year": "20x4"},
        {"sort": "random"},
        {"page": "banana"},
        {"page": "-3"},
        {"page": "99999"},
        {"year": "99999999999999999999"},
    ],
)
def test_invalid_filter_values_are_ignored_never_echoed(client, library, params):
    response = client.get("/en/resources/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(titles(response)) == 7
    for value in params.values():
        assert f'value="{value}"' not in html
    assert "<script>alert(1)</script>" not in html


def test_search_words_are_escaped_when_shown_back(client, library):
    html = client.get("/en/resources/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in html
    # Punctuation is not passed to the search (see search_words); the words come back as plain text.
    assert 'value="script alert 1 script"' in html


def test_free_text_finds_a_phrase_inside_a_pdf(client, library):
    found = titles(client.get("/en/resources/", {"q": "zebra crossing"}))
    assert found == ["Hackney context assessment form"]


def test_free_text_combines_with_filters(client, library):
    assert titles(client.get("/en/resources/", {"q": "zebra crossing", "locality": "bristol"})) == []
    assert titles(client.get("/en/resources/", {"q": "assessment", "locality": "hackney", "sort": "title"})) == [
        "Hackney context assessment form",
        "Hackney family assessment",
    ]


def test_results_are_paginated_and_filters_survive_paging(client, library):
    step = library["step"]
    for number in range(25):
        ResourcePageFactory(parent=step, title=f"Extra guide {number:02d}", resource_type="tip", document=None)
    first = client.get("/en/resources/", {"type": "tip"})
    html = first.content.decode()
    assert len(titles(first)) == 20
    assert "Page 1 of 2" in html
    assert 'href="?type=tip&amp;page=2"' in html
    second = client.get("/en/resources/", {"type": "tip", "page": "2"})
    assert len(titles(second)) == 8


def test_the_filter_form_works_without_javascript(client, library):
    html = client.get("/en/resources/").content.decode()
    assert '<form class="library-filters" method="get"' in html
    for name in ("q", "step", "tier", "type", "locality", "year", "sort"):
        assert f'<label for="id_{name}">' in html
    assert 'aria-live="polite"' in html
    assert "<script" not in html


def test_archived_locality_is_left_out_and_its_library_is_404(client, library):
    archive(library["bristol"])
    found = titles(client.get("/en/resources/"))
    assert "Bristol place referral form" not in found
    assert "Hackney context assessment form" in found
    html = client.get("/en/resources/").content.decode()
    assert '<option value="bristol"' not in html
    assert client.get("/en/bristol/resources/").status_code == 404


def test_drafts_unpublished_and_private_resources_never_show(client, library):
    from wagtail.models import PageViewRestriction

    draft = library["hackney_tier_one"]
    draft.title = "A draft title"
    draft.save_revision()
    library["national_guide"].unpublish()
    hackney_step = library["hackney_form"].get_parent()
    PageViewRestriction.objects.create(page=hackney_step, restriction_type="password", password="secret")
    found = titles(client.get("/en/resources/"))
    assert "A draft title" not in found
    assert "National assessment guide" not in found
    assert "Hackney context assessment form" not in found
    assert "Hackney family assessment" not in found


def test_library_query_count_does_not_grow_with_resources(client, library, django_assert_max_num_queries):
    """The same number of queries with 5 or 50 more resources across toolkits."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    requests = [{}, {"q": "guide", "step": "assessment", "tier": "one", "sort": "title"}]

    def count_queries(params):
        client.get("/en/resources/", params)  # warm the site root paths cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/resources/", params).status_code == 200
        return len(captured)

    step = library["step"]
    hackney_step = library["hackney_form"].get_parent()
    for number in range(5):
        ResourcePageFactory(parent=step, title=f"Small guide {number}")
    small = [count_queries(params) for params in requests]
    for number in range(45):
        ResourcePageFactory(parent=hackney_step if number % 2 else step, title=f"Large guide {number}")
    for params, budget in zip(requests, small, strict=True):
        with django_assert_max_num_queries(budget):
            client.get("/en/resources/", params)

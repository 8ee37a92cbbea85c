"""Comparing localities on a step: /en/compare/<step slug>/?sites=a,b."""

import pytest

from tests.conftest import page_html

from .conftest import archive

pytestmark = pytest.mark.django_db


def test_two_localities_side_by_side_with_guidance_resources_and_tips(client, library):
    response = client.get("/en/compare/referrals/", {"sites": "hackney,bristol"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Compare toolkits: Referrals" in html
    assert html.index('id="compare-hackney"') < html.index('id="compare-bristol"')
    bristol = html.split('id="compare-bristol"')[1]
    assert "Bristol sends place referrals to a weekly panel." in bristol
    assert 'href="/en/bristol/referrals/"' in bristol
    assert "Bristol place referral form" in bristol
    assert "Name the place" in bristol
    hackney = html.split('id="compare-hackney"')[1].split('id="compare-bristol"')[0]
    assert "No resources yet." in hackney and "No tips yet." in hackney


def test_repeated_sites_parameters_work_like_a_comma_list(client, library):
    html = client.get("/en/compare/assessment/?sites=hackney&sites=bristol").content.decode()
    assert "Hackney assesses parks with their wardens." in html
    assert "Walk the site first" in html


def test_unknown_localities_are_ignored_with_a_message(client, library):
    html = client.get("/en/compare/referrals/", {"sites": "hackney,atlantis,bristol,<script>"}).content.decode()
    assert "2 of the toolkits asked for could not be found and were left out." in html
    assert 'id="compare-hackney"' in html and 'id="compare-bristol"' in html
    assert "atlantis" not in html and "<script>" not in html


@pytest.mark.parametrize("sites", ["", "hackney", "hackney,atlantis", "hackney,hackney"])
def test_fewer_than_two_localities_shows_a_form_to_choose(client, library, sites):
    html = page_html(client, "/en/compare/referrals/", {"sites": sites})
    assert "<legend>Choose two or more toolkits to compare" in html
    assert '<input type="checkbox" name="sites" value="bristol"' in html
    assert 'id="compare-hackney"' not in html


def test_archived_locality_cannot_be_compared(client, library):
    archive(library["bristol"])
    html = client.get("/en/compare/referrals/", {"sites": "hackney,bristol"}).content.decode()
    assert 'id="compare-bristol"' not in html
    assert 'value="bristol"' not in html


def test_unknown_step_and_locality_compare_urls_are_404(client, library):
    assert client.get("/en/compare/no-such-step/", {"sites": "hackney,bristol"}).status_code == 404
    assert client.get("/en/hackney/compare/referrals/").status_code == 404


def test_draft_resources_never_show_in_a_comparison(client, library):
    form = library["bristol_referral_form"]
    form.unpublish()
    html = client.get("/en/compare/referrals/", {"sites": "hackney,bristol"}).content.decode()
    assert "Bristol place referral form" not in html

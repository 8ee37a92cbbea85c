"""Tips: on their step page, and gathered at /en/tips/ with their origin."""

import pytest

from .conftest import archive

pytestmark = pytest.mark.django_db


def test_tips_page_gathers_national_and_local_tips_with_their_origin(client, library):
    response = client.get("/en/tips/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 tips" in html
    for title, origin in [("Walk the site first", "Hackney"), ("Name the place", "Bristol"), ("Ask where", "National")]:
        item = html.split(f">{title}</a>")[1].split("</li>")[0]
        assert f'<strong class="tip__origin">{origin}' in item


def test_tips_can_be_narrowed_to_a_step(client, library):
    html = client.get("/en/tips/", {"step": "referrals"}).content.decode()
    assert "2 tips" in html
    assert "Walk the site first" not in html
    assert client.get("/en/tips/", {"step": "<nope>"}).status_code == 200


def test_archived_localities_tips_are_left_out(client, library):
    archive(library["bristol"])
    assert "Name the place" not in client.get("/en/tips/").content.decode()


def test_each_step_page_shows_its_tips(client, library):
    html = client.get("/en/hackney/assessment/").content.decode()
    assert '<h3 id="resources-tip">Tips</h3>' in html
    assert "Walk the site first" in html
    assert "Visit the park at the time harm is reported." in html


def test_locality_tips_page_shows_only_its_own(client, library):
    html = client.get("/en/bristol/tips/").content.decode()
    assert "Name the place" in html
    assert "Walk the site first" not in html and "Ask where" not in html

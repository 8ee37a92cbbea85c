"""Locality and national timelines, their filters and their Atom feeds."""

import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

import pytest

from history.withdrawal import WithdrawVersion
from resources.factories import StepPageFactory

from .conftest import DRAFT_SECRET, publish

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.django_db
def test_locality_timeline_lists_its_own_changes_newest_first(client, localities):
    response = client.get("/en/hackney/updates/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Added the schools panel") < html.index("Added our MASH contacts")
    assert "Bristol&#x27;s own change" not in html and "Bristol's own change" not in html
    assert "National principles reworded" not in html  # mirrors do not repeat national changes
    assert DRAFT_SECRET not in html


@pytest.mark.django_db
def test_national_timeline_lists_national_pages_only(client, localities):
    html = client.get("/en/updates/").content.decode()
    assert "National principles reworded" in html
    assert "Added the schools panel" not in html
    assert "own change" not in html


@pytest.mark.django_db
def test_timeline_filters_by_step_and_year_and_ignores_bad_values(client, localities, toolkit):
    other = StepPageFactory(parent=toolkit["home"], title="Planning", slug="planning")
    publish(other, "Planning now covers schools")
    html = client.get("/en/updates/", {"step": "planning"}).content.decode()
    assert "Planning now covers schools" in html
    assert "National principles reworded" not in html
    year = localities["second"].created_at.year
    assert "Added the schools panel" in client.get("/en/hackney/updates/", {"year": year}).content.decode()
    assert "Added the schools panel" not in client.get("/en/hackney/updates/", {"year": year - 1}).content.decode()
    superscript_two = "\u00b2"
    malformed = [{"step": "no-such-step"}, {"year": "abc"}, {"year": "99999999999"}, {"year": superscript_two}]
    malformed.append({"page": superscript_two})
    for params in malformed:
        response = client.get("/en/hackney/updates/", params)
        assert response.status_code == 200
        assert "Added the schools panel" in response.content.decode()
    assert client.get("/en/hackney/updates/", {"page": "50"}).status_code == 404


@pytest.mark.django_db
def test_timeline_is_paginated(client, localities):
    for number in range(26):
        publish(localities["step"], f"Change number {number}", summary=f"Summary {number}")
    first_page = client.get("/en/hackney/updates/").content.decode()
    assert "Change number 25" in first_page
    assert "Older updates" in first_page
    second_page = client.get("/en/hackney/updates/", {"page": 2}).content.decode()
    assert "Added our MASH contacts" in second_page


@pytest.mark.django_db
def test_private_and_unpublished_pages_are_left_out(client, localities):
    step = localities["step"]
    PageViewRestriction.objects.create(page=step, restriction_type="login")
    assert "Added the schools panel" not in client.get("/en/hackney/updates/").content.decode()
    assert "Added the schools panel" not in client.get("/en/hackney/updates/feed/").content.decode()
    PageViewRestriction.objects.filter(page=step).delete()
    step.unpublish()
    assert "Added the schools panel" not in client.get("/en/hackney/updates/").content.decode()


@pytest.mark.django_db
def test_feed_is_valid_atom(client, localities):
    response = client.get("/en/hackney/updates/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response, not untrusted input
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}").text
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    self_links = [link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]
    assert self_links and self_links[0].get("href").endswith("/en/hackney/updates/feed/")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) >= 2
    ids = [entry.find(f"{ATOM}id").text for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text
        assert entry.find(f"{ATOM}link").get("href")
    titles = [entry.find(f"{ATOM}title").text for entry in entries]
    assert any("Added the schools panel" in title for title in titles)
    assert DRAFT_SECRET.encode() not in response.content


@pytest.mark.django_db
def test_withdrawn_version_note_is_gone_from_timeline_and_feed(client, localities):
    WithdrawVersion(
        localities["first"], user=localities["users"]["hackney-publisher"], reason="Named a school"
    ).execute()
    html = client.get("/en/hackney/updates/").content.decode()
    assert "Added our MASH contacts" not in html
    assert "This version was withdrawn on" in html
    feed = client.get("/en/hackney/updates/feed/").content.decode()
    assert "Added our MASH contacts" not in feed
    assert "version withdrawn" in feed

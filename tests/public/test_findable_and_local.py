"""What a visitor can find, and how a locality's pages say whose they are.

Read from the demo's pages as served: links a visitor can follow, titles,
breadcrumbs, and the public "compare with national guidance" of an adapted
page."""

import re
from urllib.parse import urljoin

import pytest

from sites.demo_content import ADAPTED_LOCAL_TEXT

from .crawl import Crawl, links_in

pytestmark = pytest.mark.django_db


def get(client, url):
    response = Crawl(client, port=80).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def breadcrumb(html):
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    return re.findall(r"<li[^>]*>(?:<a [^>]*>)?([^<]+)", nav), nav


@pytest.mark.parametrize(
    "url",
    ["http://localhost/en/", "http://localhost/en/assessment/", "http://localhost/en/hackney/"],
)
def test_updates_tips_and_the_feed_are_linked_where_visitors_look(client, demo, url):
    html = get(client, url)
    links = {urljoin(url, href) for href in links_in(html)}
    home = "http://localhost/en/hackney/" if "/hackney/" in url else "http://localhost/en/"
    assert {home + "updates/", home + "tips/", home + "resources/"} <= links
    feed_path = home[len("http://localhost") :] + "updates/feed/"
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed_path}"' in html
    assert get(client, home + "updates/feed/").startswith("<?xml")


def test_a_step_links_to_its_tips_updates_and_the_comparison_of_localities(client, demo):
    html = get(client, "http://localhost/en/hackney/assessment/")
    links = set(links_in(html))
    expected = {"/en/hackney/tips/?step=assessment", "/en/compare/assessment/", "/en/hackney/updates/?step=assessment"}
    assert expected <= links
    for link in expected:
        get(client, "http://localhost" + link)


def test_locality_pages_carry_the_locality_in_title_and_breadcrumb(client, demo):
    html = get(client, "http://localhost/en/hackney/principles/")
    assert title(html) == "Principles – Hackney Contextual Safeguarding toolkit"
    crumbs, nav = breadcrumb(html)
    assert crumbs == ["Home", "Hackney Contextual Safeguarding toolkit", "Principles"]
    assert '<li aria-current="page">Principles</li>' in nav


def test_on_a_localitys_own_host_the_breadcrumb_starts_at_its_home(client, demo):
    html = get(client, "http://hackney.localhost/en/principles/")
    crumbs, nav = breadcrumb(html)
    assert crumbs == ["Hackney Contextual Safeguarding toolkit", "Principles"]
    assert 'href="/en/"' in nav


def test_an_adapted_page_offers_a_public_comparison_with_the_national_guidance(client, demo):
    page = get(client, "http://localhost/en/bristol/principles/")
    assert 'href="/en/bristol/principles/compare-with-national/"' in page
    html = get(client, "http://localhost/en/bristol/principles/compare-with-national/")
    assert "Compared with the national guidance" in html
    added = re.findall(r'<ins><span class="visually-hidden">added: </span>(.*?)</ins>', html, re.S)
    assert any(word in " ".join(added) for word in ADAPTED_LOCAL_TEXT.split()[:4])


def test_a_page_that_follows_national_guidance_has_no_comparison(client, demo):
    response = Crawl(client, port=80).get("http://localhost/en/hackney/principles/compare-with-national/")
    assert response.status_code == 404
    assert "compare-with-national" not in get(client, "http://localhost/en/hackney/principles/")


def test_the_tier_chosen_on_a_step_travels_with_every_step_link(client, demo):
    html = get(client, "http://localhost/en/assessment/?tier=two")
    menu = re.search(r'<ol class="main-nav__list main-nav__steps".*?</ol>', html, re.S).group(0)
    step_links = links_in(menu)
    assert len(step_links) == 6 and all(link.endswith("?tier=two") for link in step_links), step_links
    planning = next(link for link in step_links if "planning-and-review" in link)
    next_step = get(client, "http://localhost" + planning)
    assert 'id="tier-two-heading"' in next_step and 'id="tier-one-heading"' not in next_step
    plain = re.search(r'<ol class="main-nav__list main-nav__steps".*?</ol>', get(client, "http://localhost/en/"), re.S)
    assert not any("tier=" in link for link in links_in(plain.group(0)))

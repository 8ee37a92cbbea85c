"""Every link on the public site works on the host and port that serves it.

The demo toolkit is crawled from `/en/` and `/cy/` on the main host and from
a locality's own host name, as `make run` serves them (port 8000): a link
that names port 80, or another host's path, is followed to wherever it points
and must answer 200 there.
"""

from urllib.parse import urljoin, urlsplit

from django.test import Client

import pytest

from .crawl import Crawl, links_in

pytestmark = pytest.mark.django_db


STARTS = ["http://localhost:8000/en/", "http://localhost:8000/cy/", "http://hackney.localhost:8000/en/"]


@pytest.fixture(scope="module")
def site_crawl(demo_data):
    """One crawl from every starting point, done once for the module: the
    starting points share most of their pages, and each is fetched once."""
    return Crawl(Client()).run(*STARTS)


@pytest.mark.parametrize("start", STARTS)
def test_every_link_answers_on_the_host_and_port_that_serves_it(demo, site_crawl, start):
    reached = site_crawl.reachable_from(start)
    assert len(reached) > 40
    failures = {url: problem for url, problem in site_crawl.failures().items() if url in reached}
    assert failures == {}
    served = {urlsplit(url).netloc for url in reached}
    assert all(netloc.endswith(":8000") for netloc in served), served


@pytest.mark.parametrize(
    "audit_page",
    [
        "http://localhost:8000/en/audit/",
        "http://localhost:8000/en/hackney/audit/",
        "http://hackney.localhost:8000/en/audit/",
    ],
)
def test_the_audit_tools_are_reached_from_every_audit_page(demo, client, audit_page):
    crawl = Crawl(client)
    response = crawl.get(audit_page)
    assert response.status_code == 200
    links = {urljoin(audit_page, href) for href in links_in(response.content.decode())}
    tools = {link for link in links if urlsplit(link).path.endswith(("/self-assessment/", "/system-review/"))}
    assert len(tools) == 2, links
    for tool in tools:
        assert crawl.get(tool).status_code == 200, tool

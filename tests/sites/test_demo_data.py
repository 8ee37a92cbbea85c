from urllib.parse import urlsplit

from django.core.management import call_command
from django.test import Client

from wagtail.models import Page, Site

import pytest

from home.models import NationalPage, ToolkitHomePage
from resources.models import ResourceDocument, ResourcePage, ResourceType, StepPage

pytestmark = pytest.mark.django_db


def fetch(client, page):
    """GET a page at its canonical address (localities may have their own host)."""
    parts = urlsplit(page.full_url)
    return client.get(parts.path, HTTP_HOST=parts.hostname)


# The five national pages, and the footer's accessibility statement and privacy notice.
NATIONAL = {"principles", "tiers", "legal-framework", "key-partners", "audit", "accessibility", "privacy"}


def test_demo_has_five_national_pages_six_steps_and_every_resource_type(demo):
    home = ToolkitHomePage.objects.get(locale__language_code="en")
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    national = NationalPage.objects.child_of(home).live()
    assert set(national.values_list("slug", flat=True)) == NATIONAL
    assert StepPage.objects.child_of(home).live().count() == 6
    kinds = set(ResourcePage.objects.live().values_list("resource_type", flat=True))
    assert kinds == set(ResourceType.values)


def test_demo_loader_is_idempotent(demo):
    counts = (Page.objects.count(), ResourceDocument.objects.count())
    call_command("load_demo_data", verbosity=0)
    assert (Page.objects.count(), ResourceDocument.objects.count()) == counts


def test_demo_loader_keeps_editor_changes(demo):
    principles = NationalPage.objects.get(slug="principles", locale__language_code="en")
    principles.summary = "Edited by the national team"
    principles.save_revision().publish()
    call_command("load_demo_data", verbosity=0)
    principles.refresh_from_db()
    assert principles.summary == "Edited by the national team"


@pytest.fixture(scope="module")
def every_demo_page(demo_data):
    """Every live page of the demo as a visitor gets it, fetched once for the module's tests."""
    client = Client()
    return {page.full_url: fetch(client, page) for page in Page.objects.live().filter(depth__gt=1).specific()}


def test_every_demo_page_says_it_is_sample_content(demo, every_demo_page):
    assert len(every_demo_page) > 60
    for url, response in every_demo_page.items():
        html = response.content.decode().lower()
        assert "sample content" in html or "cynnwys enghreifftiol" in html, f"{url} does not say so"


def test_every_demo_page_renders_and_downloads_work(demo, client, every_demo_page):
    assert len(every_demo_page) > 60
    for url, response in every_demo_page.items():
        assert response.status_code == 200, url
    for document in ResourceDocument.objects.all():
        response = client.get(document.url)
        assert response.status_code == 200, document.url
        assert document.file_size > 0


def test_demo_welsh_pages_and_language_switch(demo, client):
    english = client.get("/en/principles/").content.decode()
    assert 'href="/cy/principles/"' in english
    assert 'hreflang="cy"' in english
    welsh = client.get("/cy/principles/")
    assert welsh.status_code == 200
    assert "Egwyddorion" in welsh.content.decode()
    assert '<html lang="cy">' in welsh.content.decode()
    # A step with no Welsh translation announces no Welsh alternate.
    assert '<link rel="alternate" hreflang="cy"' not in client.get("/en/planning-and-review/").content.decode()

"""A locality's publishers see their own locality's downloads report."""

import csv
import io

from django.contrib.auth import get_user_model

import pytest

from resources.factories import ResourceDocumentFactory, ResourcePageFactory
from resources.models import StepPage
from sites.factories import LocalityFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36"
REPORT = "/admin/reports/locality-downloads/"


@pytest.fixture
def downloaded(client, toolkit):
    """A resource in Hackney, one in Bristol and a national one, each downloaded."""
    hackney = LocalityFactory(name="Hackney", slug="hackney")
    bristol = LocalityFactory(name="Bristol", slug="bristol")
    resources = {}
    for name, locality in (("Hackney", hackney), ("Bristol", bristol)):
        step = StepPage.objects.child_of(locality.home_page).get()
        document = ResourceDocumentFactory(title=f"{name} referral form", collection=locality.collection)
        resources[name] = ResourcePageFactory(parent=step, title=f"{name} referral pathway", document=document)
    national_document = ResourceDocumentFactory(title="National assessment guide")
    resources["National"] = ResourcePageFactory(
        parent=toolkit["step"], title="National assessment guide", document=national_document
    )
    for resource in resources.values():
        client.get(resource.document.url, HTTP_USER_AGENT=BROWSER)
    User = get_user_model()
    publisher = User.objects.create_user("hackney-publisher", "publisher@example.org", "pw")
    publisher.groups.add(hackney.publishers_group)
    editor = User.objects.create_user("hackney-editor", "editor@example.org", "pw")
    editor.groups.add(hackney.editors_group)
    return {"resources": resources, "publisher": publisher, "editor": editor}


def test_publishers_see_their_own_localitys_downloads(client, downloaded):
    client.force_login(downloaded["publisher"])
    assert REPORT in client.get("/admin/").content.decode(), "Reports menu links it"
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Downloads: Hackney" in html
    assert "Hackney referral pathway" in html
    assert "Bristol referral" not in html
    assert "National assessment guide" not in html


def test_publishers_export_their_report(client, downloaded):
    client.force_login(downloaded["publisher"])
    response = client.get(REPORT + "?export=csv")
    assert response.status_code == 200
    assert "downloads-hackney-" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == ["Resource", "Document", "Month", "Downloads"]
    assert [row[:2] for row in rows[1:]] == [["Hackney referral pathway", "Hackney referral form"]]
    assert rows[1][3] == "1"


def test_editors_and_the_public_do_not_see_it(client, downloaded):
    client.force_login(downloaded["editor"])
    assert REPORT not in client.get("/admin/").content.decode()
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "Hackney referral pathway" not in response.content.decode()
    client.logout()
    assert client.get(REPORT).status_code == 302  # to the login page


def test_publishers_still_do_not_see_the_national_report(client, downloaded):
    client.force_login(downloaded["publisher"])
    response = client.get("/admin/reports/downloads/")
    assert response.status_code in (302, 403)

"""The demo toolkit has both audit tools, reachable from the national Audit page."""

from django.core.management import call_command

import pytest

from audit.models import AuditPage, AuditResponse
from home.models import NationalPage

pytestmark = pytest.mark.django_db

SECTIONS = [
    "Governance",
    "Strategic documents",
    "Observations of practice",
    "Engagement with young people and practitioners",
    "Dissemination",
    "Action planning",
]


def test_both_tools_sit_under_the_national_audit_page(demo):
    national_audit = NationalPage.objects.get(slug="audit", locale__language_code="en")
    tools = {page.slug: page for page in AuditPage.objects.child_of(national_audit).live()}
    assert set(tools) == {"self-assessment", "system-review"}
    assert [section.title for section in tools["self-assessment"].audit_sections] == SECTIONS
    review = tools["system-review"].audit_sections
    assert len(review) == 6 and all(section.step is not None for section in review)
    assert "sample content" in tools["self-assessment"].introduction


@pytest.mark.parametrize("path", ["/en/audit/", "/en/hackney/audit/"])
def test_national_and_inherited_audit_pages_link_to_both_tools(client, demo, path):
    html = client.get(path, HTTP_HOST="localhost").content.decode()
    assert "/en/audit/self-assessment/" in html
    assert "/en/audit/system-review/" in html


def test_loading_again_adds_nothing_and_keeps_one_set_of_links(client, demo):
    pages, revisions = AuditPage.objects.count(), NationalPage.objects.get(slug="audit").revisions.count()
    call_command("load_demo_data", verbosity=0)
    assert AuditPage.objects.count() == pages
    national_audit = NationalPage.objects.get(slug="audit")
    assert national_audit.revisions.count() == revisions
    assert client.get("/en/audit/", HTTP_HOST="localhost").content.decode().count("Take the interactive audit") == 1


def test_a_new_user_starts_answers_resumes_and_gets_recommendations(client, demo):
    started = client.post("/en/audit/self-assessment/", {"area": "Demo"}, HTTP_HOST="localhost")
    url = started["Location"].split("?")[0]
    response = AuditResponse.objects.get()
    first = response.sections[0].items[0]
    client.post(url, {"item": first.id, f"rating-{first.id}": "red"}, HTTP_HOST="localhost")
    results = client.get(url + "results/", HTTP_HOST="localhost").content.decode()
    assert "How a locality approached it" in results
    assert "Hackney: Policy, strategic engagement, training and commissioning" in results
    pdf = client.get(url + "report/pdf/", HTTP_HOST="localhost")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

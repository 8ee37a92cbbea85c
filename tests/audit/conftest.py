import re

import pytest

from audit import reports
from audit.factories import AuditPageFactory, audit_item, audit_section
from audit.models import AuditPage
from home.factories import NationalPageFactory
from resources.factories import ResourcePageFactory
from tests.conftest import fresh_copy_of


@pytest.fixture(autouse=True)
def clear_rate_limits():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def uncompressed_pdfs(monkeypatch):
    """fpdf2 deflates page streams; without compression the report's text can be read back."""
    monkeypatch.setattr(reports, "PDF_COMPRESSION", False)


def build_self_assessment(toolkit, sections):
    """The national Audit page with a self-assessment of ``sections`` under it,
    at /en/audit/self-assessment/."""
    national_audit = NationalPageFactory(parent=toolkit["home"], title="Audit", slug="audit")
    page = AuditPageFactory(parent=national_audit, title="Self-assessment", slug="self-assessment", sections=sections)
    return AuditPage.objects.get(pk=page.pk)


def build_audit(toolkit):
    """A two-section self-assessment; one item links to the Assessment step and a resource."""
    guide = ResourcePageFactory(
        parent=toolkit["step"], title="Context assessment guide", slug="context-assessment-guide"
    )
    return build_self_assessment(
        toolkit,
        [
            audit_section(
                "Governance",
                [
                    audit_item("There is a named strategic lead for harm outside the home.", kind="checklist"),
                    audit_item(
                        "Assessments consider peer groups, schools and neighbourhoods.",
                        step=toolkit["step"],
                        resources=[guide],
                    ),
                ],
            ),
            audit_section(
                "Engagement with young people",
                [audit_item("Young people's views shape how contexts are assessed.")],
            ),
        ],
    )


@pytest.fixture(scope="module")
def audit_data(toolkit_data):
    return build_audit(toolkit_data)


audit = fresh_copy_of("audit_data")


def item_ids(page):
    return [item.id for section in page.audit_sections for item in section.items]


TOKEN_URL = re.compile(r"/en/audit/self-assessment/r/(?P<token>[A-Za-z0-9_-]+)/")


@pytest.fixture
def started(client, audit):
    """An audit started over HTTP: (answer URL, token)."""
    response = client.post("/en/audit/self-assessment/", {"area": "Testshire"})
    assert response.status_code == 302
    match = TOKEN_URL.search(response["Location"])
    return match.group(0), match.group("token")

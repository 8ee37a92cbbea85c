"""Sample audits for the demo toolkit: the self-assessment and the system
review under the national Audit page, linked from its body.

Called by ``sites.demo`` (``manage.py load_demo_data``). Idempotent: pages
are looked up by slug and created only when missing; the Audit page's body
gets its links once.
"""

import tomllib
from pathlib import Path

from wagtail.rich_text import RichText

from home.models import NationalPage
from resources.models import ResourcePage, StepPage

from .factories import AuditPageFactory, audit_item, audit_section

# The sample questions are content, not code: kept in a data file beside this module.
DEMO_AUDITS = tomllib.loads((Path(__file__).parent / "demo_audits.toml").read_text(encoding="utf-8"))

LINK_MARKER = "Take the interactive audit"


def load_demo_audits(home, sample_notice: str) -> int:
    """Create the two sample audits under the national Audit page; returns how many pages were made."""
    national_audit = NationalPage.objects.child_of(home).filter(slug="audit").first()
    if national_audit is None:
        return 0
    steps = {step.slug: step for step in StepPage.objects.child_of(home)}
    created = 0

    def resources_for(step):
        if step is None:
            return []
        return list(ResourcePage.objects.child_of(step).filter(resource_type__in=["document", "tip"]).order_by("slug"))

    def existing(slug):
        return national_audit.get_children().filter(slug=slug).specific().first()

    self_assessment = existing("self-assessment")
    if self_assessment is None:
        sections = []
        for section in DEMO_AUDITS["self_assessment"]:
            section_items = []
            for kind, text, step_slug in section["items"]:
                step = steps.get(step_slug)
                section_items.append(audit_item(text, kind=kind, step=step, resources=resources_for(step)[:1]))
            sections.append(audit_section(section["title"], section_items, introduction=section["introduction"]))
        self_assessment = AuditPageFactory(
            parent=national_audit,
            title="Self-assessment audit",
            slug="self-assessment",
            summary="Rate your current response to harm outside the home, section by section.",
            introduction=(
                "<p>Work through each section with colleagues from across the partnership. Rate each "
                "checklist item and statement red, amber or green, and add notes on the evidence.</p>"
                f"<p>{sample_notice}</p>"
            ),
            sections=sections,
        )
        created += 1

    system_review = existing("system-review")
    if system_review is None:
        sections = []
        for step_slug, statements in DEMO_AUDITS["system_review"].items():
            step = steps.get(step_slug)
            if step is None:
                continue
            items = [audit_item(text, kind="statement", resources=resources_for(step)[:1]) for text in statements]
            sections.append(audit_section(step.title, items, introduction=step.summary, step=step))
        system_review = AuditPageFactory(
            parent=national_audit,
            title="System review (traffic-light) tool",
            slug="system-review",
            summary="Rate each toolkit step of your system red, amber or green.",
            introduction=(
                "<p>For each step of the toolkit, rate how well each statement describes your system "
                f"today.</p><p>{sample_notice}</p>"
            ),
            sections=sections,
        )
        created += 1

    body = national_audit.body
    if LINK_MARKER not in str(body.raw_data):
        body.append(
            (
                "paragraph",
                RichText(
                    f"<h3>{LINK_MARKER}</h3><ul>"
                    f'<li><a linktype="page" id="{self_assessment.pk}">Self-assessment audit</a>: '
                    "rate governance, strategy, practice, engagement, dissemination and action planning.</li>"
                    f'<li><a linktype="page" id="{system_review.pk}">System review (traffic-light) tool</a>: '
                    "rate each toolkit step.</li></ul>"
                    "<p>No account is needed and no personal data is asked for. Answers are saved as you go, "
                    "and you can download a PDF or CSV report.</p>"
                ),
            )
        )
        national_audit.body = body
        national_audit.save_revision().publish()
    return created

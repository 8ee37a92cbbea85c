"""Factories for audits, shared by tests and the demo loader."""

import factory

from resources.factories import PublishedPageFactory

from .models import AuditPage


def audit_item(text, kind="statement", step=None, resources=(), guidance=""):
    """A raw StreamField child for an item: kind is "checklist" or "statement"."""
    return (kind, {"text": text, "guidance": guidance, "step": step, "resources": list(resources)})


def audit_section(title, items, introduction="", step=None):
    return ("section", {"title": title, "introduction": introduction, "step": step, "items": list(items)})


class AuditPageFactory(PublishedPageFactory):
    class Meta:
        model = AuditPage

    title = factory.Sequence(lambda n: f"Audit {n}")
    summary = "Rate how your current system responds to harm outside the home."
    introduction = "<p>Rate each item red, amber or green.</p>"
    sections = factory.LazyFunction(
        lambda: [
            audit_section(
                "Governance",
                [
                    audit_item("There is a named strategic lead for harm outside the home.", kind="checklist"),
                    audit_item("Partners share decisions about contexts, not only about individuals."),
                ],
            )
        ]
    )

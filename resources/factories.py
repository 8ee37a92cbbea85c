"""Factories for steps, resources and documents, shared by tests and demo data."""

import datetime

from django.core.files.base import ContentFile
from django.utils.text import slugify

import factory
import wagtail_factories
from fpdf import FPDF

from .models import ResourceDocument, ResourcePage, ResourceType, StepPage, StepSubPage, Tier


def make_pdf(title: str, paragraphs: list[str] | tuple[str, ...] = ()) -> bytes:
    """A small real PDF with a title and some text, so downloads work offline."""
    pdf = FPDF()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("helvetica", style="B", size=16)
    pdf.multi_cell(0, 10, text=title)
    pdf.set_font("helvetica", size=11)
    for paragraph in paragraphs:
        pdf.ln(4)
        pdf.multi_cell(0, 6, text=paragraph)
    return bytes(pdf.output())


class PublishedPageFactory(wagtail_factories.PageFactory):
    """Creates the page, then publishes a first revision.

    Pages made with add_child alone are live but have no revision and no
    published date; published ones behave as an editor's pages do.
    """

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        instance = super()._create_instance(model_class, parent, kwargs)
        instance.save_revision().publish()
        instance.refresh_from_db()
        return instance


class ResourceDocumentFactory(wagtail_factories.DocumentFactory):
    class Meta:
        model = ResourceDocument

    title = factory.Sequence(lambda n: f"Sample document {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(
            make_pdf(o.title, ["Sample content for the Contextual Safeguarding Toolkit."]),
            name=f"{slugify(o.title) or 'document'}.pdf",
        )
    )


class StepPageFactory(PublishedPageFactory):
    class Meta:
        model = StepPage

    title = factory.Sequence(lambda n: f"Step {n}")
    summary = "What this step involves."
    show_in_menus = True


class StepSubPageFactory(PublishedPageFactory):
    class Meta:
        model = StepSubPage

    title = factory.Sequence(lambda n: f"Section {n}")
    summary = "More on this step."


class ResourcePageFactory(PublishedPageFactory):
    class Meta:
        model = ResourcePage

    title = factory.Sequence(lambda n: f"Resource {n}")
    summary = "A resource for practitioners."
    resource_type = ResourceType.DOCUMENT
    tiers = Tier.BOTH
    date = datetime.date(2024, 1, 15)
    document = factory.Maybe(
        factory.LazyAttribute(lambda o: o.resource_type == ResourceType.DOCUMENT),
        yes_declaration=factory.SubFactory(ResourceDocumentFactory),
        no_declaration=None,
    )

"""Factories for the national toolkit's pages, shared by tests and demo data."""

from wagtail.rich_text import RichText

import factory

from resources.factories import PublishedPageFactory

from .models import NationalPage, ToolkitHomePage


class ToolkitHomePageFactory(PublishedPageFactory):
    class Meta:
        model = ToolkitHomePage

    title = "Contextual Safeguarding Implementation Toolkit"
    slug = "home"
    introduction = "<p>How to build a system that protects young people from harm outside the home.</p>"


class NationalPageFactory(PublishedPageFactory):
    class Meta:
        model = NationalPage

    title = factory.Sequence(lambda n: f"National page {n}")
    summary = "A national page that applies everywhere."
    show_in_menus = True
    body = factory.LazyFunction(lambda: [("paragraph", RichText("<p>National guidance.</p>"))])

"""A national toolkit with two localities (Hackney, Bristol) and resources in
each, for the library, search, tips and compare tests."""

import datetime

from django.core.files.base import ContentFile

from wagtail.rich_text import RichText

import pytest

from resources.factories import ResourceDocumentFactory, ResourcePageFactory, StepPageFactory, make_pdf
from resources.models import StepPage
from sites.factories import LocalityFactory
from sites.models import LocalityStatus
from tests.conftest import fresh_copy_of


def archive(locality):
    """Archives the locality: it leaves every public list, search and comparison."""
    locality.status = LocalityStatus.ARCHIVED
    locality.save()


def local_step(locality, slug):
    return StepPage.objects.child_of(locality.home_page).get(slug=slug)


def build_library(toolkit):
    """Hackney and Bristol provisioned, with local guidance and resources of each kind."""
    home = toolkit["home"]
    referrals = StepPageFactory(parent=home, title="Referrals", slug="referrals")
    hackney = LocalityFactory(name="Hackney", slug="hackney")
    bristol = LocalityFactory(name="Bristol", slug="bristol")

    hackney_assessment = local_step(hackney, "assessment")
    hackney_assessment.body = [("paragraph", RichText("<p>Hackney assesses parks with their wardens.</p>"))]
    hackney_assessment.save_revision().publish()
    bristol_referrals = local_step(bristol, "referrals")
    bristol_referrals.body = [("paragraph", RichText("<p>Bristol sends place referrals to a weekly panel.</p>"))]
    bristol_referrals.save_revision().publish()

    pdf = make_pdf("Context assessment form", ["Ask partners about the zebra crossing near the library."])
    resources = {
        "national_guide": ResourcePageFactory(
            parent=toolkit["step"], title="National assessment guide", tiers="one", date=datetime.date(2023, 5, 1)
        ),
        "hackney_form": ResourcePageFactory(
            parent=hackney_assessment,
            title="Hackney context assessment form",
            tiers="two",
            date=datetime.date(2024, 3, 1),
            document=ResourceDocumentFactory(
                title="Hackney context assessment form", file=ContentFile(pdf, name="context-assessment.pdf")
            ),
        ),
        "hackney_tier_one": ResourcePageFactory(
            parent=hackney_assessment, title="Hackney family assessment", tiers="one", date=datetime.date(2024, 1, 1)
        ),
        "hackney_tip": ResourcePageFactory(
            parent=hackney_assessment,
            title="Walk the site first",
            resource_type="tip",
            summary="Visit the park at the time harm is reported.",
            tiers="two",
        ),
        "bristol_referral_tip": ResourcePageFactory(
            parent=bristol_referrals,
            title="Name the place",
            resource_type="tip",
            summary="Record the place in every referral.",
            date=datetime.date(2022, 6, 1),
        ),
        "bristol_referral_form": ResourcePageFactory(
            parent=bristol_referrals, title="Bristol place referral form", date=datetime.date(2022, 7, 1)
        ),
        "national_tip": ResourcePageFactory(
            parent=referrals, title="Ask where", resource_type="tip", summary="Ask where, not only who."
        ),
    }
    return {**toolkit, "referrals": referrals, "hackney": hackney, "bristol": bristol, **resources}


@pytest.fixture(scope="module")
def library_data(toolkit_data):
    return build_library(toolkit_data)


library = fresh_copy_of("library_data", "The library world (``build_library``), built once per module.")

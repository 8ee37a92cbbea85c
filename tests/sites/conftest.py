"""Fixtures for adapt-and-drift tests: a national Principles page with three
blocks, Hackney and Bristol provisioned through the real action, their users,
and helpers that edit national and local versions block by block."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

import pytest

from home.models import NationalPage
from sites.adaptation import AdaptNationalPage
from sites.factories import LocalityFactory
from sites.models import NATIONAL_TEAM_GROUP, InheritedPage
from tests.conftest import fresh_copy_of

INTRO, PRACTICE, PARTNERS = "Context matters for every young person.", "Work with places.", "Partners share."


def build_national(toolkit):
    """The national Principles page with three paragraphs (three block ids)."""
    principles = toolkit["principles"]
    principles.body = [
        ("paragraph", RichText(f"<p>{INTRO}</p>")),
        ("paragraph", RichText(f"<p>{PRACTICE}</p>")),
        ("paragraph", RichText(f"<p>{PARTNERS}</p>")),
    ]
    principles.save_revision().publish()
    return NationalPage.objects.get(pk=principles.pk)


def build_localities():
    return LocalityFactory(name="Hackney", slug="hackney"), LocalityFactory(name="Bristol", slug="bristol")


def build_users(localities):
    hackney, bristol = localities
    User = get_user_model()
    editor = User.objects.create_user("hackney-editor", password="pw")
    editor.groups.add(hackney.editors_group)
    publisher = User.objects.create_user("hackney-publisher", password="pw")
    publisher.groups.add(hackney.publishers_group)
    other = User.objects.create_user("bristol-editor", password="pw")
    other.groups.add(bristol.editors_group)
    national_user = User.objects.create_user("national", password="pw")
    national_user.groups.add(Group.objects.get(name=NATIONAL_TEAM_GROUP))
    return {"editor": editor, "publisher": publisher, "other": other, "national": national_user}


@pytest.fixture(scope="module")
def national_data(toolkit_data):
    return build_national(toolkit_data)


@pytest.fixture(scope="module")
def localities_data(national_data):
    return build_localities()


@pytest.fixture(scope="module")
def users_data(localities_data):
    return build_users(localities_data)


national = fresh_copy_of("national_data")
localities = fresh_copy_of(
    "localities_data", "Hackney and Bristol, provisioned through the real action (once per module)."
)
users = fresh_copy_of("users_data")


@pytest.fixture
def mirror(localities):
    return InheritedPage.objects.child_of(localities[0].home_page).get()


@pytest.fixture
def adapted(mirror, users):
    return AdaptNationalPage(user=users["editor"], page=mirror).execute()


def raw(page):
    return list(page.body.get_prep_value())


def texts(page):
    return [block["value"] for block in raw(page)]


def set_blocks(page, blocks):
    page.body = StreamValue(page.body.stream_block, blocks, is_lazy=True)


def publish_national(national, change, user=None):
    """A national edit, published: ``change(blocks)`` edits the raw blocks in place."""
    page = NationalPage.objects.get(pk=national.pk).get_latest_revision_as_object()
    blocks = raw(page)
    change(blocks)
    set_blocks(page, blocks)
    revision = page.save_revision(user=user)
    revision.publish(user=user)
    return revision


def edit_locally(page, change, user=None):
    """A locality draft: ``change(blocks)`` edits the raw blocks of the latest version."""
    draft = InheritedPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    blocks = raw(draft)
    change(blocks)
    set_blocks(draft, blocks)
    return draft.save_revision(user=user)


def replace_text(index, text):
    def change(blocks):
        blocks[index]["value"] = f"<p>{text}</p>"

    return change

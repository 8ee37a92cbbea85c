"""Fixtures for public history: pages with several published versions."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.fields import StreamField
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

import pytest

from history.models import DocumentFileVersion
from history.notes import record_change_note
from resources.factories import make_pdf
from resources.models import StepPage
from sites.factories import LocalityFactory
from sites.models import NATIONAL_TEAM_GROUP
from tests.conftest import fresh_copy_of

DRAFT_SECRET = "Draft only: the name of a school"


def publish(page, note=None, *, minor=False, user=None, **changes):
    """Publish a new version of ``page`` with ``changes``, as the admin does:
    the note is recorded on the revision, then the revision is published."""
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision(user=user, log_action=True)
    if note is not None or minor:
        record_change_note(revision, note or "", minor=minor, user=user)
    revision.publish(user=user)
    page.refresh_from_db()
    return revision


def save_draft(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision(log_action=True)


def build_versions(toolkit):
    """The step of the toolkit fixture with four published versions (one of
    them minor) and a newer draft. Returns the step and its revisions."""
    step = toolkit["step"]
    first = step.live_revision
    second = publish(
        step,
        "Added guidance on schools",
        body=[
            ("paragraph", RichText("<p>Shared guidance for both tiers.</p>")),
            ("paragraph", RichText("<p>Work with schools on safety mapping.</p>")),
        ],
    )
    minor = publish(step, minor=True, summary="Assess the contexts where harm happens.")
    third = publish(step, "Clarified referral routes", summary="Assess the contexts where young people face harm.")
    draft = save_draft(step, summary=DRAFT_SECRET)
    step.refresh_from_db()
    return {"step": step, "first": first, "second": second, "minor": minor, "third": third, "draft": draft}


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "pw")


def form_data(client, url, page_class):
    """What the page form at ``url`` would post, read from the form itself.

    StreamFields are drawn by JavaScript, so they are filled in here: one
    paragraph in ``body``, the others empty."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for model_field in page_class._meta.get_fields():
        if isinstance(model_field, StreamField):
            blocks = (
                [("paragraph", rich_text("<p>Shared guidance for both tiers.</p>"))]
                if model_field.name == "body"
                else []
            )
            data.update(nested_form_data({model_field.name: streamfield(blocks)}))
    return data


def edit_form_data(client, page):
    return form_data(client, reverse("wagtailadmin_pages:edit", args=[page.pk]), type(page.specific))


def build_localities(toolkit):
    """Hackney and Bristol with published and draft versions, and a publisher for each and the national team."""
    hackney = LocalityFactory(name="Hackney", slug="hackney")
    bristol = LocalityFactory(name="Bristol", slug="bristol")
    step = StepPage.objects.child_of(hackney.home_page).get()
    first = publish(step, "Added our MASH contacts", summary="How Hackney assesses contexts.")
    second = publish(step, "Added the schools panel", summary="How Hackney assesses contexts, with schools.")
    save_draft(step, summary=DRAFT_SECRET)
    bristol_step = StepPage.objects.child_of(bristol.home_page).get()
    publish(bristol_step, "Bristol's own change")
    publish(toolkit["principles"], "National principles reworded", summary="Context matters.")
    User = get_user_model()
    users = {}
    for name, group in [
        ("hackney-publisher", hackney.publishers_group),
        ("bristol-publisher", bristol.publishers_group),
        ("national", Group.objects.get(name=NATIONAL_TEAM_GROUP)),
    ]:
        users[name] = User.objects.create_user(name, f"{name}@example.org", "pw")
        users[name].groups.add(group)
    return {
        "hackney": hackney,
        "bristol": bristol,
        "step": step,
        "first": first,
        "second": second,
        "users": users,
        "toolkit": toolkit,
    }


@pytest.fixture(scope="module")
def versions_data(toolkit_data):
    return build_versions(toolkit_data)


versions = fresh_copy_of(
    "versions_data", "The toolkit's step with several versions (``build_versions``), built once per module."
)


@pytest.fixture(scope="module")
def localities_data(toolkit_data):
    return build_localities(toolkit_data)


localities = fresh_copy_of("localities_data")


@pytest.fixture
def replaced(client, document_resource, superuser, settings, tmp_path):
    """The national resource's document replaced once in the admin: one earlier file."""
    settings.MEDIA_ROOT = str(tmp_path)
    document = document_resource.document
    document.file.save("assessment-guide.pdf", ContentFile(make_pdf("Assessment guide", ["The first edition."])))
    client.force_login(superuser)
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "file": SimpleUploadedFile("assessment-guide-2026.pdf", make_pdf("Assessment guide 2026")),
            "collection": document.collection_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:1000]
    client.logout()
    return DocumentFileVersion.objects.get(document=document)

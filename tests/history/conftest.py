"""Fixtures for public history: pages with several published versions."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import querydict_from_html

import pytest

from history.notes import record_change_note

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


@pytest.fixture
def versions(toolkit):
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


def edit_form_data(client, page):
    """What the page's edit form would post, read from the form itself."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return querydict_from_html(response.content.decode(), form_id="page-edit-form")

"""Change notes through the admin's edit and create views, and other publish paths."""

from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from history.models import ChangeNote
from home.models import NationalPage

from .conftest import edit_form_data, form_data


def post_edit_form(client, user, page, action=None, **changes):
    """Log in, read the page's edit form, change ``changes`` and post it with ``action`` (e.g. "action-publish")."""
    client.force_login(user)
    data = edit_form_data(client, page)
    data.update(changes)
    if action:
        data[action] = action
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


@pytest.mark.django_db
def test_edit_form_offers_a_change_note_and_a_minor_tick(client, toolkit, superuser):
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[toolkit["step"].pk])).content.decode()
    assert 'name="change_note"' in html
    assert 'name="minor_change"' in html


@pytest.mark.django_db
def test_publish_without_a_note_is_refused(client, toolkit, superuser):
    step = toolkit["step"]
    response = post_edit_form(client, superuser, step, "action-publish", title="Assessment, revised")
    assert response.status_code == 200
    assert "Write a public change note" in response.content.decode()
    step.refresh_from_db()
    assert step.title == "Assessment"
    assert PageLogEntry.objects.filter(page=step, action="wagtail.publish").count() == 1


@pytest.mark.django_db
def test_publish_with_a_note_records_it_publicly(client, toolkit, superuser):
    step = toolkit["step"]
    response = post_edit_form(
        client, superuser, step, "action-publish", title="Assessment, revised", change_note="Renamed the step"
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.title == "Assessment, revised"
    assert ChangeNote.objects.get(revision=step.live_revision).note == "Renamed the step"
    client.logout()
    assert "Renamed the step" in client.get("/en/assessment/history/").content.decode()


@pytest.mark.django_db
def test_minor_publish_needs_no_note_and_is_not_listed(client, toolkit, superuser):
    step = toolkit["step"]
    response = post_edit_form(client, superuser, step, "action-publish", summary="Fixed a typo.", minor_change="on")
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.summary == "Fixed a typo."
    assert ChangeNote.objects.get(revision=step.live_revision).minor
    client.logout()
    html = client.get("/en/assessment/history/").content.decode()
    assert f'id="version-{step.live_revision_id}"' not in html


@pytest.mark.django_db
def test_saving_a_draft_needs_no_note(client, toolkit, superuser):
    step = toolkit["step"]
    assert post_edit_form(client, superuser, step, summary="A draft summary.").status_code == 302
    step.refresh_from_db()
    assert step.has_unpublished_changes


@pytest.mark.django_db
def test_first_publication_is_recorded_as_first_published(client, toolkit, superuser):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["home", "nationalpage", toolkit["home"].pk])
    data = form_data(client, url, NationalPage)
    data["title"] = "Legal framework"
    data["slug"] = "legal-framework"
    data["summary"] = "The law."
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    html = client.get("/en/legal-framework/history/").content.decode()
    assert "First published" in html


@pytest.mark.django_db
def test_a_note_given_at_submission_is_shown_when_a_moderator_publishes(client, toolkit, superuser):
    """Workflow approval publishes the submitted revision: its note travels with it."""
    step = toolkit["step"]
    note = "Submitted for review with a note"
    response = post_edit_form(client, superuser, step, "action-submit", summary="Submitted summary.", change_note=note)
    assert response.status_code == 302
    step.refresh_from_db()
    submitted = step.latest_revision
    assert step.current_workflow_state is not None
    step.current_workflow_task.on_action(step.current_workflow_task_state, superuser, "approve")
    step.refresh_from_db()
    assert step.live_revision_id == submitted.pk
    client.logout()
    assert "Submitted for review with a note" in client.get("/en/assessment/history/").content.decode()


@pytest.mark.django_db
def test_scheduled_publication_keeps_its_note_and_shows_only_once_live(client, toolkit):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from history.notes import record_change_note

    step = toolkit["step"]
    step.summary = "Scheduled summary."
    step.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = step.save_revision(log_action=True)
    record_change_note(revision, "Scheduled change note")
    revision.publish()
    html = client.get("/en/assessment/history/").content.decode()
    assert "Scheduled change note" not in html
    assert "Scheduled summary." not in client.get("/en/assessment/").content.decode()
    # A day later, as publish_scheduled would see it:
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")
    assert "Scheduled change note" in client.get("/en/assessment/history/").content.decode()


@pytest.mark.django_db
def test_publishing_in_code_without_a_note_is_listed_as_updated(client, toolkit):
    step = toolkit["step"]
    step.summary = "Changed in code."
    step.save_revision().publish()
    html = client.get("/en/assessment/history/").content.decode()
    assert '<p class="history-list__note">Updated</p>' in html
    assert '<p class="history-list__note">First published</p>' in html

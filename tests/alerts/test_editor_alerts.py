"""Locality editors hear about national changes: what changed, how far
behind their adapted page is, and where to see and take the changes."""

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import querydict_from_html

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from alerts.models import AlertPreference, ChangeKind, GuidanceChange
from home.factories import NationalPageFactory

from .conftest import links_in, national_change, text_of

NOTE = "Added a section on working with transport providers"


def choose_frequency(client, user, frequency):
    """The editor's own choice, through Account → Notifications, posting the account form as it is drawn."""
    client.force_login(user)
    page = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "National guidance changes" in page
    form_index = next(
        index
        for index in range(page.count("<form"))
        if "national_change_alerts-frequency" in querydict_from_html(page, form_index=index)
    )
    data = querydict_from_html(page, form_index=form_index)
    data["national_change_alerts-frequency"] = frequency
    response = client.post(reverse("wagtailadmin_account"), data)
    assert response.status_code == 302
    client.logout()


def digests_after_a_change(client, story, capture, frequency, **change):
    """The Hackney editor chooses ``frequency``, the national team publishes, the daily digests go out."""
    choose_frequency(client, story["people"]["hackney-editor"], frequency)
    national_change(client, story, capture, **change)
    call_command("send_alert_digests")


@pytest.mark.django_db
def test_daily_digest_by_default_tells_adapting_editors_what_changed(
    client, story, mailbox, django_capture_on_commit_callbacks
):
    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    assert mailbox.messages == [], "a daily digest is not sent inside the publish"

    call_command("send_alert_digests")

    adapted = story["adapted"]
    for name in ["hackney-editor", "hackney-publisher"]:
        [message] = mailbox.to(f"{name}@example.org")
        assert message["Subject"] == "National guidance changes for Hackney"
        text = text_of(message)
        assert NOTE in text
        assert "behind national: 1 update" in text
        links = links_in(message)
        assert f"http://testserver/admin/sites/pages/{adapted.pk}/national-changes/" in links
        assert f"http://testserver/admin/sites/pages/{adapted.pk}/pull/" in links
    assert mailbox.to("bristol-editor@example.org") == [], "Bristol did not adapt the page: it shows the change live"
    assert mailbox.to("national@example.org") == []


@pytest.mark.django_db
def test_links_in_the_alert_open_the_screens_they_name(client, story, mailbox, django_capture_on_commit_callbacks):
    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    call_command("send_alert_digests")
    [message] = mailbox.to("hackney-publisher@example.org")
    client.force_login(story["people"]["hackney-publisher"])
    changes_url = next(link for link in links_in(message) if link.endswith("/national-changes/"))
    response = client.get(changes_url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert "Revised national guidance." in response.content.decode()


@pytest.mark.django_db
def test_a_second_digest_run_sends_nothing_new(client, story, mailbox, django_capture_on_commit_callbacks):
    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    call_command("send_alert_digests")
    mailbox.clear()
    call_command("send_alert_digests")
    assert mailbox.messages == []


@pytest.mark.django_db
def test_editor_who_chose_immediately_is_told_at_once(client, story, mailbox, django_capture_on_commit_callbacks):
    choose_frequency(client, story["people"]["hackney-editor"], "immediately")
    assert AlertPreference.objects.get(user=story["people"]["hackney-editor"]).frequency == "immediately"

    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)

    [message] = mailbox.to("hackney-editor@example.org")
    assert message["Subject"] == "National guidance changed: Principles (updated)"
    assert NOTE in text_of(message)
    assert mailbox.to("hackney-publisher@example.org") == [], "the publisher kept the daily digest"
    call_command("send_alert_digests")
    assert len(mailbox.to("hackney-editor@example.org")) == 1, "not told twice"
    assert len(mailbox.to("hackney-publisher@example.org")) == 1


@pytest.mark.django_db
def test_editor_who_chose_never_gets_nothing(client, story, mailbox, django_capture_on_commit_callbacks):
    digests_after_a_change(client, story, django_capture_on_commit_callbacks, "never", note=NOTE)
    assert mailbox.to("hackney-editor@example.org") == []
    assert len(mailbox.to("hackney-publisher@example.org")) == 1


@pytest.mark.django_db
def test_minor_national_change_alerts_nobody(client, story, mailbox, django_capture_on_commit_callbacks):
    digests_after_a_change(client, story, django_capture_on_commit_callbacks, "immediately", minor=True)
    assert GuidanceChange.objects.count() == 0
    assert mailbox.messages == []


@pytest.mark.django_db
def test_new_and_unpublished_national_pages_are_announced_to_every_locality(
    client, story, mailbox, django_capture_on_commit_callbacks
):
    home = story["adapted"].adapted_from.get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        partners = NationalPageFactory(parent=home, title="Key partners", slug="key-partners", live=False)
        partners.save_revision().publish()
    call_command("send_alert_digests")
    for address in ["hackney-editor@example.org", "bristol-editor@example.org"]:
        [message] = mailbox.to(address)
        assert "Key partners (new page" in text_of(message)
    assert "http://hackney.localhost/en/key-partners/" in links_in(mailbox.to("hackney-editor@example.org")[0])
    assert "http://testserver/en/bristol/key-partners/" in links_in(mailbox.to("bristol-editor@example.org")[0])

    mailbox.clear()
    client.force_login(story["people"]["national"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[partners.pk]))
    assert response.status_code == 302
    assert GuidanceChange.objects.filter(kind=ChangeKind.UNPUBLISHED, page=partners).exists()
    call_command("send_alert_digests")
    [message] = mailbox.to("bristol-editor@example.org")
    assert "Key partners (unpublished" in text_of(message)
    assert "It no longer shows in your toolkit." in text_of(message)


@pytest.mark.django_db
def test_old_changes_are_forgotten_by_the_digest_run(client, story, mailbox, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    GuidanceChange.objects.update(created_at=timezone.now() - timedelta(days=31))
    call_command("send_alert_digests")
    assert not GuidanceChange.objects.exists()
    assert mailbox.messages == [], "a month-old change is not news"


@pytest.mark.django_db
def test_an_editor_is_not_sent_changes_from_before_their_account(
    client, story, mailbox, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    newcomer = get_user_model().objects.create_user(
        "hackney-newcomer", "newcomer@example.org", "pw", date_joined=timezone.now() + timedelta(seconds=1)
    )
    newcomer.groups.add(story["hackney"].editors_group)
    call_command("send_alert_digests")
    assert mailbox.to("newcomer@example.org") == []
    assert len(mailbox.to("hackney-editor@example.org")) == 1


@pytest.mark.django_db
def test_the_worker_sends_the_daily_digest_itself_when_it_is_due(
    client, story, mailbox, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """No cron line: a starting worker queues the next morning's digest run,
    which sends when it is due and queues the day after's. The worker runs in
    this process, inside the test's transaction, which its between-task
    connection check would close."""
    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    settings.TASKS = settings.TASKS_DATABASE
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    worker = ["run_worker", "--batch", "--no-startup-delay", "--no-reload"]

    call_command(*worker)
    call_command(*worker)  # a restart queues no second run
    [morning] = DBTaskResult.objects.filter(task_path="alerts.tasks.send_due_digests", status=TaskResultStatus.READY)
    assert timezone.localtime(morning.run_after).hour == settings.ALERTS_DIGEST_HOUR
    assert mailbox.messages == [], "nothing is sent before the morning"

    DBTaskResult.objects.filter(pk=morning.pk).update(run_after=timezone.now())  # the morning comes
    call_command(*worker)

    [message] = mailbox.to("hackney-editor@example.org")
    assert message["Subject"] == "National guidance changes for Hackney"
    assert NOTE in text_of(message)
    morning.refresh_from_db()
    assert morning.status == TaskResultStatus.SUCCESSFUL
    [next_run] = DBTaskResult.objects.filter(task_path="alerts.tasks.send_due_digests", status=TaskResultStatus.READY)
    assert next_run.run_after > timezone.now()
    assert timezone.localtime(next_run.run_after).hour == settings.ALERTS_DIGEST_HOUR

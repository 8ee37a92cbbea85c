"""Sending, as django-tasks tasks: the task worker sends, never the request
that published (with the immediate backend of development and tests the
task runs where it is enqueued).

- ``send_change_alerts(change_id)``: after each major change, to editors who
  chose "immediately" and subscribers who chose "as soon as a change is published".
- ``send_due_digests()``: daily digests to editors (the default) and daily
  or weekly digests to subscribers, then removes unconfirmed subscriptions
  whose link expired and addresses left without a subscription. The worker
  runs it every day at ``ALERTS_DIGEST_HOUR`` (alerts/schedule.py);
  ``manage.py send_alert_digests`` enqueues a run now.

Each recipient's ``last_change_id`` moves on only after its email was
accepted by the mail server, so both tasks are safe to run twice: a task
that could not send everything raises ``AlertsNotSent`` once it has tried
everyone, and the worker's retry (``ops.task_retry``) sends only what is left.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from django_tasks import task

from .editors import active_localities, editors_of, entries_for, localities_concerned, preference_for
from .emails import changes_email, editor_email
from .models import AlertPreference, EditorFrequency, GuidanceChange, Subscriber, Subscription, SubscriptionFrequency
from .schedule import schedule_next_digest

logger = logging.getLogger(__name__)

# A digest run that comes early (a second run the same day) sends nothing new.
DUE_AFTER = {
    SubscriptionFrequency.DAILY: timedelta(hours=20),
    SubscriptionFrequency.WEEKLY: timedelta(days=6, hours=20),
}
# An editor who never chose a frequency is sent changes of the last week at most,
# and nobody is sent changes from before their account existed.
EDITOR_DIGEST_WINDOW = timedelta(days=7)
CHANGES_KEPT = timedelta(days=30)


class AlertsNotSent(Exception):
    """Some emails were refused or could not be sent; a retry sends only those."""


def _send(message) -> bool:
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Alert email to %s not sent", message.to)
        return False
    return True


def _visible(changes):
    """Changes whose published version has not been withdrawn from public history since."""
    return changes.filter(Q(revision__isnull=True) | Q(revision__withdrawal__isnull=True))


def _subscriptions_for(change):
    """Confirmed subscriptions a change concerns: a national change reaches
    the national toolkit's subscribers and every active locality's; a
    locality's change, that locality's."""
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False).select_related(
        "subscriber", "locality__home_page"
    )
    if change.is_national:
        return confirmed.filter(Q(locality__isnull=True) | Q(locality__in=active_localities()))
    return confirmed.filter(locality_id=change.locality_id, locality__in=active_localities())


@task()
def send_change_alerts(change_id: int):
    change = GuidanceChange.objects.select_related("page", "locality").filter(pk=change_id).first()
    if change is None or not _visible(GuidanceChange.objects.filter(pk=change_id)).exists():
        return
    connection = get_connection()
    failed = 0
    localities = localities_concerned(change)
    preferences = {
        preference.user_id: preference
        for preference in AlertPreference.objects.filter(frequency=EditorFrequency.IMMEDIATELY)
    }
    for editor in editors_of(localities):
        preference = preferences.get(editor.user.pk)
        if preference is None or preference.last_change_id >= change.pk:
            continue
        entries = entries_for([change], editor.localities)
        if not entries:
            continue
        if _send(editor_email(editor.user, entries, digest=False, connection=connection)):
            preference.last_change_id = change.pk
            preference.save(update_fields=["last_change_id"])
        else:
            failed += 1
    immediate = _subscriptions_for(change).filter(
        frequency=SubscriptionFrequency.IMMEDIATELY, last_change_id__lt=change.pk
    )
    for subscription in immediate:
        if _send(changes_email(subscription, [change], connection=connection)):
            Subscription.objects.filter(pk=subscription.pk).update(
                last_change_id=change.pk, last_sent_at=timezone.now()
            )
        else:
            failed += 1
    if failed:
        raise AlertsNotSent(f"{failed} alert email(s) about change {change.pk} not sent")


@task()
def send_due_digests():
    now = timezone.now()
    connection = get_connection()
    sent = _editor_digests(now, connection) + _subscriber_digests(now, connection)
    removed = remove_expired_subscriptions(now)
    # Every digest is at most a week behind; older changes are no one's news.
    GuidanceChange.objects.filter(created_at__lt=now - CHANGES_KEPT).delete()
    schedule_next_digest(now)
    return {"sent": sent, "removed": removed}


def _editor_digests(now, connection) -> int:
    latest = GuidanceChange.objects.aggregate(latest=Max("pk"))["latest"] or 0
    national = _visible(
        GuidanceChange.objects.filter(locality__isnull=True, created_at__gte=now - EDITOR_DIGEST_WINDOW)
    )
    preferences = {preference.user_id: preference for preference in AlertPreference.objects.all()}
    sent = 0
    for editor in editors_of(list(active_localities())):
        preference = preference_for(editor.user, preferences)
        if preference.frequency != EditorFrequency.DAILY:
            continue
        changes = list(
            national.filter(pk__gt=preference.last_change_id, created_at__gte=editor.user.date_joined)
            .select_related("page")
            .order_by("pk")
        )
        entries = entries_for(changes, editor.localities)
        if entries:
            if not _send(editor_email(editor.user, entries, digest=True, connection=connection)):
                continue
            sent += 1
        preference.last_change_id = latest
        preference.save()
    return sent


def _subscriber_digests(now, connection) -> int:
    sent = 0
    subscriptions = Subscription.objects.filter(
        confirmed_at__isnull=False, frequency__in=list(DUE_AFTER)
    ).select_related("subscriber", "locality__home_page")
    for subscription in subscriptions:
        if subscription.last_sent_at and subscription.last_sent_at > now - DUE_AFTER[subscription.frequency]:
            continue
        toolkit = Q(locality__isnull=True)
        if subscription.locality_id:
            if not subscription.locality.is_active:
                continue  # Archived meanwhile: kept, not sent, until it is restored.
            toolkit |= Q(locality_id=subscription.locality_id)
        changes = list(
            _visible(GuidanceChange.objects.filter(toolkit, pk__gt=subscription.last_change_id))
            .select_related("page", "locality")
            .order_by("pk")
        )
        if not changes:
            continue
        if _send(changes_email(subscription, changes, connection=connection)):
            Subscription.objects.filter(pk=subscription.pk).update(last_change_id=changes[-1].pk, last_sent_at=now)
            sent += 1
    return sent


@transaction.atomic
def remove_expired_subscriptions(now=None) -> int:
    """Unconfirmed subscriptions whose link has expired, and addresses left
    with no subscription: nothing is kept about someone who never confirmed."""
    now = now or timezone.now()
    expired = now - timedelta(days=settings.ALERTS_CONFIRMATION_DAYS)
    removed, _by_model = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=expired).delete()
    Subscriber.objects.filter(subscriptions__isnull=True).delete()
    return removed

"""The daily digest run, scheduled by the task worker itself: no cron line to forget.

django-tasks has no periodic tasks, but the database backend runs a task
no earlier than its ``run_after``. So a digest run is queued for the next
``ALERTS_DIGEST_HOUR`` (local time) when a worker starts
(``manage.py run_worker``), and each digest run queues the next day's: one
row per day, recognised by its time, so restarts do not add runs. Two
workers starting at the same instant could both add the day's row; the
digest is safe to run twice (the second run finds nothing new to send).
"""

import datetime

from django.conf import settings
from django.utils import timezone


def next_digest_time(now=None) -> datetime.datetime:
    now = timezone.localtime(now or timezone.now())
    at = now.replace(hour=settings.ALERTS_DIGEST_HOUR, minute=0, second=0, microsecond=0)
    return at if at > now else at + datetime.timedelta(days=1)


def schedule_next_digest(now=None):
    """Queue the next digest run unless it is queued already; its task result, or None."""
    from django_tasks_db.models import DBTaskResult

    from .tasks import send_due_digests

    if not send_due_digests.get_backend().supports_defer:
        return None  # the immediate backend (development, tests) would run it now
    at = next_digest_time(now)
    if DBTaskResult.objects.filter(task_path=send_due_digests.module_path, run_after=at).exists():
        return None
    return send_due_digests.using(run_after=at).enqueue()

"""Retrying failed background tasks.

django-tasks records a failure and stops; it has no retry of its own. Our
tasks (index updates, text extraction, cache purges, new mirrors) are all
safe to run again, so a failed run of *any* task on the database backend is
put back in the queue on the same row, after a growing delay
(``retry_delay``), until it has run ``TASK_MAX_ATTEMPTS`` times. The row's
``worker_ids`` list gains one entry per run, so it is the attempt counter;
its traceback keeps the last error. After the last attempt the row stays
FAILED (visible in the Django admin's task results and counted by
/healthz) and an ERROR line is logged: never silently lost.

A worker killed mid-task leaves its row RUNNING; ``requeue_abandoned``
(run when the worker starts, ``manage.py run_worker``) puts such rows back.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger("ops.tasks")

FIRST_RETRY_SECONDS = 5
LONGEST_RETRY_SECONDS = 15 * 60


def retry_delay(attempts: int) -> datetime.timedelta:
    """5 s after the first failure, then 20 s, 80 s, 320 s, capped at 15 minutes."""
    return datetime.timedelta(seconds=min(FIRST_RETRY_SECONDS * 4 ** max(attempts - 1, 0), LONGEST_RETRY_SECONDS))


def retry_failed_task(sender, task_result, **kwargs):
    """``task_finished`` receiver: requeue a failed database task if it has attempts left."""
    from django_tasks import TaskResultStatus

    if task_result.status != TaskResultStatus.FAILED:
        return
    db_result = getattr(task_result, "db_result", None)
    error = task_result.errors[-1].exception_class_path if task_result.errors else "unknown error"
    if db_result is None:
        # Immediate backend: the caller already saw the exception; nothing to requeue.
        logger.error("Task %s failed (%s); run inside the request, not retried", task_result.task.module_path, error)
        return
    from django_tasks_db.models import DBTaskResult

    attempts = len(db_result.worker_ids)
    if attempts >= settings.TASK_MAX_ATTEMPTS:
        logger.error(
            "Task %s id=%s failed for good after %d attempts (%s); kept as FAILED",
            db_result.task_path,
            db_result.id,
            attempts,
            error,
        )
        return
    delay = retry_delay(attempts)
    DBTaskResult.objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=timezone.now() + delay, finished_at=None
    )
    logger.warning(
        "Task %s id=%s failed (attempt %d of %d: %s); retrying in %d s",
        db_result.task_path,
        db_result.id,
        attempts,
        settings.TASK_MAX_ATTEMPTS,
        error,
        delay.total_seconds(),
    )


def requeue_abandoned(older_than: datetime.timedelta) -> int:
    """Put back tasks left RUNNING by a worker that died (killed, machine lost)."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    abandoned = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=timezone.now() - older_than)
    count = abandoned.update(status=TaskResultStatus.READY, run_after=timezone.now())
    if count:
        logger.warning("Requeued %d task(s) left running by a worker that stopped", count)
    return count


def connect():
    from django_tasks.signals import task_finished

    task_finished.connect(retry_failed_task, dispatch_uid="ops.retry_failed_task")

"""`manage.py db_worker`, first putting back tasks a stopped worker left running
and making sure the next daily digest is queued.

A worker killed mid-task (deploy, out of memory, machine lost) leaves its row
RUNNING forever; every task here is safe to run twice, so rows running for
longer than ABANDONED_AFTER are requeued when a worker starts. The digest
run queues the next day's itself (alerts/schedule.py); a worker starting
makes sure the first one is there.
"""

import datetime

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from alerts.schedule import schedule_next_digest
from ops.task_retry import requeue_abandoned

ABANDONED_AFTER = datetime.timedelta(minutes=10)


class Command(DatabaseWorkerCommand):
    help = (
        "Run the task worker (db_worker), after requeueing tasks a stopped worker left running "
        "and queueing the next daily digest."
    )

    def handle(self, *args, **options):
        requeue_abandoned(ABANDONED_AFTER)
        schedule_next_digest()
        return super().handle(*args, **options)

"""`manage.py db_worker`, first putting back tasks a stopped worker left running.

A worker killed mid-task (deploy, out of memory, machine lost) leaves its row
RUNNING forever; every task here is safe to run twice, so rows running for
longer than ABANDONED_AFTER are requeued when a worker starts.
"""

import datetime

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from ops.task_retry import requeue_abandoned

ABANDONED_AFTER = datetime.timedelta(minutes=10)


class Command(DatabaseWorkerCommand):
    help = "Run the task worker (db_worker), after requeueing tasks a stopped worker left running."

    def handle(self, *args, **options):
        requeue_abandoned(ABANDONED_AFTER)
        return super().handle(*args, **options)

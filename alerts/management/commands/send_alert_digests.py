from django.core.management.base import BaseCommand

from alerts.tasks import send_due_digests


class Command(BaseCommand):
    help = (
        "Send the daily digests (editors, subscribers) and weekly ones that are due, and delete expired "
        "unconfirmed subscriptions. Run once a day. Enqueued as a task: the worker sends."
    )

    def handle(self, *args, **options):
        result = send_due_digests.enqueue()
        self.stdout.write(f"Digest task enqueued ({result.id}): {result.status}.")

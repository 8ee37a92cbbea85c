"""Record major changes as they are published and hand the sending to a task
once the publish has committed (a rolled-back publish tells nobody)."""

from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published, page_unpublished

from .changes import record_publish, record_unpublish


def _send_after_commit(change):
    from .tasks import send_change_alerts

    transaction.on_commit(lambda: send_change_alerts.enqueue(change.pk))


@receiver(page_published)
def page_published_alerts(sender, instance, revision=None, **kwargs):
    change = record_publish(instance, revision)
    if change is not None:
        _send_after_commit(change)


@receiver(page_unpublished)
def page_unpublished_alerts(sender, instance, **kwargs):
    change = record_unpublish(instance)
    if change is not None:
        _send_after_commit(change)

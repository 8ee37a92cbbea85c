"""Alerts: telling people when guidance changes.

Locality editors and publishers get an email when a national page they
adapted changes, when a national page is added and when one is unpublished
(each chooses immediately, a daily digest or never, under Account → Notifications).
Visitors subscribe by email, without an account, to the national toolkit's
or a locality's major changes (double opt-in, one-click unsubscribe).

Why a top-level app: it reads what every other app records (history's change
notes, sites' localities and drift) and adds people to tell, so it sits at the
end of the dependency direction. Nothing imports ``alerts``: it listens to
Wagtail's ``page_published`` / ``page_unpublished`` signals, registers admin
hooks, and is reached by URL (``cms/urls.py``) and from templates by URL name.

    ... <-  sites  <-  alerts  <-  ops  (README)

Sending happens in django-tasks tasks (``alerts.tasks``), never in the
publishing request once a worker backend is configured; digests are sent by
``manage.py send_alert_digests`` (run daily).
"""

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"
    verbose_name = "Alerts"

    def ready(self):
        from . import signals  # noqa: F401

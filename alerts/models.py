"""What alerts keep: the major changes to tell people about, editors' choices,
and visitors' subscriptions.

Visitors: only the address (``Subscriber``), what it follows
(``Subscription``) and whether that was confirmed. An address is deleted with
its last subscription, and unconfirmed subscriptions are deleted once their
confirmation link has expired (``send_alert_digests``).

Each recipient keeps a high-water mark (the id of the last change sent), so a
digest is "every change after the mark": nothing twice, nothing skipped when
a run is missed, and no per-change-per-recipient rows.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeKind(models.TextChoices):
    NEW = "new", "New page"
    UPDATED = "updated", "Updated"
    UNPUBLISHED = "unpublished", "Unpublished"


class GuidanceChange(models.Model):
    """A major change to a toolkit's public guidance: a page first published,
    republished with a change that is not ticked as minor, or unpublished.
    ``locality`` is empty for the national toolkit."""

    page = models.ForeignKey("wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+")
    revision = models.ForeignKey("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    locality = models.ForeignKey("sites.Locality", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=ChangeKind.choices)
    title = models.CharField(max_length=255)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def is_national(self) -> bool:
        return self.locality_id is None


class EditorFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    DAILY = "daily", "Daily digest"
    NEVER = "never", "Never"


class AlertPreference(models.Model):
    """How a locality editor or publisher hears about national changes.
    No row means the default: a daily digest."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_preference")
    frequency = models.CharField(
        max_length=12,
        choices=EditorFrequency.choices,
        default=EditorFrequency.DAILY,
        verbose_name="Emails about national changes",
        help_text="When a national page you adapted changes, or a national page is added or unpublished.",
    )
    last_change_id = models.BigIntegerField(default=0, editable=False)

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"


class SubscriptionFrequency(models.TextChoices):
    IMMEDIATELY = "immediately", _("As soon as a change is published")
    DAILY = "daily", _("Once a day")
    WEEKLY = "weekly", _("Once a week")


class Subscriber(models.Model):
    """An email address with at least one subscription (deleted with its last)."""

    email = models.EmailField(max_length=254, unique=True)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="en")

    def __str__(self):
        return self.email


def new_key() -> str:
    return secrets.token_urlsafe(16)


class Subscription(models.Model):
    """One address following one toolkit's major changes (``locality`` empty:
    the national toolkit). Links in emails carry a signed token of the id and
    ``key``; a new key makes old links useless."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    locality = models.ForeignKey("sites.Locality", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(
        max_length=12, choices=SubscriptionFrequency.choices, default=SubscriptionFrequency.DAILY
    )
    key = models.CharField(max_length=32, default=new_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_change_id = models.BigIntegerField(default=0)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "locality"], name="alerts_one_subscription_per_toolkit"),
            models.UniqueConstraint(
                fields=["subscriber"], condition=models.Q(locality=None), name="alerts_one_national_subscription"
            ),
        ]

    def __str__(self):
        return f"{self.subscriber} → {self.locality or 'national toolkit'}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

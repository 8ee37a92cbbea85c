"""Signed links for confirming and ending a subscription.

A token is the subscription's id, its random ``key`` and the purpose, signed
with ``SECRET_KEY`` (``django.core.signing``, with its timestamp): nothing is
stored for it, a confirmation link expires after
``ALERTS_CONFIRMATION_DAYS``, and a token for one purpose never works for
the other. Unsubscribe links do not expire.
"""

from django.conf import settings
from django.core import signing

from .models import Subscription

SALT = "alerts.subscription"
CONFIRM, UNSUBSCRIBE = "confirm", "unsubscribe"


class InvalidToken(Exception):
    """Not a token of ours (altered, truncated, another purpose)."""


class ExpiredToken(Exception):
    """A genuine confirmation link, too old to use."""


def make_token(subscription, purpose: str) -> str:
    return signing.dumps([subscription.pk, subscription.key, purpose], salt=SALT)


def read_token(token: str, purpose: str) -> Subscription | None:
    """The subscription a token names, or None when it no longer exists
    (already unsubscribed, or never confirmed and cleaned up)."""
    max_age = settings.ALERTS_CONFIRMATION_DAYS * 24 * 60 * 60 if purpose == CONFIRM else None
    try:
        subscription_id, key, token_purpose = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidToken from error
    if token_purpose != purpose or not isinstance(subscription_id, int) or not isinstance(key, str):
        raise InvalidToken
    return Subscription.objects.select_related("subscriber", "locality").filter(pk=subscription_id, key=key).first()

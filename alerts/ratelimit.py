"""Limits on subscribing, kept only in Django's cache under keyed hashes
(never an IP address or email address in clear, not even in the cache).

- per client address: ``ALERTS_SUBSCRIBE_LIMIT`` subscribe requests an hour;
- per email address: ``ALERTS_ADDRESS_LIMIT`` emails a day, so nobody can use
  the form to flood someone else's inbox. Over this limit the visitor sees
  the same "check your email" page and nothing is sent (no enumeration).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

HOUR, DAY = 60 * 60, 24 * 60 * 60


def _key(kind: str, value: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()
    return f"alerts-{kind}:{digest}"


def _count(key: str, limit: int, window: int) -> bool:
    if limit <= 0:
        return True
    if cache.add(key, 1, timeout=window):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True


def allow_client(request) -> bool:
    return _count(_key("client", request.META.get("REMOTE_ADDR", "")), settings.ALERTS_SUBSCRIBE_LIMIT, HOUR)


def allow_address(email: str) -> bool:
    return _count(_key("address", email), settings.ALERTS_ADDRESS_LIMIT, DAY)

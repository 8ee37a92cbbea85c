"""A per-client limit on starting audits, kept only in Django's cache.

Hand-written rather than a dependency: it is one counter per client per
window, and the key must be a keyed hash of the address, so no IP address
is ever stored, not even in the cache.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from core.client_address import client_ip


def client_key(request) -> str:
    """A keyed hash of the client's address (as the trusted proxies report it)."""
    address = client_ip(request)
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()
    return f"audit-start:{digest}"


def allow_start(request) -> bool:
    """Count one start for this client; False once it has used its allowance for the window."""
    limit = settings.AUDIT_START_LIMIT
    if limit <= 0:
        return True
    key = client_key(request)
    window = settings.AUDIT_START_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit

"""The address of the visitor, as the trusted proxies in front of us saw it.

Each proxy appends the address it received the request from to
X-Forwarded-For, so with N trusted proxies the visitor is the N-th entry
from the right. Entries left of that were written by the client and can be
anything; with no trusted proxy (TRUSTED_PROXY_COUNT = 0) the header is
ignored and the connection's own address is used. Hand-written because it is
one rule on one header; django-ipware guesses from many headers, which is
what a client forging them wants.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the address the outermost
    trusted proxy reports. '' when nothing usable is known."""
    remote_addr = _valid(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    # The nearest proxy connected to us (REMOTE_ADDR) and appended the address
    # it saw; each further proxy added one more entry to the right.
    if len(forwarded) < proxies:
        return remote_addr
    return _valid(forwarded[-proxies]) or remote_addr


def _valid(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return ""

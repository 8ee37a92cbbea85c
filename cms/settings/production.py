"""Production: refuses to start without its secrets or a shared cache; `check --deploy` is clean.

REDIS_URL is required rather than falling back to the database cache: with
several app servers a per-process cache would split the audit start limit
and Wagtail's site-root cache between them, silently; the database cache
would put a write on every rate-limited request into PostgreSQL.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ENV_ALLOWED_HOSTS,
    ENV_DATABASE_URL,
    ENV_REDIS_URL,
    ENV_SECRET_KEY,
    ENV_SECURE_SSL_REDIRECT,
)

_missing = [
    name
    for name, value in {
        "SECRET_KEY": ENV_SECRET_KEY,
        "DATABASE_URL": ENV_DATABASE_URL,
        "ALLOWED_HOSTS": ENV_ALLOWED_HOSTS,
        "REDIS_URL": ENV_REDIS_URL,
    }.items()
    if not value
]
if _missing:
    raise ImproperlyConfigured("Production settings need these environment variables: " + ", ".join(_missing))

DEBUG = False
SECURE_SSL_REDIRECT = ENV_SECURE_SSL_REDIRECT
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# The load balancer's and Varnish's health probes speak plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

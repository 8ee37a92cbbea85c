"""Tests: fast hashing, in-memory cache, files in a throwaway folder, tasks run at once.

The database comes from DATABASE_URL (the test command starts an embedded
PostgreSQL and sets it); without it the suite falls back to SQLite.
"""

import tempfile

from .base import *  # noqa: F403
from .base import ENV_MEDIA_ROOT, ENV_TASKS_BACKEND, TASKS_DATABASE, TASKS_IMMEDIATE

DEBUG = False
SECRET_KEY = "tests-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = ENV_MEDIA_ROOT or tempfile.mkdtemp(prefix="cst-test-media-")
STORAGES = {
    "default": FILE_SYSTEM_STORAGE,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
# Tasks run inside the request unless a test (or the worker a test starts,
# with TASKS_BACKEND=database) asks for the queue.
TASKS = TASKS_DATABASE if ENV_TASKS_BACKEND == "database" else TASKS_IMMEDIATE
# One server answers for every Site here, on whatever port it was started on.
SITES_SHARE_REQUEST_PORT = True
# The admin tests sign in with force_login; tests/sites/test_two_factor.py turns this on.
TWO_FACTOR_REQUIRED = False
# Passkeys: the software authenticator of the HTTP tests and Chromium's
# virtual one speak for localhost (WebAuthn allows plain http only there).
OTP_WEBAUTHN_RP_ID = "localhost"
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["http://localhost"]

"""Local development: works with no environment at all (SQLite, local files)."""

from .base import *  # noqa: F403
from .base import ENV_ALLOWED_HOSTS, ENV_SECRET_KEY

DEBUG = True
SECRET_KEY = ENV_SECRET_KEY or "django-insecure-local-development-only"
ALLOWED_HOSTS = ENV_ALLOWED_HOSTS or ["localhost", ".localhost", "127.0.0.1", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# One server answers for every Site here, on whatever port it was started on.
SITES_SHARE_REQUEST_PORT = True

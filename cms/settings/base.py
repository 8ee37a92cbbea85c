"""Settings shared by every environment.

Every environment variable the project reads is read here, once, with its
type and default (listed in `.env.example` and the README). The other
settings modules only decide what to do with these values.
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in _env_str(name, default).split(",") if item.strip()]


def _env_bool(name: str, default: bool) -> bool:
    raw = _env_str(name, "")
    if not raw:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def _env_int(name: str, default: int) -> int:
    raw = _env_str(name, "")
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from error


# --- Environment: the only place os.environ is read -------------------------
ENV_SECRET_KEY = _env_str("SECRET_KEY")
ENV_DATABASE_URL = _env_str("DATABASE_URL")
ENV_ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS")
ENV_WAGTAILADMIN_BASE_URL = _env_str("WAGTAILADMIN_BASE_URL")
ENV_S3_BUCKET = _env_str("AWS_STORAGE_BUCKET_NAME")
ENV_S3_ENDPOINT_URL = _env_str("AWS_S3_ENDPOINT_URL")
ENV_S3_REGION = _env_str("AWS_S3_REGION_NAME", "eu-west-2")
ENV_S3_ACCESS_KEY_ID = _env_str("AWS_ACCESS_KEY_ID")
ENV_S3_SECRET_ACCESS_KEY = _env_str("AWS_SECRET_ACCESS_KEY")
ENV_DOCUMENT_MAX_UPLOAD_MB = _env_int("DOCUMENT_MAX_UPLOAD_MB", 20)
ENV_SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
ENV_CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")
ENV_AUDIT_RETENTION_DAYS = _env_int("AUDIT_RETENTION_DAYS", 365)
ENV_AUDIT_START_LIMIT = _env_int("AUDIT_START_LIMIT", 20)
# Operations: task worker, shared cache, proxies, front cache (see "Operations" below).
ENV_TASKS_BACKEND = _env_str("TASKS_BACKEND")
ENV_TASK_MAX_ATTEMPTS = _env_int("TASK_MAX_ATTEMPTS", 5)
ENV_REDIS_URL = _env_str("REDIS_URL")
ENV_TRUSTED_PROXY_COUNT = _env_int("TRUSTED_PROXY_COUNT", 0)
ENV_FRONTEND_CACHE_URLS = _env_list("FRONTEND_CACHE_URLS")
ENV_CACHE_MAX_AGE = _env_int("CACHE_MAX_AGE", 300)
ENV_MEDIA_ROOT = _env_str("MEDIA_ROOT")
ENV_EMAIL_HOST = _env_str("EMAIL_HOST", "localhost")
ENV_EMAIL_PORT = _env_int("EMAIL_PORT", 25)
ENV_EMAIL_HOST_USER = _env_str("EMAIL_HOST_USER")
ENV_EMAIL_HOST_PASSWORD = _env_str("EMAIL_HOST_PASSWORD")
ENV_EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", False)
ENV_DEFAULT_FROM_EMAIL = _env_str("DEFAULT_FROM_EMAIL", "Contextual Safeguarding Toolkit <no-reply@localhost>")
ENV_ALERTS_CONFIRMATION_DAYS = _env_int("ALERTS_CONFIRMATION_DAYS", 7)
ENV_ALERTS_SUBSCRIBE_LIMIT = _env_int("ALERTS_SUBSCRIBE_LIMIT", 10)
ENV_ALERTS_ADDRESS_LIMIT = _env_int("ALERTS_ADDRESS_LIMIT", 3)
ENV_ALERTS_DIGEST_HOUR = _env_int("ALERTS_DIGEST_HOUR", 7)
ENV_SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", False)
ENV_LOGIN_FAILURE_LIMIT = _env_int("LOGIN_FAILURE_LIMIT", 10)
ENV_TWO_FACTOR_REQUIRED = _env_bool("TWO_FACTOR_REQUIRED", True)
ENV_ADMINS = _env_list("ADMINS")  # email addresses that receive error reports
ENV_LOG_FORMAT = _env_str("LOG_FORMAT", "text")  # "json": one JSON object a line
ENV_SERVER_EMAIL = _env_str("SERVER_EMAIL", "root@localhost")
ENV_LOGIN_LOCKOUT_MINUTES = _env_int("LOGIN_LOCKOUT_MINUTES", 30)
# ---------------------------------------------------------------------------

SQLITE_DEFAULT_URL = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(ENV_DATABASE_URL or SQLITE_DEFAULT_URL, conn_max_age=60)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SECRET_KEY = ENV_SECRET_KEY
ALLOWED_HOSTS = ENV_ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = ENV_CSRF_TRUSTED_ORIGINS
WAGTAILADMIN_BASE_URL = ENV_WAGTAILADMIN_BASE_URL or "http://localhost:8000"  # required in production

INSTALLED_APPS = [
    "alerts",
    "sites",
    "audit",
    "home",
    "resources",
    "history",
    "toolkits",
    "ops",
    "core",
    "django_tasks_db",
    "wagtail.contrib.frontend_cache",
    "siteinfo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "sites.users_app.SitesUsersAppConfig",  # wagtail.users with "Reset two-factor sign-in"
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ops.middleware.FrontCacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "sites.admin_guards.LocalityAdminGuardMiddleware",
    "home.links.CurrentRequestMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages: English (default) and Welsh, URLs prefixed /en/ and /cy/ ---
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(ENV_MEDIA_ROOT) if ENV_MEDIA_ROOT else BASE_DIR / "media"

# Uploaded files (documents, images) go to S3 when a bucket is configured,
# else to MEDIA_ROOT. The bucket is private: downloads get short-lived signed URLs.
S3_STORAGE = {
    "BACKEND": "core.storage.ProcessWideS3Storage",
    "OPTIONS": {
        "bucket_name": ENV_S3_BUCKET,
        "endpoint_url": ENV_S3_ENDPOINT_URL or None,
        "region_name": ENV_S3_REGION,
        "access_key": ENV_S3_ACCESS_KEY_ID or None,
        "secret_key": ENV_S3_SECRET_ACCESS_KEY or None,
        "addressing_style": "path",
        "signature_version": "s3v4",
        "querystring_auth": True,
        "querystring_expire": 300,
        "file_overwrite": False,
        "default_acl": None,
    },
}
FILE_SYSTEM_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": S3_STORAGE if ENV_S3_BUCKET else FILE_SYSTEM_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ----------------------------------------------------------------
WAGTAIL_SITE_NAME = "Contextual Safeguarding Toolkit"
# English stemming for English content on PostgreSQL; Welsh searches the same
# index's plain text without stemming (resources.language_search).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}}
WAGTAILDOCS_DOCUMENT_MODEL = "resources.ResourceDocument"
# Extensions are checked by Wagtail; resources.uploads also checks the content.
WAGTAILDOCS_EXTENSIONS = [
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp",
    "mp3", "m4a", "png", "jpg", "jpeg",
]  # fmt: skip
WAGTAILDOCS_MAX_UPLOAD_SIZE = ENV_DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024
# Keeps a replaced document's earlier file for the resource's public history.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "history.documents.KeepEarlierFilesDocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = WAGTAILDOCS_MAX_UPLOAD_SIZE
WAGTAILEMBEDS_FINDERS = [{"class": "resources.embeds.PrivacyEnhancedVideoFinder"}]
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]},
    }
}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- Audit (self-assessment) ----------------------------------------------------
# Audits not used for this many days are deleted by `manage.py delete_stale_audits`.
AUDIT_RETENTION_DAYS = ENV_AUDIT_RETENTION_DAYS
# Starting audits: at most this many per client address per window (0 = no limit).
AUDIT_START_LIMIT = ENV_AUDIT_START_LIMIT
AUDIT_START_WINDOW_SECONDS = 60 * 60
# DejaVu Sans for the audit PDF (Welsh letters): Debian's fonts-dejavu-core puts it here.
AUDIT_PDF_FONT_DIR = "/usr/share/fonts/truetype/dejavu"

# --- Operations: task worker, shared cache, client address, front cache ------
# Background work (search and reference index updates, document text
# extraction, new inherited pages, front-cache purges) is queued in the
# database (django-tasks-db) and run by `manage.py db_worker`; requests only
# enqueue. TASKS_BACKEND=immediate runs tasks inside the request instead (no
# worker; the test settings' default). A failed task is put back in the queue
# with a growing delay, up to TASK_MAX_ATTEMPTS runs (ops/task_retry.py).
TASKS_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASKS_IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if ENV_TASKS_BACKEND not in {"", "database", "immediate"}:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be database or immediate, not {ENV_TASKS_BACKEND!r}")
TASKS = TASKS_IMMEDIATE if ENV_TASKS_BACKEND == "immediate" else TASKS_DATABASE
TASK_MAX_ATTEMPTS = max(1, ENV_TASK_MAX_ATTEMPTS)

# One cache shared by every app server (rate limits, Wagtail's site-root and
# settings caches). Redis when REDIS_URL is set; core.cache.TolerantRedisCache
# turns a Redis outage into cache misses, never an error page. Without Redis
# each process has its own memory cache: fine for one process (`make run`),
# and production refuses to start without REDIS_URL.
REDIS_URL = ENV_REDIS_URL
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cst",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }

# How many reverse proxies (Varnish, a load balancer) stand in front of the app
# servers and append the address they saw to X-Forwarded-For. 0: trust no
# header and use the connection's address (core.client_address.client_ip).
TRUSTED_PROXY_COUNT = max(0, ENV_TRUSTED_PROXY_COUNT)

# Front cache (Varnish, deploy/varnish/default.vcl): public pages say how long
# a shared cache may keep them; publishing purges them (ops/frontend_cache.py).
CACHE_MAX_AGE = ENV_CACHE_MAX_AGE
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {"BACKEND": "ops.frontend_cache.RetryingHTTPBackend", "LOCATION": location}
    for number, location in enumerate(ENV_FRONTEND_CACHE_URLS)
}
WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _name in LANGUAGES]
# App servers keep rendered public pages in the shared cache until the content
# changes (core/render_cache.py), no longer than a front cache may. Only with a
# shared cache: with per-process memory caches one process's writes could not
# make another's copies stale (development's dev server and worker).
PAGE_RENDER_CACHE_SECONDS = CACHE_MAX_AGE if REDIS_URL else 0
# Writes that never change what a public page shows: they leave kept renders
# alike. Visitors' own records (downloads, audits, subscriptions), sign-in and
# session bookkeeping, the task queue, editing sessions, derived indexes.
RENDER_CACHE_IGNORED_MODELS = {
    "admin",
    "auth",
    "axes",
    "django_tasks_database",
    "otp_static",
    "otp_totp",
    "sessions",
    "wagtailsearch",
    "wagtailusers",
    "alerts.AlertPreference",
    "alerts.Subscriber",
    "alerts.Subscription",
    "audit.AuditAnswer",
    "audit.AuditResponse",
    "resources.DownloadCount",
    "resources.DownloadEvent",
    "wagtailadmin.EditingSession",
    "wagtailadmin.FormState",
    "wagtailcore.Comment",
    "wagtailcore.CommentReply",
    "wagtailcore.PageSubscription",
    "wagtailcore.ReferenceIndex",
    "wagtailimages.Rendition",
}
# ---------------------------------------------------------------------------
# --- Email and alerts ------------------------------------------------------------
EMAIL_HOST = ENV_EMAIL_HOST
EMAIL_PORT = ENV_EMAIL_PORT
EMAIL_HOST_USER = ENV_EMAIL_HOST_USER
EMAIL_HOST_PASSWORD = ENV_EMAIL_HOST_PASSWORD
EMAIL_USE_TLS = ENV_EMAIL_USE_TLS
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = ENV_DEFAULT_FROM_EMAIL
# A visitor's confirmation link works this many days; unconfirmed subscriptions are then deleted.
ALERTS_CONFIRMATION_DAYS = ENV_ALERTS_CONFIRMATION_DAYS
# Subscribe requests one client address may make an hour (0 = no limit).
ALERTS_SUBSCRIBE_LIMIT = ENV_ALERTS_SUBSCRIBE_LIMIT
# Subscription emails sent to one email address a day (0 = no limit).
ALERTS_ADDRESS_LIMIT = ENV_ALERTS_ADDRESS_LIMIT
# The hour (local time, TIME_ZONE) at which the worker sends the daily digests (alerts/schedule.py).
if not 0 <= ENV_ALERTS_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured(f"ALERTS_DIGEST_HOUR must be an hour from 0 to 23, not {ENV_ALERTS_DIGEST_HOUR}")
ALERTS_DIGEST_HOUR = ENV_ALERTS_DIGEST_HOUR


# --- Security (issue 14): read fences, login throttling, headers, second factor ---
from datetime import timedelta  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

from csp.constants import NONCE, NONE, SELF  # noqa: E402

INSTALLED_APPS += [
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
]
MIDDLEWARE += [
    "django_otp.middleware.OTPMiddleware",
    # Admin users who owe a second factor go to the code or set-up page (sites/two_factor.py).
    "sites.two_factor.SecondFactorMiddleware",
    # After authentication and messages: refuses locality users page views outside their tree.
    "sites.admin_fences.AdminReadFenceMiddleware",
    "cms.security_headers.SiteAndAdminCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "sites.sign_in_throttling.PrivatePagePasswordThrottleMiddleware",
    # After every other view check: answers anonymous page views from kept renders.
    "core.render_cache.RenderCacheMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as axes asks
]

# Sign-in throttling (sites/sign_in_throttling.py): wrong passwords per user name and client address.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = ENV_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=ENV_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_ip"
AXES_LOCKOUT_CALLABLE = "sites.sign_in_throttling.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Two-factor sign-in (sites/two_factor.py): required for the national team and publishers.
TWO_FACTOR_REQUIRED = ENV_TWO_FACTOR_REQUIRED
OTP_TOTP_ISSUER = "Contextual Safeguarding Toolkit"
# Passkeys (sites/passkeys.py), a second factor only: bound to the admin's own address.
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_RP_ID = urlsplit(WAGTAILADMIN_BASE_URL).hostname
OTP_WEBAUTHN_ALLOWED_ORIGINS = ["{0.scheme}://{0.netloc}".format(urlsplit(WAGTAILADMIN_BASE_URL))]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
AXES_ENABLE_ADMIN = False  # lockouts are lifted in the Wagtail admin (Settings → Sign-in lockouts)

VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
# Uploaded images are served from the S3 endpoint when one is configured.
_MEDIA_ORIGINS = (
    ["/".join(ENV_S3_ENDPOINT_URL.split("/")[:3])]
    if ENV_S3_ENDPOINT_URL
    else ([f"https://s3.{ENV_S3_REGION}.amazonaws.com"] if ENV_S3_BUCKET else [])
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_MEDIA_ORIGINS],
        "media-src": [SELF, *_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "frame-ancestors": [SELF],  # the admin's preview panel frames public pages
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *_MEDIA_ORIGINS],
        "frame-src": [SELF, *VIDEO_PLAYER_ORIGINS],
        "worker-src": [SELF, "blob:"],
    }
}
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
    "fullscreen": ["self", *VIDEO_PLAYER_ORIGINS],
    "picture-in-picture": ["self", *VIDEO_PLAYER_ORIGINS],
    "encrypted-media": ["self", *VIDEO_PLAYER_ORIGINS],
}
# No avatar requests to a third party (and none for the policy to allow).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# HSTS preload is a promise to browsers that is slow to undo: only when asked for.
SECURE_HSTS_PRELOAD = ENV_SECURE_HSTS_PRELOAD

# Errors and logs: server errors are emailed to ADMINS; every refused admin
# access, lockout and failed second factor is a WARNING on "sites.security";
# LOG_FORMAT=json writes one JSON object a line (with those events' fields).
if ENV_LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {ENV_LOG_FORMAT!r}")
ADMINS = [(address.split("@")[0], address) for address in ENV_ADMINS]
SERVER_EMAIL = ENV_SERVER_EMAIL
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": ENV_LOG_FORMAT},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
        "sites.security": {"level": "INFO"},
    },
}

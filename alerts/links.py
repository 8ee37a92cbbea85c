"""Absolute links for emails, on the locality's own host name where it has one.

Emails are built without a request, so the scheme and port come from
``WAGTAILADMIN_BASE_URL`` and only the host changes: with
``http://localhost:8000`` Hackney's links are ``http://hackney.localhost:8000/...``
in development, and with ``https://toolkit.example.org`` they are
``https://hackney.example.org/...`` in production. On its own host a
locality's home is the site root, so its pages drop the ``/<slug>`` part.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

from sites.models import InheritedPage


def base_url(locality=None) -> str:
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if locality is None or not locality.hostname:
        return urlunsplit((parts.scheme, parts.netloc, "", "", "")).rstrip("/")
    netloc = locality.hostname if parts.port is None else f"{locality.hostname}:{parts.port}"
    return urlunsplit((parts.scheme, netloc, "", "", ""))


def site_url(name, *, locality=None, language="en", args=()) -> str:
    """An alerts view's absolute URL in ``language``, on the toolkit's host."""
    with translation.override(language):
        return base_url(locality) + reverse(name, args=args)


def page_url(page, *, locality=None, language="en") -> str:
    """Where a reader of ``locality``'s toolkit (None: the national toolkit)
    reads ``page``: a national page through the locality's own copy of it,
    in Welsh for Welsh readers where a Welsh version is live (``/cy/`` shows
    the English page where none is)."""
    if page is None:
        return base_url(locality) + f"/{language}/"
    target = page.specific_deferred
    if locality is not None and not _in_tree(target, locality):
        copies = InheritedPage.objects.child_of(locality.home_page).filter(live=True)
        target = copies.filter(source=page).first() or copies.filter(adapted_from=page).first() or target
    if language != settings.LANGUAGE_CODE and not _in_tree(target, locality):
        target = _live_translation(target, language) or target
    url_parts = target.get_url_parts()
    owner = locality if _in_tree(target, locality) else None
    if url_parts is None:
        return base_url(owner) + f"/{language}/"
    path = url_parts[2]
    default_prefix = f"/{settings.LANGUAGE_CODE}/"
    if language != settings.LANGUAGE_CODE and path.startswith(default_prefix):
        path = f"/{language}/" + path[len(default_prefix) :]
    return base_url(owner) + path


def _in_tree(page, locality) -> bool:
    return bool(locality is not None and locality.home_page_id and page.path.startswith(locality.home_page.path))


def _live_translation(page, language):
    return (
        Page.objects.filter(translation_key=page.translation_key, locale__language_code=language, live=True)
        .specific()
        .first()
    )


def admin_url(name, *args) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)

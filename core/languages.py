"""Addresses that keep a visitor in their language.

A page with no translation in the visitor's language is served from the
default language's tree under the visitor's own prefix (``/cy/tiers/`` shows
the English Tiers page in a Welsh frame: ``home.ToolkitHomePage.route``).
Wagtail builds every page's address from the page's own locale, so such a
page's links (its navigation, its audit's private link) would lead to
``/en/``; they go through ``in_visitors_language`` instead. Links that switch
language on purpose (the language switch, hreflang alternates, the "read it in
English" notice) do not.
"""

import re
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils import translation

from wagtail.models import Locale, Page


def _language_prefix():
    codes = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
    return re.compile(rf"^/({codes})/")


def in_visitors_language(url: str) -> str:
    """The same address under the active language's prefix (``/en/x/`` ->
    ``/cy/x/`` for a Welsh visitor); other addresses are left as they are."""
    language = translation.get_language()
    if not url or not language:
        return url
    parts = urlsplit(url)
    path = _language_prefix().sub(f"/{language}/", parts.path, count=1)
    return urlunsplit(parts._replace(path=path))


def locale_codes(request=None) -> dict:
    """{locale id: language code}, read once per request (the menu, the
    breadcrumbs and the page's own content all ask)."""
    codes = getattr(request, "_locale_codes", None)
    if codes is None:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        if request is not None:
            request._locale_codes = codes
    return codes


def title_languages(pages, request=None) -> dict:
    """{page id: language code} for titles not in the visitor's language: a
    page of another locale, or an untranslated alias still titled as its
    original (one query for any number of pages, the locales read once per ``request``)."""
    current = translation.get_language()
    locale_codes_by_id = locale_codes(request)
    originals = {
        pk: (title, locale_id)
        for pk, title, locale_id in Page.objects.filter(
            pk__in=[page.alias_of_id for page in pages if page.alias_of_id]
        ).values_list("pk", "title", "locale_id")
    }
    languages = {}
    for page in pages:
        code = locale_codes_by_id.get(page.locale_id, current)
        original = originals.get(page.alias_of_id)
        if original is not None and original[0] == page.title:
            code = locale_codes_by_id.get(original[1], code)
        if code != current:
            languages[page.pk] = code
    return languages


def mark_content_languages(pages):
    """Set ``content_lang`` on each page: the language code of its title and
    text when it is not the visitor's language (an English resource listed
    under /cy/), else "". Templates put it in a ``lang`` attribute so screen
    readers read English as English. One query for any number of pages."""
    pages = list(pages)
    languages = title_languages(pages)
    for page in pages:
        page.content_lang = languages.get(page.pk, "")
    return pages

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

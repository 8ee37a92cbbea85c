"""Template tags that keep ``lang`` attributes true on Welsh pages: the notice
shown when a page's content is not yet in the visitor's language, the
``lang`` attribute of the content it wraps, and ``hreflang`` alternates."""

import re

from django import template
from django.utils.html import format_html, format_html_join

from wagtail.models import Page

from home.page_frame import live_versions
from sites.welsh import untranslated_notice as notice_for

register = template.Library()
LANGUAGE_PREFIX = re.compile(r"^/[a-z]{2}(-[a-z]+)?/")


def _without_language(path):
    """/cy/hackney/ -> /hackney/: a Welsh address served from the English tree is the same page."""
    return LANGUAGE_PREFIX.sub("/", path or "", count=1)


def _served_page(context):
    return context.get("chrome_page") or context.get("page")


def _notice(context):
    """Computed once per request: both tags below need it."""
    request = context.get("request")
    page = _served_page(context)
    if request is None or not isinstance(page, Page) or not page.pk:
        return None
    cache = getattr(request, "_untranslated_notice", None)
    if cache is None or cache[0] != page.pk:
        notice = None
        # Only the page's own content: its search, library or history views are in the interface's language.
        if _without_language(request.path) == _without_language(page.get_url_parts(request)[2]):
            notice = notice_for(page, request)
        cache = (page.pk, notice)
        request._untranslated_notice = cache
    return cache[1]


@register.inclusion_tag("sites/tags/untranslated_notice.html", takes_context=True)
def untranslated_notice(context):
    return {"notice": _notice(context)}


@register.simple_tag(takes_context=True)
def content_lang_attribute(context):
    """` lang="en"` on the content wrapper when the content is not in the page's language."""
    notice = _notice(context)
    if notice is None:
        return ""
    return format_html(' lang="{}"', notice["language"])


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """<link rel="alternate" hreflang> for every live language version of the page."""
    request = context.get("request")
    page = _served_page(context)
    if request is None or not isinstance(page, Page) or not page.pk:
        return ""
    # Untranslated aliases show English: they are not a version in another language.
    versions = [version for version in live_versions(page, request) if version.alias_of_id is None]
    links = [(version.locale.language_code, version.get_full_url(request)) for version in versions]
    links = [(code, url) for code, url in links if url]
    if len(links) < 2:
        return ""
    return format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}">', links)

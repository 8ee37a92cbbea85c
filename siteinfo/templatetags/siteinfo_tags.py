from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from ..models import FooterSettings

register = template.Library()

DESCRIPTION_WORDS = 30


@register.simple_tag
def page_description(page) -> str:
    """The page's meta description: its search description, else its summary,
    else the start of its introduction, else a sentence about the toolkit."""
    for name in ("search_description", "summary", "introduction"):
        value = strip_tags(str(getattr(page, name, "") or "")).strip()
        if value:
            return Truncator(" ".join(value.split())).words(DESCRIPTION_WORDS)
    return _("Contextual Safeguarding: guidance, resources and tools for responding to harm outside the home.")


@register.inclusion_tag("tags/site_footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    footer = FooterSettings.load(request_or_site=request)
    versions = live_versions_in_language({footer.accessibility_page_id, footer.privacy_page_id} - {None})
    links = []
    for page_id, fallback in (
        (footer.accessibility_page_id, _("Accessibility statement")),
        (footer.privacy_page_id, _("Privacy notice")),
    ):
        page, in_language = versions.get(page_id, (None, False))
        if page is not None:
            # A page not translated into the visitor's language is named in it by the fallback label.
            links.append({"url": page.get_url(request), "title": (page.title if in_language else "") or fallback})
    if footer.contact_email:
        links.append({"url": f"mailto:{footer.contact_email}", "title": _("Contact us")})
    # The sentence about the toolkit is one site setting, written in the site's default language.
    default_language = settings.LANGUAGE_CODE
    about_lang = default_language if translation.get_language() != default_language else ""
    return {"footer": footer, "links": links, "about_lang": about_lang, "request": request}


def live_versions_in_language(page_ids) -> dict:
    """For each live page id: (its live translation in the active language,
    else the page itself, as ``page.localized`` gives; whether that is in the
    active language), in one query for all of them rather than three per page:
    the footer is on every page."""
    if not page_ids:
        return {}
    try:
        language = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        language = None
    rows = (
        Page.objects.live()
        .filter(translation_key__in=Page.objects.filter(pk__in=page_ids).live().values("translation_key"))
        .select_related("locale")
    )
    originals, translated = {}, {}
    for row in rows:
        # The specific class (its URL rules) without another query; its own fields stay deferred.
        in_language = row.locale.language_code == language
        if row.pk in page_ids:
            originals[row.translation_key] = (row.specific_deferred, in_language)
        if in_language:
            translated[row.translation_key] = (row.specific_deferred, True)
    return {page.pk: translated.get(key, (page, in_language)) for key, (page, in_language) in originals.items()}

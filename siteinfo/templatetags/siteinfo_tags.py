from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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
    links = []
    for page, fallback in (
        (footer.accessibility_page, _("Accessibility statement")),
        (footer.privacy_page, _("Privacy notice")),
    ):
        if page is not None and page.live:
            page = page.specific.localized
            # A page not translated into the visitor's language is named in it by the fallback label.
            in_language = page.locale.language_code == get_language()
            links.append({"url": page.get_url(request), "title": (page.title if in_language else "") or fallback})
    if footer.contact_email:
        links.append({"url": f"mailto:{footer.contact_email}", "title": _("Contact us")})
    return {"footer": footer, "links": links, "request": request}

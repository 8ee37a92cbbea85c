"""Site chrome: navigation, breadcrumbs and the language switch."""

from django import template
from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, Site

from resources.models import StepPage

register = template.Library()


def _site_root(request):
    cache = getattr(request, "_toolkit_site_root", None)
    if cache is None:
        site = Site.find_for_request(request)
        cache = site.root_page.localized if site else None
        request._toolkit_site_root = cache
    return cache


@register.inclusion_tag("tags/main_navigation.html", takes_context=True)
def main_navigation(context, current_page=None):
    request = context["request"]
    root = _site_root(request)
    children = root.get_children().live().public().in_menu() if root else Page.objects.none()
    current_path = current_page.path if current_page else None
    step_type = ContentType.objects.get_for_model(StepPage).pk
    items, steps = [], []
    for child in children:
        entry = {"page": child, "current": None}
        if current_path == child.path:
            entry["current"] = "page"
        elif current_path and current_path.startswith(child.path):
            entry["current"] = "true"
        (steps if child.content_type_id == step_type else items).append(entry)
    return {
        "root": root,
        "items": items,
        "steps": steps,
        "current_page": current_page,
        "request": request,
    }


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = page.get_ancestors().filter(depth__gt=1).live()
    return {"ancestors": ancestors, "page": page, "request": context["request"]}


@register.inclusion_tag("tags/language_switch.html", takes_context=True)
def language_switch(context, page):
    """Links to this page in other languages, only where a live translation exists."""
    translations = page.get_translations(inclusive=False).live().select_related("locale")
    return {"translations": translations, "request": context["request"]}

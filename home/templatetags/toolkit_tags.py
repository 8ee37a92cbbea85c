"""Site chrome: navigation, breadcrumbs and the language switch."""

from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from core.languages import in_visitors_language, title_languages
from home.page_frame import live_versions, public
from resources.models import StepPage, selected_tier
from toolkits.scope import toolkit_root_of

register = template.Library()


def _site_root(request):
    cache = getattr(request, "_toolkit_site_root", None)
    if cache is None:
        site = Site.find_for_request(request)
        cache = site.root_page.localized if site else None
        request._toolkit_site_root = cache
    return cache


def toolkit_root(page, request=None):
    """The nearest toolkit home above or at the page (national or a locality's).
    Navigation, the language switch and the local-toolkit heading all ask for
    it: with the request, it is looked up once per page per request."""
    if page is None or not page.pk:
        return None
    if request is None:
        return toolkit_root_of(page)
    roots = request.__dict__.setdefault("_toolkit_roots", {})
    if page.pk not in roots:
        roots[page.pk] = toolkit_root_of(page)
    return roots[page.pk]


@register.inclusion_tag("tags/main_navigation.html", takes_context=True)
def main_navigation(context, current_page=None):
    request = context["request"]
    root = toolkit_root(current_page, request) or _site_root(request)
    children = public(root.get_children().live().in_menu(), request) if root else Page.objects.none()
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
    languages = title_languages([entry["page"] for entry in items + steps], request)
    for entry in items + steps:
        entry["lang"] = languages.get(entry["page"].pk, "")
    # Links keep the visitor in their language (``core.languages``), and the
    # tier choice travels with every step link, so it holds from step to step.
    tier = selected_tier(request)
    for entry in items + steps:
        entry["url"] = in_visitors_language(entry["page"].get_url(request))
    for entry in steps:
        if entry["url"] and tier:
            entry["url"] = f"{entry['url']}?{urlencode({'tier': tier})}"
    return {
        "root": root,
        "items": items,
        "steps": steps,
        "current_page": current_page,
        "request": request,
    }


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """From the home of the site being served (a locality's own host starts at
    the locality's home) down to the page, which is named but not linked.
    Titles not in the visitor's language (untranslated Welsh pages) carry their own ``lang``."""
    request = context["request"]
    site_root = _site_root(request)
    ancestors = page.get_ancestors().filter(depth__gt=1).live()
    if site_root is not None and page.path.startswith(site_root.path):
        ancestors = ancestors.filter(depth__gte=site_root.depth)
    ancestors = list(ancestors)
    languages = title_languages([*ancestors, page], request)
    crumbs = []
    for ancestor in ancestors:
        # The national homes (English, Welsh) sit right under the tree's root.
        if ancestor.depth == 2:
            crumbs.append({"page": ancestor, "label": _("Home"), "lang": ""})
        else:
            crumbs.append({"page": ancestor, "label": ancestor.title, "lang": languages.get(ancestor.pk, "")})
    return {"crumbs": crumbs, "page": page, "page_title_lang": languages.get(page.pk, ""), "request": request}


@register.inclusion_tag("tags/language_switch.html", takes_context=True)
def language_switch(context, page):
    """A link to every other language: to this page where it exists there,
    otherwise to that language's toolkit home, saying so."""
    request = context["request"]
    links = _same_page_links(page, request)
    current = translation.get_language()
    present = {link["code"] for link in links} | {current}
    root = toolkit_root(page, request) or _site_root(request)
    for code, name in settings.LANGUAGES:
        if code in present or root is None:
            continue
        home = _home_in_language(root, code)
        if home is not None:
            links.append({"url": home.get_url(request), "code": code, "name": name, "fallback": True})
    return {"links": links, "request": request}


def _home_in_language(root, code):
    """The toolkit home (the page's own, else the national one) live in a
    language: the translation of the deepest of the root and its ancestors."""
    sources = Page.objects.ancestor_of(root, inclusive=True).filter(depth__gt=1)
    return (
        Page.objects.filter(translation_key__in=sources.values("translation_key"), locale__language_code=code)
        .live()
        .annotate(
            source_depth=Subquery(sources.filter(translation_key=OuterRef("translation_key")).values("depth")[:1])
        )
        .order_by("-source_depth")
        .first()
    )


def _same_page_links(page, request):
    """This page in the other languages it is live in."""
    if hasattr(page, "get_language_links"):
        return page.get_language_links(request)
    return [
        {
            "url": version.get_url(request),
            "code": version.locale.language_code,
            "name": version.locale.get_display_name(),
        }
        for version in live_versions(page, request)
        if version.pk != page.pk
    ]


@register.simple_tag(takes_context=True)
def visitor_pageurl(context, page):
    """``pageurl`` that keeps the visitor in their language: a page served
    from the English tree under /cy/ links to /cy/ (``core.languages``)."""
    return in_visitors_language(page.get_url(context.get("request")))


@register.simple_tag(takes_context=True)
def chrome_page(context):
    """The page whose place in the tree the chrome shows: an inherited page
    renders the national page's content but keeps the locality's chrome."""
    return context.get("chrome_page") or context.get("page")


@register.simple_tag(takes_context=True)
def local_toolkit(context, page):
    """The locality toolkit (a toolkit home below the site's root) the page belongs to, or None."""
    root = toolkit_root(page, context["request"])
    site_root = _site_root(context["request"])
    if root is None or site_root is None or root.pk == site_root.pk or root.depth <= site_root.depth:
        return None
    return root

"""What the page frame (navigation, language switch, hreflang links) reads
from the database, read once per request and kept on the request.

Wagtail's ``PageQuerySet.public()`` reads every view restriction each time
it is called, and the frame's tags each ask for the page's language versions:
on every page that was one query per tag. The request object lives exactly as
long as the answer it gives, so nothing here can go stale.
"""

from django.db.models import Q

from wagtail.models import Page, PageViewRestriction


def _request_cache(request) -> dict:
    return request.__dict__.setdefault("_page_frame_cache", {})


def private_section_paths(request) -> tuple[str, ...]:
    """Tree paths of the pages with a view restriction (private with their descendants)."""
    cache = _request_cache(request)
    if "private_paths" not in cache:
        cache["private_paths"] = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    return cache["private_paths"]


def public(queryset, request):
    """``queryset.public()`` with the restrictions read once per request."""
    private = Q()
    for path in private_section_paths(request):
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if private else queryset


def live_versions(page, request) -> list[Page]:
    """The page's live, public versions in every language (itself included),
    with their locale, ordered by language code."""
    cache = _request_cache(request).setdefault("live_versions", {})
    if page.pk not in cache:
        versions = Page.objects.filter(translation_key=page.translation_key).live().select_related("locale")
        cache[page.pk] = list(public(versions, request).order_by("locale__language_code"))
    return cache[page.pk]

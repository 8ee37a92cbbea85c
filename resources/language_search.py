"""Search in a language other than English, without English stemming.

Wagtail's database search backend builds one tsvector per object with one
text search configuration for the whole site (``SEARCH_CONFIG``, English
here, so "assessments" finds "assessment"). English stemming mangles Welsh
words and PostgreSQL has no Welsh configuration, so Welsh search uses the
``simple`` configuration (lower case, no stemming, no stop words) on the
plain text the backend already stores beside its vectors
(``IndexEntry.title_text`` / ``body_text``): no second index to keep in step,
and pages are found as soon as Wagtail indexes them. This is written by hand
because no backend or package offers a configuration per language.

On SQLite (the quick start) there is no text search configuration to
choose; the backend's own search is used.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection

from wagtail.models import Page

SIMPLE = "simple"


def search_pages_in_language(pages, query: str):
    """``pages`` (a Page queryset) matching every word of ``query``, best first,
    as a list of Page objects."""
    if connection.vendor != "postgresql":
        return list(Page.objects.filter(pk__in=pages.values("pk")).search(query, operator="and"))
    from modelsearch.conf import get_app_config

    IndexEntry = get_app_config().get_model("IndexEntry")  # Wagtail installs it as wagtail.search's

    ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
    if not ids:
        return []
    vector = SearchVector("title_text", weight="A", config=SIMPLE) + SearchVector(
        "body_text", weight="B", config=SIMPLE
    )
    search_query = SearchQuery(query, config=SIMPLE, search_type="plain")
    entries = (
        IndexEntry.objects.filter(object_id__in=ids, content_type__in=_page_content_types())
        .annotate(document=vector, rank=SearchRank(vector, search_query))
        .filter(document=search_query)
        .order_by("-rank", "object_id")
        .values_list("object_id", flat=True)
    )
    order = []
    for object_id in entries:
        if object_id not in order:
            order.append(object_id)
    by_pk = {str(page.pk): page for page in Page.objects.filter(pk__in=order)}
    return [by_pk[object_id] for object_id in order if object_id in by_pk]


def _page_content_types():
    """Index entries are keyed by content type and id: other models' ids may equal a page's."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    models = [model for model in apps.get_models() if issubclass(model, Page)]
    return list(ContentType.objects.get_for_models(*models).values())

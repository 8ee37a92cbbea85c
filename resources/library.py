"""Resource library routes for the national and locality homes.

``ResourceLibraryRoutes`` is mixed into the toolkit homes (national and
locality), so every URL here hangs on the home it belongs to and uses that
home as its scope: ``/en/resources/`` covers the national toolkit and every
public locality, ``/en/<slug>/resources/`` one locality. Archived localities
already 404 below their home; their resources, tips and search hits are left
out of national views through ``toolkits.scope.ToolkitScope``.

Every view is a plain GET form: filters live in the query string so a result
can be shared, and nothing needs JavaScript. Values that are not valid
choices are ignored (never echoed), and page numbers are clamped.
"""

import re

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.routable_page.models import path
from wagtail.models import Locale, Page

from core.languages import mark_content_languages
from toolkits.scope import NATIONAL_SLUG, ToolkitScope, under_any

from .language_search import search_pages_in_language
from .models import ResourcePage, ResourceType, StepPage, Tier
from .search_results import (
    MAX_SEARCHED_HITS,
    SearchFilterForm,
    annotate_places_in_language,
    filter_pages,
    group_hits,
)

RESULTS_PER_PAGE = 20
SEARCH_RESULTS_PER_PAGE = 10
MAX_COMPARED = 4


# Search words reach the database's full-text parser (SQLite FTS5 in the quick
# start, PostgreSQL tsquery in production). Quotes, brackets, control characters
# and the like are syntax there (an unmatched quote is a database error), so only
# letters, digits, apostrophes and hyphens are passed on.
_NOT_PART_OF_A_WORD = re.compile(r"[^\w'-]+")


def search_words(text: str) -> str:
    return " ".join(_NOT_PART_OF_A_WORD.sub(" ", text).split())[:200]


# Search hits say what they are, in the visitor's language (model verbose names are not translated).
PAGE_KINDS = {
    "toolkit step": _("Toolkit step"),
    "step section": _("Step section"),
    "resource": _("Resource"),
    "national page": _("National page"),
    "toolkit home page": _("Toolkit home page"),
    "locality home page": _("Locality toolkit home page"),
    "inherited national page": _("National page"),
    "audit tool": _("Audit tool"),
    "site toolkits page": _("Site toolkits"),
}


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    TITLE = "title"


class LibraryFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label=_("Search words"))
    step = forms.ChoiceField(required=False, label=_("Step"))
    tier = forms.ChoiceField(
        required=False,
        label=_("Tier"),
        choices=[
            ("", _("Any tier")),
            ("one", _("Tier 1: individual children and families")),
            ("two", _("Tier 2: extra-familial contexts")),
        ],
    )
    type = forms.ChoiceField(required=False, label=_("Type"))
    locality = forms.ChoiceField(required=False, label=_("Toolkit"))
    year = forms.TypedChoiceField(required=False, label=_("Year"), coerce=int, empty_value=None)
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort by"),
        choices=[("", _("Best match, then newest")), (Sort.NEWEST, _("Newest first")), (Sort.TITLE, _("Title A to Z"))],
    )

    def clean_q(self):
        return search_words(self.cleaned_data["q"])

    def __init__(self, *args, steps=(), toolkits=(), years=(), show_locality=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [("", _("Any step")), *steps]
        self.fields["type"].choices = [("", _("Any type")), *ResourceType.choices]
        self.fields["locality"].choices = [("", _("All toolkits")), *toolkits]
        self.fields["year"].choices = [("", "Any year"), *((str(year), str(year)) for year in years)]
        if not show_locality:
            del self.fields["locality"]

    def valid_filters(self) -> dict:
        """The values that are valid choices; anything else is dropped silently."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}


def public_resources(scope: ToolkitScope):
    return scope.restrict(ResourcePage.objects.live().public()).select_related("document")


def filter_resources(scope: ToolkitScope, filters: dict):
    """The scope's live public resources narrowed by the valid filters, in the chosen order."""
    resources = public_resources(scope)
    if "step" in filters:
        step_paths = scope.restrict(StepPage.objects.filter(slug=filters["step"])).values_list("path", flat=True)
        resources = resources.filter(under_any(list(step_paths)))
    if "tier" in filters:
        resources = resources.filter(tiers__in=[Tier.BOTH, filters["tier"]])
    if "type" in filters:
        resources = resources.filter(resource_type=filters["type"])
    if "locality" in filters:
        if filters["locality"] == NATIONAL_SLUG:
            resources = resources.exclude(under_any([toolkit.path for toolkit in scope.localities]))
        else:
            resources = resources.filter(path__startswith=scope.by_slug[filters["locality"]].path)
    if "year" in filters:
        resources = resources.filter(date__year=filters["year"])

    sort = filters.get("sort") or (Sort.RELEVANCE if filters.get("q") else Sort.NEWEST)
    ordering = ["title", "-date"] if sort == Sort.TITLE else ["-date", "title"]
    if not filters.get("q"):
        return resources.order_by(*ordering, "pk")
    # The search backend accepts only filters on indexed fields, so the
    # tree and facet filters are applied through a subquery of ids.
    matching = ResourcePage.objects.filter(pk__in=resources.values("pk")).select_related("document")
    if sort == Sort.RELEVANCE:
        return matching.search(filters["q"], operator="and")
    return matching.order_by(*ordering).search(filters["q"], operator="and", order_by_relevance=False)


def national_step_choices(scope: ToolkitScope, locale_id: int | None = None):
    """(slug, title) of the national steps; titles in the language of
    ``locale_id`` where the step is live in it (filters keep English slugs)."""
    steps = StepPage.objects.child_of(scope.national_home).live().public()
    choices = list(steps.values_list("slug", "title", "translation_key"))
    titles = {}
    if locale_id is not None and locale_id != scope.national_home.locale_id:
        keys = [key for _slug, _title, key in choices]
        titles = dict(
            StepPage.objects.live()
            .filter(locale_id=locale_id, translation_key__in=keys)
            .values_list("translation_key", "title")
        )
    return [(slug, titles.get(key, title)) for slug, title, key in choices]


def page_number(request) -> str:
    return request.GET.get("page", "1")


def querystring_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def with_content_languages(pages):
    """Listed pages and their steps get ``content_lang`` (core.languages.mark_content_languages):
    under /cy/ the library lists the English tree's resources."""
    steps = {page.step.pk: page.step for page in pages if getattr(page, "step", None) is not None}
    mark_content_languages([*pages, *steps.values()])
    return pages


class ResourceLibraryRoutes:
    """``resources/``, ``search/`` and ``tips/`` on every toolkit home, and
    ``compare/<step>/`` on the national home, scoped to the home's own tree."""

    def library_scope(self, request) -> ToolkitScope:
        # Localities' trees exist in the default language only (Welsh URLs route
        # through them), so a translated home's library covers its default-language home.
        root = self
        if self.locale_id != Locale.get_default().pk:
            root = self.get_translations().filter(locale=Locale.get_default()).first() or self
        scope = ToolkitScope(root)
        if not scope.is_public:
            raise Http404("This toolkit is not public.")
        return scope

    def library_response(self, request, template, context):
        context = {"page": self, "self": self, "request": request, **context}
        return TemplateResponse(request, template, context)

    @path("resources/", name="resource_library")
    def resource_library(self, request):
        scope = self.library_scope(request)
        years = [day.year for day in public_resources(scope).dates("date", "year", order="DESC")]
        form_options = {
            "steps": national_step_choices(scope, self.locale_id),
            "toolkits": [(NATIONAL_SLUG, _("National toolkit"))] + [(t.slug, t.name) for t in scope.localities],
            "years": years,
            "show_locality": scope.is_national,
        }
        filters = LibraryFilterForm(request.GET, **form_options).valid_filters()
        form = LibraryFilterForm({key: str(value) for key, value in filters.items()}, **form_options)
        resources = filter_resources(scope, filters)
        paginator = Paginator(resources, RESULTS_PER_PAGE)
        results_page = paginator.get_page(page_number(request))
        results = with_content_languages(scope.annotate_places(results_page.object_list, StepPage))
        return self.library_response(
            request,
            "resources/resource_library.html",
            {
                "scope": scope,
                "form": form,
                "filters": filters,
                "results": results,
                "results_page": results_page,
                "total": paginator.count,
                "querystring": querystring_without_page(request),
                "resource_model": ResourcePage,
            },
        )

    @path("search/", name="search")
    def search(self, request):
        """Results grouped by title and kind across toolkits, filterable by
        toolkit, step and kind of page (``resources.search_results``)."""
        scope = self.library_scope(request)
        query = search_words(request.GET.get("q", ""))
        wants_all = request.GET.get("scope") == "all"
        searched = ToolkitScope(scope.national_home) if wants_all and not scope.is_national else scope
        filter_options = {
            "toolkits": [(NATIONAL_SLUG, _("National toolkit"))] + [(t.slug, t.name) for t in searched.localities],
            "steps": national_step_choices(searched, self.locale_id),
        }
        filters = SearchFilterForm(request.GET, **filter_options).valid_filters()
        filter_form = SearchFilterForm({key: str(value) for key, value in filters.items()}, **filter_options)
        results_page, total = None, 0
        if query:
            pages = searched.restrict(Page.objects.live().public().exclude(pk=searched.root.pk))
            pages = filter_pages(pages, searched, filters)
            if self.locale_id != Locale.get_default().pk:
                # The scope's pages in this home's language (same translation keys), searched without stemming.
                in_language = (
                    Page.objects.live()
                    .public()
                    .filter(locale_id=self.locale_id, translation_key__in=pages.values("translation_key"))
                )
                hits = search_pages_in_language(in_language, query)
            else:
                # Tree filters reach the search backend as a subquery of ids (it accepts only indexed fields).
                hits = Page.objects.filter(pk__in=pages.values("pk")).search(query, operator="and")
            hit_ids = [hit.pk for hit in hits[:MAX_SEARCHED_HITS]]
            by_pk = {page.pk: page for page in Page.objects.filter(pk__in=hit_ids).specific()}
            ordered = [by_pk[pk] for pk in hit_ids if pk in by_pk]
            for hit in ordered:
                verbose_name = str(hit._meta.verbose_name)
                hit.kind_label = (
                    getattr(hit, "type_label", "") or PAGE_KINDS.get(verbose_name) or hit.get_verbose_name()
                )
            if self.locale_id != Locale.get_default().pk:
                ordered = annotate_places_in_language(searched, ordered, StepPage, self.locale_id)
            else:
                ordered = searched.annotate_places(ordered, StepPage)
            results = group_hits(ordered)
            paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
            results_page = paginator.get_page(page_number(request))
            total = paginator.count
        return self.library_response(
            request,
            "resources/search.html",
            {
                "scope": scope,
                "query": query,
                "searching_all": searched is not scope,
                "show_toolkit_filter": bool(searched.localities),
                "filter_form": filter_form,
                "hits_page": results_page,
                "total": total,
                "querystring": querystring_without_page(request),
            },
        )

    @path("tips/", name="tips")
    def tips(self, request):
        scope = self.library_scope(request)
        steps = national_step_choices(scope, self.locale_id)
        step = request.GET.get("step", "")
        filters = {"type": ResourceType.TIP, "sort": Sort.NEWEST}
        if step in dict(steps):
            filters["step"] = step
        paginator = Paginator(filter_resources(scope, filters), RESULTS_PER_PAGE)
        tips_page = paginator.get_page(page_number(request))
        return self.library_response(
            request,
            "resources/tips.html",
            {
                "scope": scope,
                "steps": steps,
                "step": filters.get("step", ""),
                "tips": with_content_languages(scope.annotate_places(tips_page.object_list, StepPage)),
                "tips_page": tips_page,
                "total": paginator.count,
                "querystring": querystring_without_page(request),
            },
        )

    @path("compare/<slug:step_slug>/", name="compare")
    def compare(self, request, step_slug):
        scope = self.library_scope(request)
        if not scope.is_national:
            raise Http404("Localities are compared from the national toolkit.")
        national_step = StepPage.objects.child_of(scope.national_home).live().public().filter(slug=step_slug).first()
        if national_step is None:
            raise Http404("No such step.")
        requested = [slug.strip() for value in request.GET.getlist("sites") for slug in value.split(",")]
        requested = [slug for slug in dict.fromkeys(requested) if slug]
        chosen = [scope.by_slug[slug] for slug in requested if slug in scope.by_slug][:MAX_COMPARED]
        unknown = [slug for slug in requested if slug not in scope.by_slug]
        columns = []
        if len(chosen) >= 2:
            local_steps = {
                step.path[: len(scope.national.path) + Page.steplen]: step
                for step in StepPage.objects.live()
                .public()
                .filter(under_any([toolkit.path for toolkit in chosen]))
                .filter(depth=scope.national_home.depth + 2, slug=step_slug)
            }
            for toolkit in chosen:
                step = local_steps.get(toolkit.path)
                resources = []
                if step is not None:
                    resources = list(public_resources(scope).filter(path__startswith=step.path).order_by("-date"))
                columns.append(
                    {
                        "toolkit": toolkit,
                        "step": step,
                        "summary": step_summary(step),
                        "resources": [r for r in resources if r.resource_type != ResourceType.TIP],
                        "tips": [r for r in resources if r.resource_type == ResourceType.TIP],
                    }
                )
        return self.library_response(
            request,
            "resources/compare.html",
            {
                "scope": scope,
                "national_step": national_step,
                "columns": columns,
                "chosen_slugs": [toolkit.slug for toolkit in chosen],
                "unknown_count": len(unknown),
            },
        )


def step_summary(step, words: int = 60) -> str:
    """The start of a locality step's own guidance, as plain text."""
    if step is None:
        return ""
    text = " ".join(strip_tags(str(block.render())) for block in step.body if block.block_type == "paragraph")
    return Truncator(" ".join(text.split())).words(words) if text.strip() else step.summary

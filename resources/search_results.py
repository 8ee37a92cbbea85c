"""Site search results that read as one list of pages, not of copies.

Each locality has its own six steps with the national step's title, so a
search for "peer" used to list four "Support, help and intervention" pages
told apart only by a grey "From:" line, the national one last. Here hits of
the same kind and title are one result naming every toolkit that has it,
the national toolkit first; results keep the order of their best hit, so the
national guidance ranks where its own best match puts it. Filters (toolkit,
step, kind of page) narrow the pages before the search runs.
"""

from dataclasses import dataclass, field

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page

from toolkits.scope import NATIONAL_SLUG, ToolkitScope, under_any

from .models import ResourcePage, ResourceType, StepPage

# Grouping works on the best hits only: enough for any real query on this site.
MAX_SEARCHED_HITS = 300

KIND_STEP, KIND_GUIDANCE = "step", "guidance"


class SearchFilterForm(forms.Form):
    toolkit = forms.ChoiceField(required=False, label=_("Toolkit"))
    step = forms.ChoiceField(required=False, label=_("Step"))
    kind = forms.ChoiceField(required=False, label=_("Kind of page"))

    def __init__(self, *args, toolkits=(), steps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toolkit"].choices = [("", _("All toolkits")), *toolkits]
        self.fields["step"].choices = [("", _("Any step")), *steps]
        self.fields["kind"].choices = [
            ("", _("Any kind")),
            (KIND_STEP, _("Toolkit steps")),
            (KIND_GUIDANCE, _("Guidance pages")),
            *((value, label) for value, label in ResourceType.choices),
        ]

    def valid_filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def filter_pages(pages, scope: ToolkitScope, filters: dict):
    if "toolkit" in filters:
        if filters["toolkit"] == NATIONAL_SLUG:
            pages = pages.exclude(under_any([toolkit.path for toolkit in scope.localities]))
        elif filters["toolkit"] in scope.by_slug:
            pages = pages.filter(path__startswith=scope.by_slug[filters["toolkit"]].path)
    if "step" in filters:
        step_paths = list(scope.restrict(StepPage.objects.filter(slug=filters["step"])).values_list("path", flat=True))
        pages = pages.filter(under_any(step_paths)) if step_paths else pages.none()
    kind = filters.get("kind")
    if kind == KIND_STEP:
        pages = pages.type(StepPage)
    elif kind == KIND_GUIDANCE:
        pages = pages.not_type(StepPage, ResourcePage)
    elif kind in ResourceType.values:
        resource_ids = ResourcePage.objects.filter(resource_type=kind).values("pk")
        pages = pages.filter(Q(pk__in=resource_ids))
    return pages


def annotate_places_in_language(scope: ToolkitScope, pages, step_model, locale_id: int) -> list:
    """Set ``toolkit`` and ``step`` on hits in a translated tree (``/cy/``).

    The scope knows its toolkits by the default-language tree's paths, so a
    Welsh page takes the toolkit and step of the page it translates (else a
    locality's Welsh page would be named as the national toolkit), and its
    step is shown in the page's language where that step is live. Two
    queries for all the hits.
    """
    pages = list(pages)
    originals = {
        original.translation_key: original
        for original in Page.objects.filter(
            translation_key__in=[page.translation_key for page in pages], locale=Locale.get_default()
        ).only("id", "path", "translation_key")
    }
    scope.annotate_places(originals.values(), step_model)
    step_keys = {original.step.translation_key for original in originals.values() if original.step}
    steps_in_language = {
        step.translation_key: step
        for step in step_model.objects.live().filter(translation_key__in=step_keys, locale_id=locale_id)
    }
    for page in pages:
        original = originals.get(page.translation_key)
        page.toolkit = original.toolkit if original else scope.toolkit_of(page)
        step = original.step if original else None
        page.step = steps_in_language.get(step.translation_key, step) if step else None
    return pages


@dataclass
class SearchResult:
    """One title of one kind, with every toolkit's page that has it (national first)."""

    title: str
    kind_label: str
    step: object
    hits: list = field(default_factory=list)

    @property
    def first(self):
        return self.hits[0]


def group_hits(hits) -> list[SearchResult]:
    results: dict = {}
    for hit in hits:
        key = (hit.kind_label, hit.title.strip().lower())
        if key not in results:
            step = hit.step if hit.step and hit.step.pk != hit.pk else None
            results[key] = SearchResult(hit.title, hit.kind_label, step)
        results[key].hits.append(hit)
    for result in results.values():
        result.hits.sort(key=lambda hit: (not getattr(hit.toolkit, "is_national", False), hit.toolkit.name))
    return list(results.values())

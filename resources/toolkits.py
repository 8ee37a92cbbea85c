"""Which toolkit trees the public may see, and which toolkit a page belongs to.

Every toolkit is rooted at a page whose class says ``is_toolkit_root = True``:
the national home, and each locality's home as a child of it. ``resources``
knows nothing of localities (``sites`` imports ``resources``, never the other
way), so whether a locality is active is asked through an extension point:
``sites`` registers a provider in ``SitesConfig.ready()`` that names the
locality homes the public may see. Without a provider every live locality
home counts as active.

A ``ToolkitScope`` answers, in a fixed number of queries whatever the number
of localities or resources, what the library, search, tips and compare views
need: the public locality toolkits, the paths of hidden trees (archived,
unpublished or private localities) to leave out, and which toolkit and step a
page sits in.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.functions import Substr
from django.db.models.lookups import In
from django.utils.translation import gettext_lazy

from wagtail.models import Page, PageViewRestriction

NATIONAL_SLUG = "national"
NATIONAL_NAME = gettext_lazy("National toolkit")

_active_localities_provider: Callable[[], dict[int, str]] | None = None


def register_active_localities(provider: Callable[[], dict[int, str]]) -> None:
    """``provider()`` returns {locality home page id: locality name} for every
    locality the public may see (sites: status active)."""
    global _active_localities_provider
    _active_localities_provider = provider


def is_toolkit_root_page(page_or_content_type_id) -> bool:
    content_type_id = getattr(page_or_content_type_id, "content_type_id", page_or_content_type_id)
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return bool(model is not None and getattr(model, "is_toolkit_root", False))


@dataclass(frozen=True)
class Toolkit:
    page_id: int
    path: str
    slug: str
    name: str
    url_path: str

    @property
    def is_national(self) -> bool:
        return self.slug == NATIONAL_SLUG


def under_any(paths) -> Q:
    """Pages at or below any of these tree paths, as one IN per path length
    (treebeard paths are fixed-width per depth), not one LIKE per path."""
    by_length = defaultdict(list)
    for path in paths:
        by_length[len(path)].append(path)
    condition = Q(pk__in=[])
    for length, same_length in by_length.items():
        condition |= Q(In(Substr("path", 1, length), same_length))
    return condition


class ToolkitScope:
    """The trees a library, search or tips page covers.

    ``root`` is the page the route hangs on: the national home covers the
    national toolkit and every public locality; a locality home covers its
    own tree only.
    """

    def __init__(self, root: Page):
        self.root = root
        parent = root.get_parent()
        self.is_national = parent is None or parent.depth == 1 or not is_toolkit_root_page(parent)
        self.national_home = root if self.is_national else parent
        self.national = Toolkit(
            self.national_home.pk, self.national_home.path, NATIONAL_SLUG, NATIONAL_NAME, self.national_home.url_path
        )
        self.localities, self.hidden_paths = self._locality_toolkits()
        self.by_path = {toolkit.path: toolkit for toolkit in self.localities}
        self.by_slug = {toolkit.slug: toolkit for toolkit in self.localities}
        if self.is_national:
            self.toolkits = [self.national, *self.localities]
        else:
            self.toolkits = [self.by_path[root.path]] if root.path in self.by_path else []

    def _locality_toolkits(self):
        children = Page.objects.child_of(self.national_home).values(
            "id", "path", "slug", "title", "live", "url_path", "content_type_id"
        )
        roots = [child for child in children if is_toolkit_root_page(child["content_type_id"])]
        if _active_localities_provider is not None:
            active_names = _active_localities_provider()
        else:
            active_names = {root["id"]: root["title"] for root in roots}
        restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        public, hidden = [], []
        for root in roots:
            is_private = any(root["path"].startswith(path) for path in restricted)
            if root["live"] and root["id"] in active_names and not is_private:
                public.append(
                    Toolkit(root["id"], root["path"], root["slug"], active_names[root["id"]], root["url_path"])
                )
            else:
                hidden.append(root["path"])
        public.sort(key=lambda toolkit: toolkit.name)
        return public, hidden

    @property
    def is_public(self) -> bool:
        return self.is_national or bool(self.toolkits)

    def restrict(self, queryset):
        """Only pages in this scope's public trees (live/public filters are the caller's)."""
        queryset = queryset.filter(path__startswith=self.root.path)
        if self.is_national and self.hidden_paths:
            queryset = queryset.exclude(under_any(self.hidden_paths))
        return queryset

    def toolkit_of(self, page) -> Toolkit:
        prefix = page.path[: len(self.national.path) + Page.steplen]
        return self.by_path.get(prefix, self.national)

    def step_path_of(self, page) -> str | None:
        """The path of the toolkit child (a step) that the page sits under."""
        toolkit = self.toolkit_of(page)
        length = len(toolkit.path) + Page.steplen
        return page.path[:length] if len(page.path) >= length else None

    def annotate_places(self, pages, step_model):
        """Set ``toolkit`` and ``step`` on each page, in one query for all steps."""
        pages = list(pages)
        step_paths = {self.step_path_of(page) for page in pages} - {None}
        steps = {step.path: step for step in step_model.objects.filter(path__in=step_paths)} if step_paths else {}
        for page in pages:
            page.toolkit = self.toolkit_of(page)
            page.step = steps.get(self.step_path_of(page))
        return pages

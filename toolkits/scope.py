"""Which toolkit trees the public may see, and which toolkit a page belongs to.

Every toolkit is rooted at a page whose type is a ``toolkits.pages.ToolkitRoot``:
the national home, and each locality's home as a child of it. A root is public
when it is live, not behind a view restriction, and its type says so
(``ToolkitRoot.public_toolkit_names``: a locality home asks its locality's
status), so the apps below ``sites`` never need to know what a locality is.

A ``ToolkitScope`` answers, in a fixed number of queries whatever the number
of localities or resources, what the library, search, tips and compare views
need: the public locality toolkits, the paths of hidden trees (archived,
unpublished or private localities) to leave out, and which toolkit and step a
page sits in.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.functions import Substr
from django.db.models.lookups import In
from django.utils.translation import gettext_lazy

from wagtail.models import Page, PageViewRestriction, get_page_models

from .pages import ContentMirror, ToolkitRoot, ToolkitStep

NATIONAL_SLUG = "national"
NATIONAL_NAME = gettext_lazy("National toolkit")


def toolkit_root_models() -> list[type[Page]]:
    return [model for model in get_page_models() if issubclass(model, ToolkitRoot)]


def toolkit_step_models() -> list[type[Page]]:
    return [model for model in get_page_models() if issubclass(model, ToolkitStep)]


def content_mirror_models() -> list[type[Page]]:
    return [model for model in get_page_models() if issubclass(model, ContentMirror)]


def _model_of(content_type_id):
    return ContentType.objects.get_for_id(content_type_id).model_class()


def is_toolkit_root_page(page_or_content_type_id) -> bool:
    content_type_id = getattr(page_or_content_type_id, "content_type_id", page_or_content_type_id)
    model = _model_of(content_type_id)
    return model is not None and issubclass(model, ToolkitRoot)


def public_names_of_roots(roots) -> dict[int, str]:
    """{page id: toolkit name} of the public ones among ``roots`` (dicts or
    pages with id, path, live and content_type_id): live, not behind a view
    restriction, and public as their type says. One query per root type, plus
    one for the view restrictions."""
    roots = [root if isinstance(root, dict) else vars(root) for root in roots]
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True)) if roots else []
    ids_by_model = defaultdict(list)
    for root in roots:
        model = _model_of(root["content_type_id"])
        is_private = any(root["path"].startswith(path) for path in restricted)
        if root["live"] and not is_private and model is not None and issubclass(model, ToolkitRoot):
            ids_by_model[model].append(root["id"])
    names = {}
    for model, ids in ids_by_model.items():
        names.update(model.public_toolkit_names(ids))
    return names


def public_toolkits_at(paths) -> dict[str, str]:
    """{root path: toolkit name} for the public toolkit roots among the pages
    at these tree paths; other paths are left out. E.g. the parents of
    locality steps, to name the localities a national step's readers may visit."""
    paths = list(set(paths))
    if not paths:
        return {}
    roots = Page.objects.filter(path__in=paths).values("id", "path", "live", "content_type_id")
    names = public_names_of_roots(roots)
    return {root["path"]: names[root["id"]] for root in roots if root["id"] in names}


def in_public_toolkits(pages) -> list[Page]:
    """The pages whose nearest toolkit root is public (``public_names_of_roots``):
    a page of an archived, unpublished or private locality is left out. Pages
    under no toolkit root are kept. Two queries whatever the number of pages."""
    pages = list(pages)
    ancestor_paths = {
        page.path[:length] for page in pages for length in range(Page.steplen, len(page.path) + 1, Page.steplen)
    }
    if not ancestor_paths:
        return pages
    roots = list(
        Page.objects.filter(path__in=ancestor_paths)
        .type(*toolkit_root_models())
        .values("id", "path", "live", "content_type_id")
    )
    public_ids = set(public_names_of_roots(roots))

    def nearest_root_is_public(page):
        own_roots = [root for root in roots if page.path.startswith(root["path"])]
        return not own_roots or max(own_roots, key=lambda root: len(root["path"]))["id"] in public_ids

    return [page for page in pages if nearest_root_is_public(page)]


def toolkit_root_of(page) -> Page | None:
    """The nearest toolkit root at or above ``page`` (its locality's home for
    a locality page, the national home for a national page), in one query."""
    return Page.objects.ancestor_of(page, inclusive=True).type(*toolkit_root_models()).order_by("-depth").first()


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
        public_names = public_names_of_roots(roots)
        public, hidden = [], []
        for root in roots:
            if root["id"] in public_names:
                public.append(
                    Toolkit(root["id"], root["path"], root["slug"], public_names[root["id"]], root["url_path"])
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

"""Contracts that page types declare by subclassing; ``toolkits.scope`` and the
apps below ``sites`` rely on these, never on model names or duck typing."""


class ToolkitRoot:
    """A page type that roots a toolkit: the national home, and each locality's
    home as a child of it."""

    @classmethod
    def public_toolkit_names(cls, page_ids) -> dict[int, str]:
        """{page id: toolkit name} for the roots among ``page_ids`` that the
        public may see as far as this type knows (the page tree's own live and
        privacy state is checked by the caller). A locality home overrides this
        with the locality's status and name."""
        return dict(cls.objects.filter(pk__in=list(page_ids)).values_list("pk", "title"))


class ToolkitStep:
    """A page type that is one step of a toolkit (a child of a toolkit root)."""


class ContentMirror:
    """A page type whose pages may show another page's live content instead of
    their own (a locality's inherited national page). While they do, their own
    publishes are not history: the page they show has the history."""

    @property
    def is_mirroring(self) -> bool:
        """Whether this page shows another page's content now (rather than its own)."""
        return False

    def mirrored_page(self):
        """The page whose content a mirroring page shows, when that page is live and
        public; None otherwise (then the mirror has nothing to show: a 404)."""
        return None

    @classmethod
    def mirroring_pages(cls):
        """This type's pages that show another page's content now (a queryset)."""
        return cls.objects.none()

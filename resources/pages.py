"""The base of every public page type in the toolkits."""

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from core.render_cache import may_keep
from history.routes import PublicHistoryRoutes

from .forms import ScopedReferencesPageForm


class ToolkitPage(PublicHistoryRoutes, RoutablePageMixin, Page):
    """What every toolkit page type shares, declared once: its public history
    under its own address (``history/``, ``history/compare/``), the public
    change note asked on publish, and the fence on which documents and images
    its editor may reference (``ScopedReferencesPageForm``). Page classes keep
    only their own fields, panels, search fields and tree rules."""

    base_form_class = ScopedReferencesPageForm

    class Meta:
        abstract = True

    def render_cache_query(self, request) -> str:
        """The query string, in canonical form, of what this page's own view
        reads from it: its answer with exactly that query string may be kept
        by the render cache (core/render_cache.py). Most pages read none."""
        return ""

    def serve(self, request, view=None, args=None, kwargs=None):
        own_view = view is None or view.__func__ is type(self).index_route
        if own_view and request.META.get("QUERY_STRING", "") == self.render_cache_query(request):
            may_keep(request)
        return super().serve(request, view, args, kwargs)

"""The base of every public page type in the toolkits."""

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

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

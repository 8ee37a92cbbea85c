from django.http import Http404

from wagtail.admin.views.chooser import BrowseView
from wagtail.models import Page

from .models import is_national_team


class LocalityBrowseView(BrowseView):
    """The page chooser, refusing to browse from a page the editor's chooser would not list."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None and not is_national_team(request.user):
            from .wagtail_hooks import choosers_stay_in_the_editors_locality

            parent = Page.objects.filter(pk=parent_page_id, depth__gt=1)  # the root is always browsable
            if parent.exists() and not choosers_stay_in_the_editors_locality(parent, request).exists():
                raise Http404
        return super().get(request, parent_page_id)

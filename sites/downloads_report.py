"""Reports → Downloads for a locality's publishers: the national report
(``resources.views.DownloadsReportView``: per resource and month, CSV and
Excel export) narrowed to the documents of their own locality's collection.

Publishers, not editors: the people who answer for what their toolkit
publishes. The national team (and superusers) keep the full report.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery

from wagtail.models import Collection

from core.admin_wiring import register_report
from resources.models import DownloadCount, ResourcePage
from resources.views import DownloadsReportView

from .models import Locality


def published_localities(user):
    """The localities whose publishers group the user is in."""
    if not (user and user.is_authenticated and user.is_active):
        return Locality.objects.none()
    return Locality.objects.filter(publishers_group__in=user.groups.all()).select_related("home_page", "collection")


class LocalityDownloadsReportView(DownloadsReportView):
    index_url_name = "sites_locality_downloads_report"
    index_results_url_name = "sites_locality_downloads_report_results"
    permission_policy = None
    permission_required = None

    def dispatch(self, request, *args, **kwargs):
        self.localities = [locality for locality in published_localities(request.user) if locality.collection]
        if not self.localities:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def page_title(self):
        return "Downloads: " + ", ".join(locality.name for locality in self.localities)

    def get_filename(self):
        slugs = "-".join(locality.slug for locality in self.localities)
        return f"downloads-{slugs}-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        in_collections = Q()
        in_trees = Q()
        for locality in self.localities:
            in_collections |= Q(path__startswith=locality.collection.path)
            if locality.home_page is not None:
                in_trees |= Q(path__startswith=locality.home_page.path)
        collections = Collection.objects.filter(in_collections).values("pk")
        first_resource = (
            ResourcePage.objects.filter(in_trees, document=OuterRef("document")).order_by("pk").values("title")[:1]
        )
        return (
            DownloadCount.objects.filter(document__collection__in=collections)
            .select_related("document")
            .annotate(resource_title=Subquery(first_resource))
            .order_by("-month", "-count", "document__title")
        )


register_report(
    LocalityDownloadsReportView,
    address="locality-downloads",
    url_name="sites_locality_downloads_report",
    label="Your locality's downloads",
    shown_to=lambda user: published_localities(user).exists(),
    name="locality-downloads",
    icon_name="download",
    order=910,
)

"""The downloads report: counts per resource and per month, with CSV and
Excel export (Wagtail's ReportView), for editors who may view download counts."""

import datetime

from django.db.models import OuterRef, Subquery

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

import django_filters

from .models import DownloadCount, ResourcePage


def month_choices():
    months = DownloadCount.objects.dates("month", "month", order="DESC")
    return [(month.isoformat(), month.strftime("%B %Y")) for month in months]


class DownloadsReportFilterSet(WagtailFilterSet):
    month = django_filters.ChoiceFilter(label="Month", choices=month_choices, empty_label="Every month")
    document__title = django_filters.CharFilter(label="Document title contains", lookup_expr="icontains")

    class Meta:
        model = DownloadCount
        fields = ["month"]


class DownloadsReportView(ReportView):
    page_title = "Downloads"
    header_icon = "download"
    index_url_name = "resources_downloads_report"
    index_results_url_name = "resources_downloads_report_results"
    filterset_class = DownloadsReportFilterSet
    permission_policy = ModelPermissionPolicy(DownloadCount)
    permission_required = "view"
    paginate_by = 100
    columns = [
        Column("resource_title", label="Resource"),
        Column("document_title", label="Document"),
        Column("month_label", label="Month"),
        Column("count", label="Downloads"),
    ]
    list_export = ["resource_title", "document_title", "month", "count"]
    export_headings = {
        "resource_title": "Resource",
        "document_title": "Document",
        "month": "Month",
        "count": "Downloads",
    }

    def get_filename(self):
        return f"downloads-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        first_resource = ResourcePage.objects.filter(document=OuterRef("document")).order_by("pk").values("title")[:1]
        return (
            DownloadCount.objects.select_related("document")
            .annotate(resource_title=Subquery(first_resource))
            .order_by("-month", "-count", "document__title")
        )

    def decorate_paginated_queryset(self, object_list):
        for row in object_list:
            row.document_title = row.document.title
            row.month_label = row.month.strftime("%B %Y")
            row.resource_title = row.resource_title or "(not used by a resource)"
        return object_list

    def to_row_dict(self, item):
        item.document_title = item.document.title
        item.resource_title = item.resource_title or "(not used by a resource)"
        return super().to_row_dict(item)

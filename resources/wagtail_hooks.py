"""Admin wiring for resources: the downloads report under Reports; documents
follow the privacy of the pages that use them (``document_privacy``)."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .document_privacy import refuse_documents_without_a_public_use
from .views import DownloadsReportView

hooks.register("before_serve_document", refuse_documents_without_a_public_use)


@hooks.register("register_admin_urls")
def register_downloads_report_urls():
    return [
        path("reports/downloads/", DownloadsReportView.as_view(), name="resources_downloads_report"),
        path(
            "reports/downloads/results/",
            DownloadsReportView.as_view(results_only=True),
            name="resources_downloads_report_results",
        ),
    ]


class DownloadsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("resources.view_downloadcount")


@hooks.register("register_reports_menu_item")
def register_downloads_report_menu_item():
    return DownloadsMenuItem("Downloads", reverse("resources_downloads_report"), icon_name="download", order=900)

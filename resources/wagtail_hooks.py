"""Admin wiring for resources: the downloads report under Reports; documents
follow the privacy of the pages that use them (``document_privacy``)."""

from wagtail import hooks

from core.admin_wiring import register_report

from .document_privacy import refuse_documents_without_a_public_use
from .views import DownloadsReportView

hooks.register("before_serve_document", refuse_documents_without_a_public_use)


register_report(
    DownloadsReportView,
    address="downloads",
    url_name="resources_downloads_report",
    label="Downloads",
    shown_to=lambda user: user.has_perm("resources.view_downloadcount"),
    icon_name="download",
    order=900,
)

"""Read fences: what a locality editor may see in the admin.

The write fences (edit, publish, move, copy, delete) live in
``sites.wagtail_hooks``. This module closes the places where Wagtail's own
views *read* across localities: messages that name any page by its draft
title, reports over every tree, the admin API's document listing, and user
names in filter lists. Every refusal is logged on the ``sites.security``
logger so refused admin access shows in the logs.
"""

import logging

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.models import Page, PagePermissionTester
from wagtail.permissions import policy_registry

from cms.spreadsheets import spreadsheet_safe

from .models import is_national_team

security_log = logging.getLogger("sites.security")

# Reports that summarise every tree at once: the national team's alone.
NATIONAL_TEAM_ONLY_URL_NAMES = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
}


def log_refusal(request, reason: str) -> None:
    user = getattr(request, "user", None)
    security_log.warning(
        "admin access refused",
        extra={
            "event": "admin_access_refused",
            "user": getattr(user, "get_username", lambda: "")(),
            "path": request.path,
            "method": request.method,
            "reason": reason,
        },
    )


def refuse(request, reason: str):
    log_refusal(request, reason)
    return permission_denied(request)


def has_any_permission_on(user, page) -> bool:
    """True when one of the user's page permissions covers this page (its
    subtree of a grant), not merely because it is an ancestor the explorer
    shows on the way to the user's own tree."""
    if is_national_team(user):
        return True
    return bool(PagePermissionTester(user, page).permissions)


class AdminReadFenceMiddleware:
    """Refuses a locality user any page-specific admin view of a page outside
    their own tree, before Wagtail's view runs.

    Wagtail checks permissions inside each view, but several of its views
    speak first: the workflow preview, action and cancellation views answer
    "The page '<draft title>' is not currently awaiting moderation" for any
    page id. One check here, keyed on the URL namespace rather than on each
    view, also covers page views that a later Wagtail release adds.
    A middleware because Wagtail has no hook that runs before every page view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None
        if match.view_name in NATIONAL_TEAM_ONLY_URL_NAMES and not is_national_team(user):
            return refuse(request, "national team only")
        if match.namespace == "wagtailadmin_pages" and "page_id" in view_kwargs:
            page = Page.objects.filter(pk=view_kwargs["page_id"]).first()
            if page is not None and not has_any_permission_on(user, page):
                return refuse(request, "page outside the user's tree")
        return None


class CollectionScopedDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin API's documents, limited to the collections the user may
    choose from, as the document chooser and listing already are."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if is_national_team(user):
            return queryset
        document_policy = policy_registry.get_by_type(get_document_model())
        allowed = document_policy.instances_user_has_any_permission_for(user, ["choose", "change"])
        return queryset.filter(pk__in=allowed.values("pk"))


@hooks.register("construct_admin_api", order=100)
def scope_admin_api_documents(router):
    # order=100: after wagtail.documents registers its own endpoint under the same name.
    router.register_endpoint("documents", CollectionScopedDocumentsAPIViewSet)


@hooks.register("construct_reports_menu")
def hide_national_reports(request, menu_items):
    if not is_national_team(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


def users_of_shared_localities(user):
    """Users a locality user may see named in the admin: themselves, the
    members of their own localities' groups and the national team."""
    from .models import NATIONAL_TEAM_GROUP
    from .provisioning import localities_for_user

    group_ids = set()
    for locality in localities_for_user(user):
        group_ids.update(pk for pk in (locality.editors_group_id, locality.publishers_group_id) if pk)
    return (
        get_user_model()
        .objects.filter(Q(pk=user.pk) | Q(groups__in=group_ids) | Q(groups__name=NATIONAL_TEAM_GROUP))
        .distinct()
    )


# --- CSV exports ------------------------------------------------------------

_wagtail_preprocess_field_value = SpreadsheetExportMixin.preprocess_field_value


def _spreadsheet_safe_preprocess(self, field, value, export_format):
    """Every CSV cell Wagtail's exports write (reports, site history, the
    downloads and drift reports, snippet listings) kept as text: a title like
    ``=HYPERLINK(...)`` set by a locality editor must not run in the national
    team's spreadsheet. Wagtail's XLSX export already stores such cells as
    text; its CSV export has no hook for cell values, so the one method every
    CSV row goes through is wrapped here, once, at start-up."""
    processed = _wagtail_preprocess_field_value(self, field, value, export_format)
    if export_format == self.FORMAT_CSV:
        return spreadsheet_safe(processed)
    return processed


SpreadsheetExportMixin.preprocess_field_value = _spreadsheet_safe_preprocess

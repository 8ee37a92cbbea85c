"""Reports → Audit use, for the national team: ``audit.usage`` in two tables.

Here rather than in ``audit`` because who counts as the national team is a
``sites`` rule (``is_national_team``), and ``audit`` does not import ``sites``.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse

from wagtail import hooks

from audit.usage import MIN_AUDITS_PER_AREA, audit_usage
from core.admin_wiring import RestrictedMenuItem

from .models import is_national_team


def audit_usage_report(request):
    if not is_national_team(request.user):
        raise PermissionDenied
    month_rows, area_rows = audit_usage()
    return TemplateResponse(
        request,
        "sites/admin/audit_usage.html",
        {"month_rows": month_rows, "area_rows": area_rows, "min_audits": MIN_AUDITS_PER_AREA},
    )


@hooks.register("register_admin_urls")
def register_audit_usage_report_url():
    return [path("reports/audit-use/", audit_usage_report, name="sites_audit_usage_report")]


@hooks.register("register_reports_menu_item")
def register_audit_usage_menu_item():
    return RestrictedMenuItem(
        "Audit use",
        reverse("sites_audit_usage_report"),
        shown_to=is_national_team,
        name="audit-use",
        icon_name="tasks",
        order=720,
    )

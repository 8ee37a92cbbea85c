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
from django.db.models import F, Q
from django.urls import path, reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.history import HistoryFilterSet
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.models import Page, PageLogEntryManager, PagePermissionTester
from wagtail.permissions import policy_registry

from django_filters.filters import QuerySetRequestMixin

from core.admin_wiring import RestrictedMenuItem
from core.spreadsheets import spreadsheet_safe
from home.links import current_request

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


class AdminReadFenceMiddleware(MiddlewareMixin):
    """Refuses a locality user any page-specific admin view of a page outside
    their own tree, before Wagtail's view runs.

    Wagtail checks permissions inside each view, but several of its views
    speak first: the workflow preview, action and cancellation views answer
    "The page '<draft title>' is not currently awaiting moderation" for any
    page id. One check here, keyed on the URL namespace rather than on each
    view, also covers page views that a later Wagtail release adds.
    A middleware because Wagtail has no hook that runs before every page view.
    """

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


# --- Draft titles outside the user's tree ------------------------------------

_wagtail_admin_display_title = Page.get_admin_display_title


def _admin_display_title_for_the_current_user(self):
    """A page's admin title as the signed-in user may read it: with its
    pending draft title inside their own tree, by its live title outside it.

    A locality editor explores through the national homes (English and Welsh)
    to reach their tree, and Wagtail names every page it lists by its draft
    title: the explorer, its menu (the admin pages API, with each page's
    ancestors and translations), page search, breadcrumbs. Wagtail passes no
    request to ``get_admin_display_title``, so the request comes from
    ``home.links.current_request``; without one (tasks, commands, emails) the
    title is Wagtail's own. Wrapped once, here, so every admin view present
    and future is covered."""
    title = _wagtail_admin_display_title(self)
    request = current_request.get()
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or self.depth <= 1 or has_any_permission_on(user, self):
        return title
    return self.title


Page.get_admin_display_title = _admin_display_title_for_the_current_user


_wagtail_page_logs_viewable_by = PageLogEntryManager.viewable_by_user
# What Wagtail counts as a grant on a page (rather than a way through to one).
OWN_TREE_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


def _page_logs_of_the_users_own_tree(self, user):
    """Page log entries (site history, the dashboard's recent edits) of the
    pages a locality user holds a permission on. Wagtail also shows them the
    log of every page they explore through (the national homes), whose
    labels keep the draft title each page had when it was logged."""
    logs = _wagtail_page_logs_viewable_by(self, user)
    if is_national_team(user):
        return logs
    own_tree = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(user, OWN_TREE_ACTIONS)
    return logs.filter(page__in=own_tree.values("pk"))


PageLogEntryManager.viewable_by_user = _page_logs_of_the_users_own_tree


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


# --- User names in filter lists --------------------------------------------

_django_filters_get_queryset = QuerySetRequestMixin.get_queryset


def _user_choices_in_the_editors_localities(self, request):
    """Filter lists of users (Owner, Edited by, Locked by, Requested by, ...)
    name only users of the editor's own localities and the national team.

    Wagtail builds these lists from every page and log entry in the site, so
    a Hackney editor saw Bristol's user names. django-filter gives each
    model-choice filter its choices through this one method; wrapping it
    scopes every user list the admin shows, present and future."""
    queryset = _django_filters_get_queryset(self, request)
    user = getattr(request, "user", None)
    if (
        queryset is None
        or user is None
        or not user.is_authenticated
        or queryset.model is not get_user_model()
        or is_national_team(user)
    ):
        return queryset
    return queryset.filter(pk__in=users_of_shared_localities(user).values("pk"))


QuerySetRequestMixin.get_queryset = _user_choices_in_the_editors_localities


_wagtail_history_users = HistoryFilterSet.get_users_queryset


def _history_users_in_the_editors_localities(self):
    """The same rule for the history views' User filter, which Wagtail fills
    from log entries directly rather than through django-filter."""
    users = _wagtail_history_users(self)
    user = getattr(getattr(self, "request", None), "user", None)
    if user is None or not user.is_authenticated or is_national_team(user):
        return users
    return users.filter(pk__in=users_of_shared_localities(user).values("pk"))


HistoryFilterSet.get_users_queryset = _history_users_in_the_editors_localities


# --- Sign-in lockouts (sites.sign_in_throttling) -------------------------------


@hooks.register("register_admin_urls")
def register_lockout_urls():
    from .sign_in_throttling import LockoutsView

    return [path("security/lockouts/", LockoutsView.as_view(), name="sites_lockouts")]


@hooks.register("register_settings_menu_item")
def register_lockouts_menu_item():
    return RestrictedMenuItem(
        "Sign-in lockouts", reverse("sites_lockouts"), shown_to=is_national_team, icon_name="lock", order=900
    )


# --- Two-factor sign-in (sites.two_factor) -----------------------------------------


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    from .passkeys import passkey_urls
    from .two_factor import EnrolView, ResetView, VerifyView

    return [
        path("two-factor/verify/", VerifyView.as_view(), name="sites_two_factor_verify"),
        path("two-factor/set-up/", EnrolView.as_view(), name="sites_two_factor_enrol"),
        path("two-factor/reset/", ResetView.as_view(), name="sites_two_factor_reset"),
        *passkey_urls(),
    ]


@hooks.register("register_settings_menu_item")
def register_two_factor_reset_menu_item():
    return RestrictedMenuItem(
        "Two-factor sign-in", reverse("sites_two_factor_reset"), shown_to=is_national_team, icon_name="lock", order=910
    )


@hooks.register("register_account_menu_item")
def register_two_factor_account_menu_item(request):
    return {
        "url": reverse("sites_two_factor_enrol"),
        "label": "Two-factor sign-in",
        "help_text": "Set up an authenticator app and recovery codes.",
    }


@hooks.register("register_account_menu_item")
def register_passkeys_account_menu_item(request):
    return {
        "url": reverse("sites_two_factor_passkeys"),
        "label": gettext_lazy("Passkeys"),
        "help_text": gettext_lazy("Sign in with your fingerprint, face, screen lock or a security key."),
    }


@hooks.register("construct_page_chooser_queryset")
def chooser_hides_pending_titles_outside_the_editors_tree(pages, request):
    """The chooser shows a page by its draft title. Outside the editor's own
    tree (live national pages), a page whose draft renames it is left out
    until the new title is published, so no draft title reaches them."""
    from .provisioning import localities_for_user

    user = request.user
    if is_national_team(user):
        return pages
    own_tree = Q(pk__in=[])
    for locality in localities_for_user(user).select_related("home_page"):
        if locality.home_page is not None:
            own_tree |= Q(path__startswith=locality.home_page.path)
    pending_title = Q(has_unpublished_changes=True) & ~Q(draft_title=F("title"))
    # A pk subquery: the chooser's search filters this queryset by indexed fields only.
    return pages.filter(pk__in=Page.objects.exclude(pending_title & ~own_tree).values("pk"))

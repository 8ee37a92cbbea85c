"""Admin wiring for adapt and drift: the adapt, what-changed, pull and revert
screens, their buttons, the national drift report and the dashboard panel."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from .adaptation import may_change_adaptation
from .admin_views import adapt_view, national_changes_view, pull_view, revert_view
from .dashboard import LocalityDashboardPanel
from .drift import drift_for, pages_behind_for, with_listing_drift
from .drift_report import NationalDriftReportView
from .models import InheritedPage, is_national_team
from .provisioning import localities_for_user


@hooks.register("register_log_actions")
def register_adaptation_log_actions(actions):
    actions.register_action("sites.adapt", "Adapt national page", "Adapted the national page for the locality")
    actions.register_action("sites.pull_national", "Take national changes", "Took national changes into a draft")
    actions.register_action("sites.revert_to_national", "Go back to national", "Went back to showing the national page")


@hooks.register("register_admin_urls")
def register_adaptation_urls():
    return [
        path("sites/pages/<int:page_id>/adapt/", adapt_view, name="sites_adapt"),
        path("sites/pages/<int:page_id>/national-changes/", national_changes_view, name="sites_national_changes"),
        path("sites/pages/<int:page_id>/pull/", pull_view, name="sites_pull_national"),
        path("sites/pages/<int:page_id>/revert/", revert_view, name="sites_revert_to_national"),
        path("reports/national-drift/", NationalDriftReportView.as_view(), name="sites_national_drift_report"),
        path(
            "reports/national-drift/results/",
            NationalDriftReportView.as_view(results_only=True),
            name="sites_national_drift_report_results",
        ),
    ]


@hooks.register("construct_explorer_page_queryset")
def drift_in_the_listing_query(parent_page, pages, request):
    """Page listings show each adapted page's drift in its title and buttons:
    computed in the listing's own query, not one query per page."""

    return with_listing_drift(pages)


class NationalDriftMenuItem(MenuItem):
    """For the national team and for localities' editors and publishers (their own rows)."""

    def is_shown(self, request):
        return is_national_team(request.user) or localities_for_user(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_national_drift_report():
    return NationalDriftMenuItem(
        "National drift", reverse("sites_national_drift_report"), name="national-drift", icon_name="site", order=710
    )


def page_button(label, url_name, page, icon, priority):
    """A button to one of the adaptation screens of ``page``."""
    return Button(label, reverse(url_name, args=[page.pk]), icon_name=icon, priority=priority)


def _adaptation_buttons(page, user, next_url=None, priority=50):
    """Adapt (a mirror) or compare, pull and go back (an adapted page), for
    the national team and the page's own locality only."""

    if page.specific_class is not InheritedPage:
        return []
    page = page.specific_deferred if not isinstance(page, InheritedPage) else page
    if page.is_translation or not may_change_adaptation(user, page):
        return []
    if not page.is_adapted:
        return [page_button("Adapt for this locality", "sites_adapt", page, "edit", priority)]
    buttons = [page_button("What changed nationally", "sites_national_changes", page, "history", priority)]
    if drift_for(page).behind:
        buttons.append(page_button("Take national changes", "sites_pull_national", page, "download", priority + 1))
    if is_national_team(user) or page.permissions_for_user(user).can_publish():
        # Going back publishes: publishers only (sites.adaptation.RevertToNational).
        buttons.append(page_button("Go back to national", "sites_revert_to_national", page, "undo", priority + 2))
    return buttons


@hooks.register("register_page_header_buttons")
def adaptation_header_buttons(page, user, view_name=None, next_url=None):
    yield from _adaptation_buttons(page, user, next_url)


@hooks.register("register_page_listing_more_buttons")
def adaptation_listing_buttons(page, user, next_url=None):
    yield from _adaptation_buttons(page, user, next_url)


class PagesBehindNationalPanel(LocalityDashboardPanel):
    """Dashboard: the user's localities' adapted pages that are behind
    national, with how many national updates and since when. A fixed number
    of queries however many pages a locality has."""

    name = "pages_behind_national"
    template_name = "sites/admin/pages_behind_national_panel.html"
    order = 90

    def rows(self, localities):
        return pages_behind_for(localities)


@hooks.register("construct_homepage_panels")
def add_pages_behind_national_panel(request, panels):
    panels.insert(0, PagesBehindNationalPanel())

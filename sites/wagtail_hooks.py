"""Admin wiring for localities: the Localities menu (adding one runs the
provisioning action), the fences around inherited pages and locality homes,
and choosers that stay inside the editor's locality."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, Subquery
from django.db.models.functions import Substr
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, DeleteView, SnippetViewSet

from .admin_views import NationalDriftReportView, adapt_view, national_changes_view, pull_view, revert_view
from .models import InheritedPage, Locality, LocalityHomePage, is_national_team
from .provisioning import DeleteLocality, ProvisionLocality, localities_for_user


class LocalityCreateView(CreateView):
    """Adding a locality provisions its whole toolkit in one transaction."""

    def save_instance(self):
        data = self.form.cleaned_data
        profile = {key: data[key] for key in ("population", "geography", "partnership", "operating_model", "status")}
        action = ProvisionLocality(
            user=self.request.user,
            name=data["name"],
            slug=data["slug"],
            nation=data["nation"],
            region=data["region"],
            hostname=data["hostname"],
            profile=profile,
        )
        return action.execute()

    def form_valid(self, form):
        self.form = form
        try:
            return super().form_valid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field_name, field_errors in error.message_dict.items():
                    form.add_error(field_name if field_name in form.fields else None, field_errors)
            else:
                form.add_error(None, error.messages)
            return self.form_invalid(form)


class LocalityDeleteView(DeleteView):
    """Deleting removes the locality's tree, collection and groups through the action."""

    def delete_action(self):
        DeleteLocality(user=self.request.user, locality=self.object, confirmation=self.object.slug).execute()


class LocalityViewSet(SnippetViewSet):
    model = Locality
    icon = "site"
    menu_label = "Localities"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "slug", "nation", "region", "status"]
    list_filter = ["nation", "status"]
    search_fields = ["name", "region"]
    add_view_class = LocalityCreateView
    delete_view_class = LocalityDeleteView


register_snippet(LocalityViewSet)


@hooks.register("register_log_actions")
def register_locality_log_actions(actions):
    actions.register_action("sites.provision", "Provision locality", "Provisioned locality")
    actions.register_action("sites.archive", "Archive locality", "Archived locality")
    actions.register_action("sites.restore", "Restore locality", "Restored locality")
    actions.register_action("sites.delete", "Delete locality", "Deleted locality")


def _refuse(request, page, what):
    messages.error(
        request,
        f"“{page.title}” is inherited from the national toolkit and cannot be {what} here. "
        "Its content changes when the national team publishes the national page.",
    )
    return redirect("wagtailadmin_explore", page.get_parent().id)


def _is_protected(request, page):
    """Inherited pages and locality homes are fenced for everyone but superusers."""
    if is_national_team(request.user):
        return False
    return page.specific_class in (InheritedPage, LocalityHomePage)


@hooks.register("before_delete_page")
def refuse_delete(request, page):
    if _is_protected(request, page):
        return _refuse(request, page, "deleted")


@hooks.register("before_move_page")
def refuse_move(request, page, destination):
    if _is_protected(request, page):
        return _refuse(request, page, "moved")
    # MoveConfirmView checks permissions only when the move is posted; its GET
    # would otherwise show any page's draft title.
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)


@hooks.register("before_unpublish_page")
def refuse_unpublish(request, page):
    if _is_protected(request, page):
        return _refuse(request, page, "unpublished")


@hooks.register("before_copy_page")
def refuse_copy(request, page):
    if _is_protected(request, page):
        return _refuse(request, page, "copied")
    if page.specific_class is InheritedPage:
        # Not even for the national team: a copy would be a second page
        # claiming the same national source, outside the adapt/pull/revert
        # actions. Adapting is the way to a locality's own version.
        return _refuse(request, page, "copied")
    # CopyForm's error names a refused destination by its draft title: refuse
    # destinations the user cannot add pages under before the form runs.
    parent_id = request.POST.get("new_parent_page", "")
    if parent_id.isdigit() and not is_national_team(request.user):
        destination = Page.objects.filter(pk=parent_id).first()
        if destination is None or not destination.permissions_for_user(request.user).can_add_subpage():
            return permission_denied(request)


@hooks.register("before_edit_page")
def refuse_edit_of_inherited(request, page):
    """A plain mirror is read-only for localities; an adapted page is theirs to edit."""
    if (
        page.specific_class is InheritedPage
        and request.method == "POST"
        and not is_national_team(request.user)
        and not page.specific.is_adapted
    ):
        raise PermissionDenied


@hooks.register("construct_page_chooser_queryset")
def choosers_stay_in_the_editors_locality(pages, request):
    """Locality editors choose from their own tree and live national pages;
    other localities' pages (and their draft titles) are never listed.

    Locality homes sit at depth 3 (under a national home), so a page's
    locality is the first 3 steps of its tree path: one query at any number
    of localities.
    """
    user = request.user
    if is_national_team(user):
        return pages
    prefix_length = 3 * Page.steplen
    # The locality's English home and its translations (the Welsh tree).
    own_paths = list(
        LocalityHomePage.objects.filter(
            translation_key__in=localities_for_user(user).values("home_page__translation_key")
        ).values_list("path", flat=True)
    )
    other_homes = LocalityHomePage.objects.exclude(path__in=own_paths).values("path")
    in_own_tree = Q(_locality_path__in=own_paths)
    national_and_live = Q(live=True) & ~Q(_locality_path__in=Subquery(other_homes))
    allowed = (
        Page.objects.annotate(_locality_path=Substr("path", 1, prefix_length))
        .filter(in_own_tree | national_and_live)
        .values("pk")
    )
    # A pk subquery rather than an annotation: the chooser's search runs on this queryset.
    return pages.filter(pk__in=allowed)


# --- Adapt and drift ------------------------------------------------------


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


class NationalDriftMenuItem(MenuItem):
    def is_shown(self, request):
        return is_national_team(request.user)


@hooks.register("register_reports_menu_item")
def register_national_drift_report():
    return NationalDriftMenuItem(
        "National drift", reverse("sites_national_drift_report"), name="national-drift", icon_name="site", order=710
    )


def _adaptation_buttons(page, user, next_url=None, priority=50):
    """Adapt (a mirror) or compare, pull and go back (an adapted page), for
    the national team and the page's own locality only."""
    from .adaptation import may_change_adaptation

    if page.specific_class is not InheritedPage:
        return []
    page = page.specific_deferred if not isinstance(page, InheritedPage) else page
    if not may_change_adaptation(user, page):
        return []
    if not page.is_adapted:
        return [
            Button(
                "Adapt for this locality", reverse("sites_adapt", args=[page.pk]), icon_name="edit", priority=priority
            )
        ]
    buttons = [
        Button(
            "What changed nationally",
            reverse("sites_national_changes", args=[page.pk]),
            icon_name="history",
            priority=priority,
        ),
        Button(
            "Go back to national",
            reverse("sites_revert_to_national", args=[page.pk]),
            icon_name="undo",
            priority=priority + 2,
        ),
    ]
    from .drift import drift_for

    if drift_for(page).behind:
        buttons.insert(
            1,
            Button(
                "Take national changes",
                reverse("sites_pull_national", args=[page.pk]),
                icon_name="download",
                priority=priority + 1,
            ),
        )
    return buttons


@hooks.register("register_page_header_buttons")
def adaptation_header_buttons(page, user, view_name=None, next_url=None):
    yield from _adaptation_buttons(page, user, next_url)


@hooks.register("register_page_listing_more_buttons")
def adaptation_listing_buttons(page, user, next_url=None):
    yield from _adaptation_buttons(page, user, next_url)


class PagesBehindNationalPanel(Component):
    """Dashboard: the user's localities' adapted pages that are behind
    national, with how many national updates and since when. A fixed number
    of queries however many pages a locality has."""

    name = "pages_behind_national"
    template_name = "sites/admin/pages_behind_national_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        from .drift import pages_behind_for

        request = parent_context["request"]
        localities = list(localities_for_user(request.user).select_related("home_page"))
        return {"behind": pages_behind_for(localities), "request": request}


@hooks.register("construct_homepage_panels")
def add_pages_behind_national_panel(request, panels):
    panels.insert(0, PagesBehindNationalPanel())


@hooks.register("before_convert_alias_page")
def refuse_converting_aliases_in_localities(request, page):
    """Converting an alias to an ordinary page forgets its source: inside a
    locality's tree that would be an untracked fork of a national page. Only
    the admin view fires this hook; mirrors are not aliases, so Wagtail's
    own conversion never applies to them."""
    in_locality = LocalityHomePage.objects.filter(
        path__in=[page.path[: Page.steplen * depth] for depth in range(1, page.depth + 1)]
    ).exists()
    if in_locality:
        messages.error(
            request,
            f"“{page.title}” cannot be converted to an ordinary page: it would forget the national page it "
            "comes from. Use “Adapt for this locality” on the inherited page instead.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().id)


from . import welsh_admin  # noqa: E402, F401  Welsh trees: translation fences, report, dashboard

"""Admin wiring for Welsh trees (imported by sites.wagtail_hooks): the fenced
wagtail-localize "sync" view, the Welsh switch on a locality, the notices in
the page editor, the translation report and the dashboard panel."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from wagtail_localize.models import TranslationSource
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .dashboard import LocalityDashboardPanel
from .models import Locality, is_national_team
from .welsh import ProvisionWelshTree, may_translate, welsh_locale


class LocalityUpdateTranslationsView(UpdateTranslationsView):
    """wagtail-localize's "Sync translated pages", fenced like "Translate
    page" (``may_translate``); publishing the synced translations also needs
    publish permission on each of them. A source whose page was deleted is
    refused with a message instead of an error; its translations are kept."""

    def dispatch(self, request, *args, **kwargs):
        source = TranslationSource.objects.filter(pk=kwargs.get("translation_source_id")).first()
        try:
            instance = source.get_source_instance() if source is not None else None
        except ObjectDoesNotExist:
            instance = None
        if instance is None:
            # wagtail-localize deletes a deleted page's translation sources with it.
            messages.error(
                request,
                "The English page of these translations was deleted, so there is nothing to sync. "
                "The translated pages are kept as they are.",
            )
            return redirect("wagtailadmin_home")
        if isinstance(instance, Page) and not may_translate(request.user, instance):
            return permission_denied(request)
        if request.method == "POST" and request.POST.get("publish_translations") and not is_national_team(request.user):
            for translation in source.translations.filter(enabled=True).select_related("target_locale"):
                target = Page.objects.filter(
                    translation_key=instance.translation_key, locale=translation.target_locale
                ).first()
                if target is not None and not target.specific.permissions_for_user(request.user).can_publish():
                    raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


@hooks.register("register_admin_urls")
def register_welsh_urls():
    from .translation_drift import TranslationReportView

    return [
        # Before wagtail-localize's own (the sites app's hooks load first): its view checks a global permission only.
        path(
            "localize/update/<int:translation_source_id>/",
            LocalityUpdateTranslationsView.as_view(),
            name="sites_update_translations",
        ),
        path("reports/translations-by-locality/", TranslationReportView.as_view(), name="sites_translation_report"),
    ]


@hooks.register("register_log_actions")
def register_welsh_log_actions(actions):
    actions.register_action("sites.provision_welsh", "Provision Welsh pages", "Provisioned the Welsh pages")


@hooks.register("after_edit_snippet")
def welsh_switch_changed(request, instance):
    """Turning Welsh on makes the Welsh tree (or shows the one kept);
    turning it off hides it and keeps every translation."""
    if not isinstance(instance, Locality) or welsh_locale() is None or instance.home_page_id is None:
        return
    welsh_home = instance.home_page.get_translation_or_none(welsh_locale())
    if instance.welsh:
        ProvisionWelshTree(locality=instance, user=request.user).execute()
        messages.info(request, f"{instance.name}'s Welsh pages are published at /cy/{instance.slug}/.")
    elif welsh_home is not None:
        messages.warning(
            request,
            f"{instance.name} is now English only: its Welsh pages are hidden from the public and kept, "
            "with every translation. Turn Welsh pages on again to show them.",
        )


@hooks.register("before_edit_page")
def welsh_page_notices(request, page):
    """Tell the editor of a Welsh page when its English page moved on or went away."""
    if request.method != "GET":
        return
    from .translation_drift import translation_status

    status = translation_status(page)
    if status is None:
        return
    if status.english_withdrawn:
        messages.warning(
            request,
            "The English page of this Welsh page is unpublished or deleted. "
            "This Welsh page and its translation are kept; check whether it should stay published.",
        )
    elif status.behind:
        messages.warning(request, f"Behind English: {status.describe()}. Sync the translation to take the changes.")
    elif status.partial:
        total, done = status.progress
        messages.warning(
            request,
            f"Partly translated: {done} of {total} texts are in Welsh; the others are published in English.",
        )


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        from .provisioning import localities_for_user

        return localities_for_user(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_translation_report():
    return TranslationReportMenuItem(
        "Welsh translations",
        reverse("sites_translation_report"),
        name="welsh-translations",
        icon_name="globe",
        order=720,
    )


class WelshPagesBehindPanel(LocalityDashboardPanel):
    """Dashboard: the user's localities' Welsh pages behind English or missing."""

    name = "welsh_pages_behind"
    template_name = "sites/admin/welsh_pages_behind_panel.html"
    order = 95

    def rows(self, localities):
        from .translation_drift import translation_rows

        return [row for row in translation_rows(localities) if row.status == "behind"]


@hooks.register("construct_homepage_panels")
def add_welsh_pages_behind_panel(request, panels):
    panels.insert(0, WelshPagesBehindPanel())


@hooks.register("construct_explorer_page_queryset")
def explorer_stays_in_the_editors_trees(parent_page, pages, request):
    """With an English and a Welsh tree, a locality editor's explorable root
    is the tree's root, so Wagtail no longer redirects them away from another
    locality's page: refuse to list a page outside their explorable pages
    (its header would show its draft title)."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    user = request.user
    if parent_page.depth <= 1 or is_national_team(user):
        return pages
    if not PagePermissionPolicy().explorable_instances(user).filter(pk=parent_page.pk).exists():
        raise PermissionDenied
    return pages

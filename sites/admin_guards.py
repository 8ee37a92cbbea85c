"""Guards in front of admin views of Wagtail and wagtail-localize that
offer no extension point for what a locality needs.

- Wagtail's page chooser filters the pages it lists through the
  ``construct_page_chooser_queryset`` hook, but shows the page it browses
  from (``?parent_page_id`` in its URL) unfiltered: a locality editor could
  read another locality's draft titles by browsing from their ids.
- wagtail-localize's "Translate page" has no hook before it copies a page;
  a locality's inherited page must never be translated on its own.
- Wagtail's explorer of another locality's page: with an English and a
  Welsh tree, an editor's explorable root is the site root, so Wagtail no
  longer sends them back to their own tree itself; its
  ``construct_explorer_page_queryset`` hook can only refuse
  (``sites.welsh_admin``), not redirect.
- Wagtail's edit view refuses a page the user may not edit before any hook
  runs, and sends them to the dashboard: a locality's editor opening one of
  their inherited pages is told instead that it follows national guidance
  and offered "Adapt for this locality".

Both are found by their URL names (Wagtail's and wagtail-localize's public
names, stable across releases) in a middleware's ``process_view``, which
Django runs after URL resolution: no URL pattern of theirs is shadowed.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from .adaptation import may_change_adaptation
from .admin_fences import log_refusal
from .models import InheritedPage, is_national_team
from .welsh import may_translate


def refuse_browsing_outside_the_locality(request, parent_page_id=None, **kwargs):
    """The page chooser browses only from pages the editor's chooser would list."""
    if parent_page_id is None or is_national_team(request.user):
        return None
    from .page_fences import choosers_stay_in_the_editors_locality

    parent = Page.objects.filter(pk=parent_page_id, depth__gt=1)  # the root is always browsable
    if parent.exists() and not choosers_stay_in_the_editors_locality(parent, request).exists():
        raise Http404
    return None


def own_tree_in_the_language_of(user, page):
    """The user's first locality home, in ``page``'s language where it has one; None without a locality."""
    from .provisioning import localities_for_user

    locality = localities_for_user(user).select_related("home_page").order_by("name").first()
    if locality is None or locality.home_page is None:
        return None
    return locality.home_page.get_translation_or_none(page.locale_id) or locality.home_page


def send_explorers_to_their_own_tree(request, parent_page_id=None, **kwargs):
    """Another locality's page in the explorer: to the editor's own tree, with a message."""
    if parent_page_id is None or is_national_team(request.user):
        return None
    page = Page.objects.filter(pk=parent_page_id, depth__gt=1).first()
    if page is None or PagePermissionPolicy().explorable_instances(request.user).filter(pk=page.pk).exists():
        return None
    log_refusal(request, "explorer outside the user's tree")
    messages.error(request, _("You can only explore your own locality's pages."))
    own_home = own_tree_in_the_language_of(request.user, page)
    if own_home is None:
        return redirect("wagtailadmin_explore_root")
    return redirect("wagtailadmin_explore", own_home.pk)


def refuse_translating_inherited_pages(request, page_id=None, **kwargs):
    """A Welsh copy of a plain inherited page would follow neither the national
    page nor the locality's version (``InheritedPage.copy_for_translation``);
    adapted pages are the locality's own and are translated like its other
    pages. Fenced by ``sites.welsh.may_translate``: wagtail-localize's own
    permission is global."""
    target = Page.objects.filter(pk=page_id).first()
    if target is None:
        messages.error(request, "This page no longer exists (it may have been deleted): there is nothing to translate.")
        return redirect("wagtailadmin_home")
    page = InheritedPage.objects.filter(pk=target.pk, is_adapted=False).first()
    if page is None:
        return None if may_translate(request.user, target) else permission_denied(request)
    messages.error(
        request,
        f"“{page.title}” is a locality's inherited page and is not translated on its own: "
        "translate the national page instead.",
    )
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def explain_inherited_pages(request, page_id=None, **kwargs):
    """A plain mirror's edit view, for those who open it without editing it
    (``InheritedPagePermissionTester.opens_in_admin``): what it is and how to
    make it the locality's own. Everyone else, and every POST, gets Wagtail's own answer."""
    if request.method not in ("GET", "HEAD"):
        return None
    page = InheritedPage.objects.filter(pk=page_id, is_adapted=False, alias_of__isnull=True).first()
    if page is None:
        return None
    permissions = page.permissions_for_user(request.user)
    if permissions.can_edit() or not permissions.opens_in_admin():
        return None
    context = {"page": page, "national": page.live_source(), "may_adapt": may_change_adaptation(request.user, page)}
    return TemplateResponse(request, "sites/admin/inherited_page.html", context)


GUARDS = {
    "wagtailadmin_pages:edit": explain_inherited_pages,
    "wagtailadmin_choose_page_child": refuse_browsing_outside_the_locality,
    "wagtailadmin_explore": send_explorers_to_their_own_tree,
    "wagtail_localize:submit_page_translation": refuse_translating_inherited_pages,
}


class LocalityAdminGuardMiddleware:
    """Runs the guard registered for the resolved admin view, if any."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        guard = GUARDS.get(match.view_name) if match is not None else None
        if guard is None or not request.user.is_authenticated:
            return None
        return guard(request, **view_kwargs)

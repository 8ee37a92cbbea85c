"""Fences around the pages that hold a locality's toolkit together: inherited
pages and locality homes are not deleted, moved, unpublished or copied by
locality editors, plain mirrors are not edited, aliases inside a locality are
not converted, and choosers stay inside the editor's locality. (The page
permission testers in ``sites.models.permissions`` refuse the same; these hooks
are the backstop in Wagtail's own views.)"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Subquery
from django.db.models.functions import Substr
from django.shortcuts import redirect

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.models import Page

from .models import InheritedPage, LocalityHomePage, is_national_team
from .provisioning import localities_for_user


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

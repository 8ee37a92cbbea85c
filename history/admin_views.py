"""Admin views: a page's published versions with withdraw and restore."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.models import Page, Revision

from .file_withdrawal import file_versions_of
from .versions import positive_int, publish_entries
from .withdrawal import (
    RestoreVersion,
    WithdrawalError,
    WithdrawVersion,
    can_restore,
    can_withdraw,
)


def _page_for_editor(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit() and not can_withdraw(request.user, page):
        raise PermissionDenied
    return page


def page_versions(request, page_id):
    """Every published version (minor ones too), with withdraw or restore buttons."""
    page = _page_for_editor(request, page_id)
    entries = (
        publish_entries()
        .filter(page_id=page.pk)
        .select_related("revision__change_note", "revision__withdrawal__withdrawn_by", "user")
        .defer("revision__content")
        .order_by("-timestamp", "-pk")
    )
    paginator = Paginator(entries, 50)
    results = paginator.get_page(positive_int(request.GET.get("p"), default=1))
    rows = []
    for entry in results:
        revision = entry.revision
        rows.append(
            {
                "entry": entry,
                "note": getattr(revision, "change_note", None) if _has(revision, "change_note") else None,
                "withdrawal": revision.withdrawal if _has(revision, "withdrawal") else None,
                "is_live": revision.pk == page.live_revision_id,
            }
        )
    return TemplateResponse(
        request,
        "history/admin/page_versions.html",
        {
            "page": page,
            "rows": rows,
            "page_obj": results,
            "can_withdraw": can_withdraw(request.user, page),
            "can_restore": can_restore(request.user, page),
            "file_versions": list(file_versions_of(page).defer("note")),
        },
    )


def _has(obj, relation):
    try:
        getattr(obj, relation)
    except Exception:  # RelatedObjectDoesNotExist
        return False
    return True


def _revision_of(page, revision_id):
    return get_object_or_404(Revision.page_revisions, pk=revision_id, object_id=str(page.pk))


# What each withdraw or restore screen says once it has acted.
DONE = {
    "withdraw_version": "The version was withdrawn from the public history.",
    "restore_version": "The version is back in the public history.",
    "withdraw_file_version": "The file was withdrawn from the public history.",
    "restore_file_version": "The file is back in the public history.",
}


def page_where(request, page_id, user_may):
    """The page, if this user may see its versions and ``user_may(user, page)``."""
    page = _page_for_editor(request, page_id)
    if not user_may(request.user, page):
        raise PermissionDenied
    return page


def withdraw_screen(request, page, withdrawal, screen, **context):
    """The withdraw screen for a version or a file: asks for a reason (kept in
    the audit log), runs ``withdrawal(reason=...)`` on POST and goes back to the
    page's versions; a refusal is shown on the form with status 400."""
    reason = request.POST.get("reason", "")
    error = None
    if request.method == "POST":
        try:
            withdrawal(reason=reason).execute()
        except WithdrawalError as exc:
            error = str(exc)
        else:
            messages.success(request, DONE[screen])
            return redirect(reverse("history_admin:page_versions", args=[page.pk]))
    context = {**context, "page": page, "error": error, "reason": reason}
    return TemplateResponse(request, f"history/admin/{screen}.html", context, status=400 if error else 200)


def restore_screen(request, page, restoration, screen, **context):
    """The restore screen for a version or a file: asks to confirm, runs
    ``restoration().execute()`` on POST and goes back to the page's versions."""
    if request.method == "POST":
        try:
            restoration().execute()
        except WithdrawalError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, DONE[screen])
        return redirect(reverse("history_admin:page_versions", args=[page.pk]))
    return TemplateResponse(request, f"history/admin/{screen}.html", {**context, "page": page})


def withdraw_version(request, page_id, revision_id):
    page = page_where(request, page_id, can_withdraw)
    revision = _revision_of(page, revision_id)
    withdrawal = partial(WithdrawVersion, revision, user=request.user)
    return withdraw_screen(request, page, withdrawal, "withdraw_version", revision=revision)


def restore_version(request, page_id, revision_id):
    page = page_where(request, page_id, can_restore)
    revision = _revision_of(page, revision_id)
    restoration = partial(RestoreVersion, revision, user=request.user)
    return restore_screen(request, page, restoration, "restore_version", revision=revision)

"""Admin views: withdraw or restore an earlier file, from the page's
"Public history" screen (``history.admin_views.page_versions``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .admin_views import _page_for_editor
from .file_withdrawal import RestoreFileVersion, WithdrawFileVersion, file_versions_of
from .withdrawal import WithdrawalError, can_restore, can_withdraw


def withdraw_file_version(request, page_id, version_id):
    page = _page_for_editor(request, page_id)
    if not can_withdraw(request.user, page):
        raise PermissionDenied
    version = get_object_or_404(file_versions_of(page), pk=version_id)
    error = None
    if request.method == "POST":
        try:
            WithdrawFileVersion(page, version.pk, user=request.user, reason=request.POST.get("reason", "")).execute()
        except WithdrawalError as exc:
            error = str(exc)
        else:
            messages.success(request, "The file was withdrawn from the public history.")
            return redirect(reverse("history_admin:page_versions", args=[page.pk]))
    return TemplateResponse(
        request,
        "history/admin/withdraw_file_version.html",
        {"page": page, "version": version, "error": error, "reason": request.POST.get("reason", "")},
        status=400 if error else 200,
    )


def restore_file_version(request, page_id, version_id):
    page = _page_for_editor(request, page_id)
    if not can_restore(request.user, page):
        raise PermissionDenied
    version = get_object_or_404(file_versions_of(page), pk=version_id)
    if request.method == "POST":
        try:
            RestoreFileVersion(page, version.pk, user=request.user).execute()
        except WithdrawalError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "The file is back in the public history.")
        return redirect(reverse("history_admin:page_versions", args=[page.pk]))
    return TemplateResponse(request, "history/admin/restore_file_version.html", {"page": page, "version": version})

"""Admin views: withdraw or restore an earlier file, from the page's
"Public history" screen (``history.admin_views.page_versions``)."""

from functools import partial

from django.shortcuts import get_object_or_404

from .admin_views import page_where, restore_screen, withdraw_screen
from .file_withdrawal import RestoreFileVersion, WithdrawFileVersion, file_versions_of
from .withdrawal import can_restore, can_withdraw


def withdraw_file_version(request, page_id, version_id):
    page = page_where(request, page_id, can_withdraw)
    version = get_object_or_404(file_versions_of(page), pk=version_id)
    withdrawal = partial(WithdrawFileVersion, page, version.pk, user=request.user)
    return withdraw_screen(request, page, withdrawal, "withdraw_file_version", version=version)


def restore_file_version(request, page_id, version_id):
    page = page_where(request, page_id, can_restore)
    version = get_object_or_404(file_versions_of(page), pk=version_id)
    restoration = partial(RestoreFileVersion, page, version.pk, user=request.user)
    return restore_screen(request, page, restoration, "restore_file_version", version=version)

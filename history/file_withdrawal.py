"""Withdrawing an earlier file of a resource's document from public history,
and undoing it: the same rules as withdrawing a version of a page
(``history.withdrawal``), acted on from the page that shows the file.

Who: anyone who may publish the page (the national team, that locality's
publishers) may withdraw; only the national team may restore. The file is
kept (a withdrawal is reversible), but its download URL 404s and the
history says when it was withdrawn.
"""

from django.db import transaction
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import Page

from .models import DocumentFileVersion
from .withdrawal import WithdrawalError, WithdrawalPermissionError, can_restore, can_withdraw

WITHDRAW_FILE_ACTION = "history.withdraw_file"
RESTORE_FILE_ACTION = "history.restore_file"


def file_versions_of(page):
    """The earlier files of the page's document (newest first), or none."""
    document_id = getattr(page, "document_id", None)
    if not document_id:
        return DocumentFileVersion.objects.none()
    return DocumentFileVersion.objects.filter(document_id=document_id)


def _locked(page, version_id):
    page = Page.objects.select_for_update().get(pk=page.pk).specific
    version = file_versions_of(page).select_for_update().filter(pk=version_id).first()
    if version is None:
        raise WithdrawalError("This file is not an earlier file of this page's document.")
    return page, version


class WithdrawFileVersion:
    def __init__(self, page, version_id, *, user, reason):
        self.page = page
        self.version_id = version_id
        self.user = user
        self.reason = (reason or "").strip()

    @transaction.atomic
    def execute(self) -> DocumentFileVersion:
        if not can_withdraw(self.user, self.page):
            raise WithdrawalPermissionError("You may not withdraw files of this page.")
        page, version = _locked(self.page, self.version_id)
        if not self.reason:
            raise WithdrawalError("Give the reason for withdrawing this file.")
        if version.withdrawn_at is not None:
            raise WithdrawalError("This file is already withdrawn.")
        version.withdrawn_at = timezone.now()
        version.withdrawal_reason = self.reason
        version.save(update_fields=["withdrawn_at", "withdrawal_reason"])
        log(
            instance=page,
            action=WITHDRAW_FILE_ACTION,
            user=self.user,
            data={"file_version_id": version.pk, "filename": version.filename, "reason": self.reason},
        )
        return version


class RestoreFileVersion:
    def __init__(self, page, version_id, *, user):
        self.page = page
        self.version_id = version_id
        self.user = user

    @transaction.atomic
    def execute(self) -> DocumentFileVersion:
        if not can_restore(self.user, self.page):
            raise WithdrawalPermissionError("Only the national team can restore a withdrawn file.")
        page, version = _locked(self.page, self.version_id)
        if version.withdrawn_at is None:
            raise WithdrawalError("This file is not withdrawn.")
        version.withdrawn_at = None
        version.withdrawal_reason = ""
        version.save(update_fields=["withdrawn_at", "withdrawal_reason"])
        log(
            instance=page,
            action=RESTORE_FILE_ACTION,
            user=self.user,
            data={"file_version_id": version.pk, "filename": version.filename},
        )
        return version

"""Withdrawing a published version from public history, and undoing it.

Who: anyone who may publish the page (the national team, or that
locality's publishers: Wagtail's page permissions already fence localities)
may withdraw; only those who may publish the national toolkit's home (the
national team) may restore a withdrawn version.

The live version cannot be withdrawn: its content is on the public page
itself. Publish a corrected version first, then withdraw the old one.
Later versions that still contain the same text must be withdrawn too; the
admin list shows every version so the editor can check.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import Page

from toolkits.scope import toolkit_root_models

from .models import Withdrawal
from .versions import publish_entries

WITHDRAW_ACTION = "history.withdraw_version"
RESTORE_ACTION = "history.restore_version"


class WithdrawalError(Exception):
    """The version cannot be withdrawn or restored (shown to the editor)."""


class WithdrawalPermissionError(PermissionDenied):
    pass


def national_root(page):
    """The topmost toolkit home above (or at) the page: the national home."""
    return Page.objects.ancestor_of(page, inclusive=True).type(*toolkit_root_models()).order_by("depth").first()


def can_withdraw(user, page) -> bool:
    return bool(user and user.is_authenticated and page.permissions_for_user(user).can_publish())


def can_restore(user, page) -> bool:
    if not (user and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    root = national_root(page)
    return root is not None and root.specific.permissions_for_user(user).can_publish()


class WithdrawVersion:
    def __init__(self, revision, *, user, reason):
        self.revision = revision
        self.user = user
        self.reason = (reason or "").strip()

    def check(self, page):
        if not can_withdraw(self.user, page):
            raise WithdrawalPermissionError("You may not withdraw versions of this page.")
        if not self.reason:
            raise WithdrawalError("Give the reason for withdrawing this version.")
        if not publish_entries().filter(page_id=page.pk, revision_id=self.revision.pk).exists():
            raise WithdrawalError("Only published versions can be withdrawn.")
        if page.live_revision_id == self.revision.pk:
            raise WithdrawalError(
                "This is the live version: publish a corrected version first, then withdraw this one."
            )
        if Withdrawal.objects.filter(revision=self.revision).exists():
            raise WithdrawalError("This version is already withdrawn.")

    @transaction.atomic
    def execute(self):
        page = Page.objects.select_for_update().get(pk=self.revision.object_id).specific
        self.check(page)
        withdrawal = Withdrawal.objects.create(revision=self.revision, reason=self.reason, withdrawn_by=self.user)
        log(
            instance=page,
            action=WITHDRAW_ACTION,
            user=self.user,
            data={"revision_id": self.revision.pk, "reason": self.reason},
        )
        return withdrawal


class RestoreVersion:
    def __init__(self, revision, *, user):
        self.revision = revision
        self.user = user

    @transaction.atomic
    def execute(self):
        page = Page.objects.select_for_update().get(pk=self.revision.object_id).specific
        if not can_restore(self.user, page):
            raise WithdrawalPermissionError("Only the national team can restore a withdrawn version.")
        deleted, _ = Withdrawal.objects.filter(revision=self.revision).delete()
        if not deleted:
            raise WithdrawalError("This version is not withdrawn.")
        log(instance=page, action=RESTORE_ACTION, user=self.user, data={"revision_id": self.revision.pk})

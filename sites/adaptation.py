"""Adapt, pull national changes, go back to national: action objects that the
admin views, tests and demo data all call (after
``wagtail.actions.create_alias.CreatePageAliasAction``).

Each checks that the acting user is in the national team or in THAT
locality's editors or publishers, runs in one transaction, saves a revision
(so every state is in the page's history and nothing of the locality's is
ever deleted) and writes an entry in Wagtail's audit log
("sites.adapt", "sites.pull_national", "sites.revert_to_national", registered
in wagtail_hooks.py).

Adapting *publishes* its first revision even for editors without publish
permission: it only copies the national page's live content, so the public
page does not change; every later local change goes through the locality's
approval workflow. Pulling never publishes: it saves a draft.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.dateformat import format as date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.blocks import StreamValue
from wagtail.log_actions import log
from wagtail.search import index

from .merge import LOCAL, NATIONAL, merge
from .models import InheritedPage, Locality, is_national_team

MERGED_FIELDS = ("title", "summary")


class AdaptationError(ValidationError):
    """The operation cannot be done in the page's current state; the message says why."""


class AdaptationPermissionError(PermissionDenied):
    """The acting user may not change this locality's pages."""


class UnresolvedConflicts(AdaptationError):
    """Both the nation and the locality changed the same blocks: choose, per block."""

    def __init__(self, result):
        self.result = result
        super().__init__(
            f"{len(result.unresolved)} block(s) changed both nationally and locally: "
            "choose the national or the local version of each."
        )


def locality_of(page) -> Locality | None:
    return Locality.objects.filter(home_page_id=page.get_parent().pk).select_related("home_page").first()


def may_change_adaptation(user, page) -> bool:
    """The national team, and the editors and publishers of the page's own locality."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if is_national_team(user):
        return True
    locality = locality_of(page)
    if locality is None:
        return False
    group_ids = {group_id for group_id in (locality.editors_group_id, locality.publishers_group_id) if group_id}
    return user.groups.filter(pk__in=group_ids).exists()


TRANSLATION_FOLLOWS_ENGLISH = _(
    "This Welsh page follows its English page: adapt, take national changes or go back to national "
    "on the English page, then sync the translation."
)


def welsh_pages_follow(page):
    """The page's Welsh pages take its new adaptation state (InheritedPage.follow_english_state)."""
    state = {name: getattr(page, name) for name in InheritedPage.STATE_FIELDS}
    InheritedPage.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk).update(**state)


def _acting_user(user):
    return user if getattr(user, "pk", None) else None


def _stream(page, raw_blocks):
    """A StreamValue for the page's body from raw block data, keeping block ids."""
    return StreamValue(InheritedPage._meta.get_field("body").stream_block, list(raw_blocks), is_lazy=True)


def _version(page_like) -> dict:
    return {
        "fields": {name: getattr(page_like, name, "") for name in MERGED_FIELDS},
        "blocks": list(page_like.body.get_prep_value()) if page_like.body is not None else [],
    }


def national_date(national) -> str:
    when = national.last_published_at or national.latest_revision_created_at
    return date_format(when, "j F Y") if when else "an unknown date"


@dataclass
class _PageAction:
    user: object
    page: InheritedPage
    skip_permission_checks: bool = False  # trusted callers only: demo data

    def check_permission(self):
        if self.page.is_translation:
            raise AdaptationError(TRANSLATION_FOLLOWS_ENGLISH)
        if self.skip_permission_checks:
            return
        if not may_change_adaptation(self.user, self.page):
            raise AdaptationPermissionError(
                f"Only the national team and {self._locality_name()}'s editors can adapt, "
                f"update or revert “{self.page.title}”."
            )

    def _locality_name(self) -> str:
        locality = locality_of(self.page)
        return locality.name if locality else "this locality"

    def _refresh(self):
        self.page = InheritedPage.objects.select_for_update().get(pk=self.page.pk)
        lock = self.page.get_lock()
        if lock is not None and self.user is not None and lock.for_user(self.user):
            # The same locks as Wagtail's edit view: another user's lock, moderation, scheduled publishing.
            reason = strip_tags(lock.get_message(self.user))
            raise AdaptationError(f"“{self.page.title}” cannot be changed now. {reason}")


@dataclass
class AdaptNationalPage(_PageAction):
    """Turn a locality's plain mirror into its own adapted page, starting from
    the national page's live revision (content and block ids copied)."""

    def check(self):
        if self.page.is_adapted:
            raise AdaptationError(f"“{self.page.title}” is already adapted.")
        national = self.page.source
        if national is None or not national.live:
            raise AdaptationError("The national page is not published, so there is nothing to adapt from.")
        national = national.specific
        if national.live_revision is None:
            raise AdaptationError("The national page has no published revision to adapt from.")
        return national

    def execute(self) -> InheritedPage:
        self.check_permission()
        user = _acting_user(self.user)
        with transaction.atomic():
            self._refresh()
            national = self.check()
            national_version = national.live_revision.as_object()
            page = self.page
            page.title = national_version.title
            page.summary = national_version.summary
            page.body = _stream(page, national_version.body.get_prep_value())
            page.is_adapted = True
            page.adapted_from = national
            page.adapted_from_revision = national.live_revision
            page.source = None
            page.save(clean=False)
            revision = page.save_revision(user=user, clean=False, log_action=False)
            revision.publish(user=user, log_action=False, skip_permission_checks=True)
            welsh_pages_follow(page)
            log(
                instance=page,
                action="sites.adapt",
                user=user,
                revision=revision,
                data={"national_page": national.pk, "national_revision": national.live_revision.pk},
            )
        self.page = InheritedPage.objects.get(pk=page.pk)
        return self.page


@dataclass
class PullNationalChanges(_PageAction):
    """Take the national changes published since the page was adapted (or
    last pulled), three-way: see sites/merge.py. Saved as a draft revision
    with the change note "Took national changes of <date>"; the page's
    ``adapted_from_revision`` moves to the national revision pulled."""

    choices: dict = field(default_factory=dict)

    def versions(self):
        page = self.page
        if not page.is_adapted:
            raise AdaptationError(f"“{page.title}” is not adapted: it already shows the national page.")
        national = page.adapted_from
        if national is None or not national.live:
            raise AdaptationError("The national page was withdrawn: there are no national changes to take.")
        national = national.specific
        now_revision = national.live_revision
        if now_revision is None or now_revision.pk == page.adapted_from_revision_id:
            raise AdaptationError(f"“{page.title}” already has every national change.")
        if page.adapted_from_revision is None:
            raise AdaptationError("The national version this page was adapted from no longer exists.")
        base = page.adapted_from_revision.as_object()
        now = now_revision.as_object()
        local = page.get_latest_revision_as_object()
        return national, now_revision, base, now, local

    def preview(self):
        """The merge as it would be, with conflicts, without saving anything."""
        self.page = InheritedPage.objects.get(pk=self.page.pk)
        _national, _revision, base, now, local = self.versions()
        return merge(_version(base), _version(now), _version(local), self.choices)

    def execute(self):
        self.check_permission()
        invalid = {key: value for key, value in self.choices.items() if value not in (NATIONAL, LOCAL)}
        if invalid:
            raise AdaptationError("Choose “national” or “local” for each block.")
        user = _acting_user(self.user)
        with transaction.atomic():
            self._refresh()
            national, now_revision, base, now, local = self.versions()
            result = merge(_version(base), _version(now), _version(local), self.choices)
            if result.unresolved:
                raise UnresolvedConflicts(result)
            for name, value in result.fields.items():
                setattr(local, name, value if value is not None else "")
            local.body = _stream(local, result.blocks)
            local.adapted_from_revision = now_revision
            revision = local.save_revision(user=user, clean=False, log_action=False)
            InheritedPage.objects.filter(pk=self.page.pk).update(adapted_from_revision=now_revision)
            self.page.adapted_from_revision = now_revision
            welsh_pages_follow(self.page)
            note = f"Took national changes of {national_date(national)}"
            from history.notes import record_change_note

            record_change_note(revision, note, user=user)
            log(
                instance=self.page,
                action="sites.pull_national",
                user=user,
                revision=revision,
                data={
                    "note": note,
                    "national_page": national.pk,
                    "national_revision": now_revision.pk,
                    "taken": len(result.taken),
                    "kept": len(result.kept),
                    "conflicts": {conflict.key: self.choices.get(conflict.key) for conflict in result.conflicts},
                },
            )
        self.page = InheritedPage.objects.get(pk=self.page.pk)
        return revision, result


@dataclass
class RevertToNational(_PageAction):
    """Make an adapted page a plain mirror of its national page again. The
    adapted versions stay in the page's revision history; a new revision
    records the change."""

    def check_permission(self):
        """Going back changes the live page and cancels its workflow: that is
        publishing, so it needs the publish permission on the page."""
        super().check_permission()
        if self.skip_permission_checks or is_national_team(self.user):
            return
        if not self.page.permissions_for_user(self.user).can_publish():
            raise AdaptationPermissionError(
                f"Going back to national publishes “{self.page.title}” at once: "
                f"ask one of {self._locality_name()}'s publishers to do it."
            )

    def execute(self) -> InheritedPage:
        self.check_permission()
        user = _acting_user(self.user)
        with transaction.atomic():
            self._refresh()
            page = self.page
            if not page.is_adapted:
                raise AdaptationError(f"“{page.title}” already shows the national page.")
            national = page.adapted_from
            if national is None:
                raise AdaptationError(
                    "The national page was deleted, so there is nothing to go back to: the adapted page stays."
                )
            workflow_state = page.current_workflow_state
            if workflow_state is not None:
                workflow_state.cancel(user=user)
            adapted_revision = page.latest_revision
            page.title = national.title
            page.draft_title = national.title
            page.summary = ""
            page.body = _stream(page, [])
            page.is_adapted = False
            page.source = national
            page.adapted_from = None
            page.adapted_from_revision = None
            page.live = national.live
            page.save(clean=False)
            revision = page.save_revision(user=user, clean=False, log_action=False, changed=False)
            InheritedPage.objects.filter(pk=page.pk).update(
                live_revision=revision, has_unpublished_changes=False, draft_title=national.title
            )
            index.remove_object(page)
            welsh_pages_follow(page)
            log(
                instance=page,
                action="sites.revert_to_national",
                user=user,
                revision=revision,
                data={"national_page": national.pk, "adapted_revision": getattr(adapted_revision, "pk", None)},
            )
        self.page = InheritedPage.objects.get(pk=page.pk)
        return self.page

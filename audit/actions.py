"""What visitors, the retention command and the tests all do with audits.

Each action runs in one transaction and raises a typed error the views turn
into a clear message; none of them records anything about the person.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from wagtail.log_actions import log

from .models import NOTES_MAX_LENGTH, AuditAnswer, AuditPage, AuditResponse, Rating

TOKEN_BYTES = 32  # 256 bits from the OS's CSPRNG: cannot be guessed or enumerated
AREA_MAX_LENGTH = AuditResponse._meta.get_field("area").max_length


class AuditError(Exception):
    """Base class: the message is safe to show to the visitor."""


class AuditNotAvailable(AuditError):
    pass


class InvalidAnswers(AuditError):
    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("Some answers could not be saved.")


def hash_token(token: str) -> str:
    """Only this hash is stored, so a copy of the database does not open anyone's audit."""
    return hashlib.sha256(token.encode()).hexdigest()


def find_response(page: AuditPage, token: str) -> AuditResponse | None:
    """The response this token opens on this audit page, or None."""
    if not token or len(token) > 100:
        return None
    return (
        AuditResponse.objects.filter(audit_page=page, token_hash=hash_token(token))
        .select_related("revision", "audit_page")
        .first()
    )


# PostgreSQL text cannot hold NUL: refused with a message rather than a 500.
NULL_CHARACTER_MESSAGE = "Remove the invisible null character from this text and try again."


def has_null_character(text: str) -> bool:
    return "\x00" in text


@dataclass
class StartedAudit:
    response: AuditResponse
    token: str


class StartAudit:
    """Start an audit on the audit's live version; returns the response and its private token."""

    def __init__(self, page: AuditPage, area: str = ""):
        self.page = page
        self.area = area.strip()

    def execute(self) -> StartedAudit:
        if len(self.area) > AREA_MAX_LENGTH:
            raise InvalidAnswers({"area": f"Keep the area's name to {AREA_MAX_LENGTH} characters."})
        if has_null_character(self.area):
            raise InvalidAnswers({"area": NULL_CHARACTER_MESSAGE})
        revision = self.page.live_revision
        if revision is None or not self.page.live:
            raise AuditNotAvailable("This audit is not published.")
        token = secrets.token_urlsafe(TOKEN_BYTES)
        response = AuditResponse.objects.create(
            audit_page=self.page, revision=revision, token_hash=hash_token(token), area=self.area
        )
        return StartedAudit(response=response, token=token)


class RecordAnswers:
    """Save ratings and notes for some items of the response's version.

    ``answers`` maps item ids to ``(rating, notes)``; a rating of "" clears it.
    Everything is checked before anything is saved: one bad value saves nothing.
    """

    def __init__(self, response: AuditResponse, answers: dict[str, tuple[str, str]]):
        self.response = response
        self.answers = answers

    def validate(self) -> dict[str, str]:
        errors = {}
        allowed = {"", *Rating.values}
        for item_id, (rating, notes) in self.answers.items():
            if item_id not in self.response.items:
                errors[item_id] = "This item is not part of your audit's version."
            elif rating not in allowed:
                errors[item_id] = "Choose red, amber or green."
            elif len(notes) > NOTES_MAX_LENGTH:
                errors[item_id] = f"Keep notes to {NOTES_MAX_LENGTH:,} characters (these have {len(notes):,})."
            elif has_null_character(notes):
                errors[item_id] = NULL_CHARACTER_MESSAGE
        return errors

    def execute(self) -> int:
        errors = self.validate()
        if errors:
            raise InvalidAnswers(errors)
        saved = 0
        with transaction.atomic():
            # Lock the response so two saves of the same item (a click and the
            # script's save racing) run one after the other, not into the unique constraint.
            AuditResponse.objects.select_for_update().filter(pk=self.response.pk).first()
            existing = {answer.item_id: answer for answer in self.response.answers.all()}
            for item_id, (rating, notes) in self.answers.items():
                item = self.response.items[item_id]
                answer = existing.get(item_id)
                if answer is None:
                    if not rating and not notes.strip():
                        continue
                    answer = AuditAnswer(response=self.response, item_id=item_id)
                elif answer.rating == rating and answer.notes == notes and answer.item_text == item.text:
                    continue
                answer.item_text = item.text
                answer.rating = rating
                answer.notes = notes
                answer.save()
                saved += 1
            touch(self.response, force=True)
        return saved


def touch(response: AuditResponse, force: bool = False) -> None:
    """Record that the audit was used (what retention counts from); reading it counts once a day."""
    now = timezone.now()
    if force or now - response.last_used_at > datetime.timedelta(days=1):
        response.last_used_at = now
        AuditResponse.objects.filter(pk=response.pk).update(last_used_at=now)


@dataclass
class VersionChange:
    kept: list  # answers carried over unchanged
    dropped: list  # answers to items that changed or were removed
    new_items: list  # items of the new version without an answer yet


class MoveToLatestVersion:
    """Move a response to its audit's live version, keeping answers to items
    whose id and text are unchanged; answers to changed or removed items go."""

    def __init__(self, response: AuditResponse):
        self.response = response

    def plan(self) -> VersionChange:
        page = self.response.audit_page
        latest = page.live_revision.as_object()
        latest_items = {item.id: item for section in latest.audit_sections for item in section.items}
        kept, dropped = [], []
        for answer in self.response.answers.all():
            item = latest_items.get(answer.item_id)
            (kept if item is not None and item.text == answer.item_text else dropped).append(answer)
        answered = {answer.item_id for answer in kept}
        new_items = [item for item in latest_items.values() if item.id not in answered]
        return VersionChange(kept=kept, dropped=dropped, new_items=new_items)

    def execute(self) -> VersionChange:
        page = self.response.audit_page
        if not page.live or page.live_revision_id is None:
            raise AuditNotAvailable("This audit is not published.")
        if page.live_revision_id == self.response.revision_id:
            raise AuditError("Your audit already uses the latest version.")
        with transaction.atomic():
            change = self.plan()
            AuditAnswer.objects.filter(pk__in=[answer.pk for answer in change.dropped]).delete()
            self.response.revision_id = page.live_revision_id
            self.response.save(update_fields=["revision"])
            touch(self.response, force=True)
        for cached in ("version_page", "sections", "items", "version_number"):
            self.response.__dict__.pop(cached, None)
        return change


class DeleteStaleAudits:
    """Delete audits not used for ``days`` days (default AUDIT_RETENTION_DAYS)."""

    def __init__(self, days: int | None = None, dry_run: bool = False):
        self.days = settings.AUDIT_RETENTION_DAYS if days is None else days
        self.dry_run = dry_run

    def stale(self):
        cutoff = timezone.now() - datetime.timedelta(days=self.days)
        return AuditResponse.objects.filter(last_used_at__lt=cutoff)

    def execute(self) -> int:
        """Deletes (unless a dry run) and returns how many; each audit page's
        history in the admin records how many of its audits went, and nothing else."""
        with transaction.atomic():
            stale = self.stale()
            per_page = dict(stale.values("audit_page").annotate(count=Count("pk")).values_list("audit_page", "count"))
            count = sum(per_page.values())
            if not self.dry_run and count:
                stale.delete()
                for page in AuditPage.objects.filter(pk__in=per_page):
                    log(page, "audit.delete_stale", data={"count": per_page[page.pk], "days": self.days})
        return count

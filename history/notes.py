"""Recording public change notes on revisions.

Usage::

    from history.notes import record_change_note

    revision = page.save_revision(user=user)
    record_change_note(revision, "Took national changes of 3 March 2026", user=user)
    record_change_note(revision, "", minor=True)  # no public history entry

The note is public once the revision is published. Calling again for the same
revision replaces its note.
"""

from django.db import transaction

from .models import ChangeNote

FIRST_PUBLISHED = "First published"
UPDATED = "Updated"


@transaction.atomic
def record_change_note(revision, note, *, minor=False, user=None) -> ChangeNote:
    note = (note or "").strip()
    change_note, _created = ChangeNote.objects.update_or_create(
        revision=revision, defaults={"note": note, "minor": bool(minor), "user": user}
    )
    return change_note


def public_note(change_note, *, is_first: bool) -> str:
    """The note shown to the public for a published, non-withdrawn version."""
    if change_note is not None and change_note.note:
        return change_note.note
    return FIRST_PUBLISHED if is_first else UPDATED


@transaction.atomic
def publish_with_note(page, note, *, minor=False, user=None):
    """Save the page's current state as a revision with its change note and
    publish it: what the admin's Publish button does, for code (demo data,
    benchmarks, imports)."""
    revision = page.save_revision(user=user, log_action=True)
    record_change_note(revision, note, minor=minor, user=user)
    revision.publish(user=user)
    return revision

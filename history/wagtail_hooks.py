"""Admin wiring: change notes stored on saved revisions, the withdrawal
views and their audit log actions, and earlier document files kept."""

from wagtail import hooks

from .notes import record_change_note


def _record_posted_note(request, page):
    """Store the note and minor tick posted with the edit or create form on
    the revision Wagtail has just saved (the page's latest revision).

    A blank note never erases one already on the revision: a moderator who
    approves without writing one keeps the submitter's note."""
    if request.method != "POST" or "change_note" not in request.POST:
        return
    revision = page.latest_revision
    if revision is None:
        return
    note = request.POST.get("change_note", "").strip()
    minor = bool(request.POST.get("minor_change"))
    if note or minor:
        record_change_note(revision, note, minor=minor, user=request.user)


@hooks.register("after_edit_page")
def record_change_note_after_edit(request, page):
    _record_posted_note(request, page)


@hooks.register("after_create_page")
def record_change_note_after_create(request, page):
    _record_posted_note(request, page)

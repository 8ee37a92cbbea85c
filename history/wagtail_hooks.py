"""Admin wiring: change notes stored on saved revisions, the public
versions view with withdraw and restore, and their audit log actions."""

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views, file_admin_views
from .file_withdrawal import RESTORE_FILE_ACTION, WITHDRAW_FILE_ACTION
from .notes import record_change_note
from .withdrawal import RESTORE_ACTION, WITHDRAW_ACTION


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


@hooks.register("before_publish_page")
def record_change_note_before_publish(request, page):
    """Also before publishing, so that whoever listens to ``page_published``
    (alerts) reads the note and the minor tick of the version being published."""
    _record_posted_note(request, page)


@hooks.register("register_log_actions")
def register_history_log_actions(actions):
    actions.register_action(WITHDRAW_ACTION, "Withdraw version from public history", "Withdrew a version")
    actions.register_action(RESTORE_ACTION, "Restore withdrawn version", "Restored a withdrawn version")
    actions.register_action(WITHDRAW_FILE_ACTION, "Withdraw earlier file from public history", "Withdrew a file")
    actions.register_action(RESTORE_FILE_ACTION, "Restore withdrawn file", "Restored a withdrawn file")


history_admin_urls = [
    path("pages/<int:page_id>/", admin_views.page_versions, name="page_versions"),
    path("pages/<int:page_id>/withdraw/<int:revision_id>/", admin_views.withdraw_version, name="withdraw_version"),
    path("pages/<int:page_id>/restore/<int:revision_id>/", admin_views.restore_version, name="restore_version"),
    path(
        "pages/<int:page_id>/files/<int:version_id>/withdraw/",
        file_admin_views.withdraw_file_version,
        name="withdraw_file_version",
    ),
    path(
        "pages/<int:page_id>/files/<int:version_id>/restore/",
        file_admin_views.restore_file_version,
        name="restore_file_version",
    ),
]


@hooks.register("register_admin_urls")
def register_history_admin_urls():
    return [path("public-history/", include((history_admin_urls, "history_admin"), namespace="history_admin"))]


@hooks.register("register_page_header_buttons")
def public_history_header_button(page, user, view_name, next_url=None):
    permissions = page.permissions_for_user(user)
    if page.live and (permissions.can_edit() or permissions.can_publish()):
        yield Button(
            "Public history",
            reverse("history_admin:page_versions", args=[page.pk]),
            icon_name="history",
            priority=66,
        )

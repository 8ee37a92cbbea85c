"""What Wagtail does not keep about published versions: their public change
notes, their withdrawal, and the earlier files of replaced documents.

Which versions were published comes from Wagtail itself: the audit log's
"wagtail.publish" entries (``PageLogEntry`` with a revision), written by every
publish path (edit view, workflow approval, scheduled publishing, bulk
actions, ``revision.publish()``). Drafts never have one.
"""

from django.conf import settings
from django.db import models


class ChangeNote(models.Model):
    """The public change note of a revision, written when it is published or
    submitted for moderation. A published revision without one (bulk
    publish, code) shows as "Updated"; the first published version without
    one shows as "First published"."""

    revision = models.OneToOneField("wagtailcore.Revision", on_delete=models.CASCADE, related_name="change_note")
    note = models.TextField(blank=True)
    minor = models.BooleanField(default=False, help_text="Minor changes have no public history entry.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.note or ("Minor change" if self.minor else "")


class Withdrawal(models.Model):
    """A published version taken out of public history (its note and content
    are shown nowhere). Deleting the row restores it (national team only)."""

    revision = models.OneToOneField("wagtailcore.Revision", on_delete=models.CASCADE, related_name="withdrawal")
    reason = models.TextField()
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Revision {self.revision_id} withdrawn"


def document_version_path(instance, filename):
    return f"documents/history/{instance.document_id}/{filename}"


class DocumentFileVersion(models.Model):
    """An earlier file of a document, copied before Wagtail's document edit
    view deletes it on replacement."""

    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="file_versions"
    )
    file = models.FileField(upload_to=document_version_path)
    file_size = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=255, blank=True)
    uploaded_at = models.DateTimeField(help_text="When this file was first uploaded.")
    replaced_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-replaced_at", "-id"]

    def __str__(self):
        return f"{self.title or self.document_id} (replaced {self.replaced_at:%Y-%m-%d})"

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]

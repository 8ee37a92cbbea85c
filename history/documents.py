"""Earlier files of a document, kept when its file is replaced.

Wagtail's document form deletes the old file from storage while saving the
new one (``BaseDocumentForm.save``), so the copy must happen before: the
form base below (``WAGTAILDOCS_DOCUMENT_FORM_BASE``) copies it first. Code
that assigns a new file directly (imports, demo data) is covered by the
``pre_save`` handler, for which the old file is still in storage.
"""

import os

from django.db import transaction
from django.db.models.signals import pre_save
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm

from .models import DocumentFileVersion


def keep_earlier_file(document, old_file_name, *, old_title="", old_size=None, note=""):
    """Copy ``old_file_name`` (in the document's storage) to a new
    DocumentFileVersion of ``document``; None when there is nothing to keep."""
    if not old_file_name:
        return None
    storage = document.file.storage
    if not storage.exists(old_file_name):
        return None
    previous = DocumentFileVersion.objects.filter(document=document).order_by("-replaced_at").first()
    uploaded_at = previous.replaced_at if previous else (document.created_at or timezone.now())
    version = DocumentFileVersion(
        document=document, title=old_title, file_size=old_size, uploaded_at=uploaded_at, note=note
    )
    with storage.open(old_file_name, "rb") as old_file:
        version.file.save(os.path.basename(old_file_name), old_file, save=False)
    version.save()
    return version


class KeepEarlierFilesDocumentForm(BaseDocumentForm):
    """Wagtail's document form, keeping the replaced file as an earlier version."""

    def save(self, commit=True):
        if commit and "file" in self.changed_data and self.original_file and self.instance.pk:
            with transaction.atomic():
                old = type(self.instance).objects.get(pk=self.instance.pk)
                keep_earlier_file(self.instance, old.file.name, old_title=old.title, old_size=old.file_size)
                self.instance._earlier_file_kept = old.file.name
                return super().save(commit=commit)
        return super().save(commit=commit)


def keep_file_replaced_in_code(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    old = sender.objects.filter(pk=instance.pk).values("file", "title", "file_size").first()
    if not old or not old["file"] or old["file"] == instance.file.name:
        return
    if getattr(instance, "_earlier_file_kept", None) == old["file"]:
        return  # the admin form copied it already
    keep_earlier_file(instance, old["file"], old_title=old["title"], old_size=old["file_size"])
    instance._earlier_file_kept = old["file"]


def connect_signals():
    pre_save.connect(keep_file_replaced_in_code, sender=get_document_model(), dispatch_uid="history_keep_earlier_file")

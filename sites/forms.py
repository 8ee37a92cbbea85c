"""The edit form of inherited and adapted pages."""

from resources.forms import ScopedReferencesPageForm


class AdaptedPageForm(ScopedReferencesPageForm):
    """When the draft being edited carries a change note (such as "Took
    national changes of 3 March 2026", written by PullNationalChanges), the
    public change note asked on publish starts from it, so the publisher
    publishes the pulled draft with that note unless they write another."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("change_note")
        revision = getattr(self.instance, "latest_revision", None)
        if field is None or revision is None or self.is_bound or not self.instance.has_unpublished_changes:
            return
        note = getattr(getattr(revision, "change_note", None), "note", "")
        if note:
            field.initial = note

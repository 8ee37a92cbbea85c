"""The change note on every page type's edit form."""

from django import forms


class ChangeNoteFormMixin(forms.Form):
    """Adds a public change note and a "minor change" tick to a page form.

    Rule: publishing a page that was published before needs a note unless
    the change is ticked as minor (GOV.UK's rule). A first publication needs
    none: it is listed as "First published". Saving a draft or submitting for
    moderation never needs one; a note given then travels with the revision
    to whoever publishes it. The note is stored by ``history.wagtail_hooks``
    once Wagtail has saved the revision.
    """

    change_note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Public change note",
        help_text="What changed and why, in a sentence. Shown to everyone in this page's history.",
    )
    minor_change = forms.BooleanField(
        required=False,
        label="This is a minor change",
        help_text="A typo or formatting fix: no entry in the public history, and no note needed.",
    )

    def clean(self):
        cleaned_data = super().clean()
        publishing = bool(self.data.get("action-publish"))
        published_before = bool(getattr(self.instance, "first_published_at", None))
        if (
            publishing
            and published_before
            and not cleaned_data.get("minor_change")
            and not (cleaned_data.get("change_note") or "").strip()
        ):
            self.add_error(
                "change_note",
                "Write a public change note saying what changed, or tick “This is a minor change”.",
            )
        return cleaned_data

"""What visitors' emails say, in the subscriber's language.

Each phrase is a gettext message with the context "alert email" (its Welsh is
in locale/cy/LC_MESSAGES/django.po with the rest of the interface), so an
email's wording can differ from the same English words on a page. Phrases keep
str.format placeholders ({toolkit}, {days}, {frequency}, {name}), filled in by
``alerts.emails``; templates read ``words.<key>``.
"""

from django.utils import translation
from django.utils.translation import pgettext_lazy

PHRASES = {
    "toolkit_name": pgettext_lazy("alert email", "Contextual Safeguarding Toolkit"),
    "national_toolkit": pgettext_lazy("alert email", "the national toolkit"),
    "locality_toolkit": pgettext_lazy("alert email", "{name}'s toolkit"),
    "confirm_subject": pgettext_lazy("alert email", "Confirm your email updates from {toolkit}"),
    "confirm_intro": pgettext_lazy(
        "alert email",
        "Someone, hopefully you, asked for email updates about changes to {toolkit}.",
    ),
    "confirm_action": pgettext_lazy("alert email", "Confirm your subscription"),
    "confirm_expiry": pgettext_lazy(
        "alert email",
        "This link works for {days} days. If you did not ask for this, ignore "
        "this email: nothing will be sent and your address will be deleted.",
    ),
    "already_subject": pgettext_lazy("alert email", "You already get email updates from {toolkit}"),
    "already_intro": pgettext_lazy(
        "alert email",
        "Someone asked to subscribe this address to {toolkit}. It is already subscribed, so nothing has changed.",
    ),
    "digest_subject": pgettext_lazy("alert email", "Changes to {toolkit}"),
    "digest_intro": pgettext_lazy("alert email", "These major changes were published in {toolkit}:"),
    "kind_new": pgettext_lazy("alert email", "New page"),
    "kind_updated": pgettext_lazy("alert email", "Updated"),
    "kind_unpublished": pgettext_lazy("alert email", "Removed"),
    "national_guidance": pgettext_lazy("alert email", "National guidance"),
    "read_page": pgettext_lazy("alert email", "Read the page"),
    "frequency_immediately": pgettext_lazy("alert email", "as soon as a change is published"),
    "frequency_daily": pgettext_lazy("alert email", "once a day"),
    "frequency_weekly": pgettext_lazy("alert email", "once a week"),
    "why": pgettext_lazy("alert email", "You get these emails {frequency} because you subscribed to {toolkit}."),
    "unsubscribe": pgettext_lazy("alert email", "Unsubscribe"),
    "unsubscribe_text": pgettext_lazy("alert email", "Unsubscribe from these emails"),
    "privacy": pgettext_lazy(
        "alert email",
        "We keep only your email address and what you follow. It is deleted as "
        "soon as you unsubscribe from everything.",
    ),
}


def words(language: str) -> dict:
    """Every phrase in ``language`` (English for a language without a catalogue)."""
    with translation.override(language):
        return {key: str(phrase) for key, phrase in PHRASES.items()}


def toolkit_label(locality, language: str) -> str:
    table = words(language)
    if locality is None:
        return table["national_toolkit"]
    return table["locality_toolkit"].format(name=locality.name)

"""Atom feeds of the timelines (``updates/feed/``)."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 50


class PlainTextSummaryAtomFeed(Atom1Feed):
    """Atom with ``<summary type="text">``. Django writes descriptions as
    ``type="html"``, escaped once by the XML writer, so a feed reader turns a
    change note like ``<img src=x onerror=...>`` back into live markup. Change
    notes are plain text: say so, and readers show them as written."""

    def add_item_elements(self, handler, item):
        description = item.get("description")
        super().add_item_elements(handler, {**item, "description": None})
        if description is not None:
            handler.addQuickElement("summary", description, {"type": "text"})


class TimelineFeed(Feed):
    """The newest public changes of a toolkit, as Atom.

    A withdrawn version stays in the feed with its note replaced and its
    ``updated`` moved to the withdrawal, so feed readers that already
    fetched it replace their copy."""

    feed_type = PlainTextSummaryAtomFeed

    def get_object(self, request: HttpRequest, home=None):
        self.request = request
        return home

    def title(self, home):
        return f"Updates to {home.title}"

    def link(self, home):
        return home.get_url(self.request) + "updates/"

    def feed_url(self, home):
        return self.request.build_absolute_uri(home.get_url(self.request) + "updates/feed/")

    def subtitle(self, home):
        return "Every public change, newest first, with its change note."

    def author_name(self, home):
        return "Contextual Safeguarding Toolkit"

    def feed_guid(self, home):
        return self.request.build_absolute_uri(home.get_url(self.request) + "updates/")

    def items(self, home):
        from .views import timeline_context

        return timeline_context(self.request, home, limit=FEED_LENGTH)["entries"]

    def item_title(self, entry):
        if entry.is_withdrawn:
            return f"{entry.page.title}: version withdrawn"
        return f"{entry.page.title}: {entry.note}"

    def item_description(self, entry):
        if entry.is_withdrawn:
            return f"This version was withdrawn on {entry.withdrawn_at:%-d %B %Y}."
        step = f" (in {entry.step.title})" if entry.step and entry.step.pk != entry.page.pk else ""
        return f"{entry.note}{step}"

    def item_link(self, entry):
        return entry.page.get_url(self.request) + f"history/#version-{entry.revision_id}"

    def item_guid(self, entry):
        return self.request.build_absolute_uri(self.item_link(entry))

    item_guid_is_permalink = False

    def item_pubdate(self, entry):
        return entry.published_at

    def item_updateddate(self, entry):
        return entry.withdrawn_at or entry.published_at

    def item_author_name(self, entry):
        return "Contextual Safeguarding Toolkit"

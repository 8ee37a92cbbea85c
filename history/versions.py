"""Which versions of which pages the public may see, as querysets.

A *public version* is a revision that Wagtail's audit log records as
published ("wagtail.publish" with a revision), of a page that is live and
has no view restriction on it or an ancestor. The list shows those that are
not minor changes; withdrawn ones stay in the list as "This version was
withdrawn on <date>" with neither note nor content.
"""

import re

from django.db.models import Min, Q

from wagtail.models import Page, PageLogEntry, PageViewRestriction

from toolkits.scope import content_mirror_models, toolkit_root_models

# "wagtail.publish.scheduled" is what ``publish_scheduled`` logs when a
# scheduled revision goes live ("wagtail.publish.schedule", the scheduling
# itself, is not a publication).
PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def publish_entries():
    return PageLogEntry.objects.filter(action__in=PUBLISH_ACTIONS, revision__isnull=False)


def page_versions(page):
    """A page's listed versions (non-minor), newest first, with notes and
    withdrawals joined in: two queries per page of results at any length."""
    return (
        publish_entries()
        .filter(page_id=page.pk)
        .exclude(revision__change_note__minor=True)
        .select_related("revision__change_note", "revision__withdrawal")
        .order_by("-timestamp", "-pk")
    )


def first_publish_entry_id(page_ids):
    """The first "wagtail.publish" entry id of each page: {page_id: entry_id}
    (log entry ids grow with time)."""
    rows = publish_entries().filter(page_id__in=page_ids).values("page_id").annotate(first=Min("pk")).order_by()
    return {row["page_id"]: row["first"] for row in rows}


def is_public(page) -> bool:
    """Live and without a view restriction on the page or an ancestor."""
    return bool(page.live) and not page.get_view_restrictions().exists()


# Plain ASCII digits only, and few enough to fit the database's integer:
# str.isdigit() also accepts "²", which int() refuses.
_QUERY_NUMBER = re.compile(r"[0-9]{1,9}")


def positive_int(value, default=None):
    """A number from a query string, or ``default`` for anything else."""
    value = str(value or "")
    if _QUERY_NUMBER.fullmatch(value) and int(value) > 0:
        return int(value)
    return default


def comparable_revision(page, revision_id):
    """The revision with that id when it is a listed, non-withdrawn public
    version of this page; None for anything else (drafts, minor or withdrawn
    versions, other pages' revisions, non-numbers)."""
    revision_id = positive_int(revision_id)
    if revision_id is None:
        return None
    entry = (
        page_versions(page)
        .filter(revision_id=revision_id, revision__withdrawal__isnull=True)
        .order_by("-timestamp", "-pk")
        .first()
    )
    return entry


def timeline_entries(home, *, national_only=False):
    """Public, non-minor publishes of live, unrestricted pages in ``home``'s
    tree, newest first. Mirrors (not adapted) and aliases are left out: their
    content is another page's. ``national_only`` leaves out the trees of
    other toolkit roots (localities) under ``home``."""
    entries = (
        publish_entries()
        .filter(page__path__startswith=home.path, page__live=True, page__alias_of__isnull=True)
        .exclude(revision__change_note__minor=True)
    )
    hidden = Q()
    # A restriction above the home protects the timeline route itself.
    for restriction_path in PageViewRestriction.objects.filter(page__path__startswith=home.path).values_list(
        "page__path", flat=True
    ):
        hidden |= Q(page__path__startswith=restriction_path)
    for model in content_mirror_models():
        hidden |= Q(page_id__in=model.mirroring_pages().values("pk"))
    if national_only:
        roots = Page.objects.descendant_of(home).type(*toolkit_root_models()).values_list("path", flat=True)
        for path in roots:
            hidden |= Q(page__path__startswith=path)
    if hidden:
        entries = entries.exclude(hidden)
    return entries.select_related("page", "revision__change_note", "revision__withdrawal").order_by("-timestamp", "-pk")

"""Which publishes are major changes, and whose toolkit they belong to.

Rules (GOV.UK's): a change ticked "minor" never alerts anyone; a first
publication is a new page; unpublishing is announced. Only pages of the
default language's tree count: a Welsh translation repeats its English
page's change, and Welsh subscribers are sent the Welsh page where one is
live (``alerts.links``). Plain mirrors (``InheritedPage`` that are not
adapted) never publish on their own: national content reaches them live.
"""

from django.conf import settings

from wagtail.models import Page, PageLogEntry

from history.models import ChangeNote
from home.models import NationalPage, ToolkitHomePage
from sites.models import InheritedPage, Locality

from .models import ChangeKind, GuidanceChange


def toolkit_of(page) -> tuple[bool, Locality | None]:
    """(in a toolkit, its locality or None for national), in two queries."""
    ancestor_paths = [page.path[: depth * page.steplen] for depth in range(1, page.depth + 1)]
    locality = Locality.objects.filter(home_page__path__in=ancestor_paths).first()
    if locality is not None:
        return True, locality
    in_national = ToolkitHomePage.objects.filter(
        path__in=ancestor_paths, locale__language_code=settings.LANGUAGE_CODE
    ).exists()
    return in_national, None


def _counts(page) -> bool:
    if page.locale.language_code != settings.LANGUAGE_CODE:
        return False
    specific = page.specific_deferred
    return not (isinstance(specific, InheritedPage) and not specific.is_adapted)


def record_publish(page, revision) -> GuidanceChange | None:
    """The change a publish makes, or None for a minor change or a page outside the toolkits."""
    if revision is None or not _counts(page):
        return None
    note = ChangeNote.objects.filter(revision=revision).first()
    if note is not None and note.minor:
        return None
    in_toolkit, locality = toolkit_of(page)
    if not in_toolkit:
        return None
    published_before = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish").exclude(revision=revision).exists()
    )
    return GuidanceChange.objects.create(
        page=page,
        revision=revision,
        locality=locality,
        kind=ChangeKind.UPDATED if published_before else ChangeKind.NEW,
        title=page.title,
        note=note.note if note is not None else "",
    )


def record_unpublish(page) -> GuidanceChange | None:
    if not _counts(page):
        return None
    in_toolkit, locality = toolkit_of(page)
    if not in_toolkit:
        return None
    return GuidanceChange.objects.create(page=page, locality=locality, kind=ChangeKind.UNPUBLISHED, title=page.title)


def is_mirrored_national_page(change) -> bool:
    """A top-level national page: the kind every locality has a mirror of."""
    if not change.is_national or change.page_id is None:
        return False
    page = Page.objects.filter(pk=change.page_id).first()
    return page is not None and page.specific_class is NationalPage

"""What changed nationally, and how the locality's version differs: built on
``history.compare`` (accessible <ins>/<del>, block by block, on Wagtail's
``wagtail.admin.compare``).

``compare_pages`` compares two versions of one page class. The national page
(``NationalPage``) and an adapted page (``InheritedPage``) are different
classes with the same content fields (title, summary, body with the same
``BodyStreamBlock``), so national-now against local compares those fields one
by one with ``compare_field``.
"""

from history.compare import compare_field, compare_pages

from .models import InheritedPage

SHARED_FIELDS = ("title", "summary", "body")


def national_then_and_now(page):
    """(national page then, national page now, the revision pulled to) or None when there is nothing to compare."""
    national = page.adapted_from
    if not page.is_adapted or national is None or page.adapted_from_revision is None:
        return None
    national = national.specific
    now_revision = national.live_revision
    if not national.live or now_revision is None:
        return None
    return page.adapted_from_revision.as_object(), now_revision.as_object(), now_revision


def compare_national_then_with_now(page):
    versions = national_then_and_now(page)
    if versions is None:
        return []
    then, now, _revision = versions
    return compare_pages(then, now)


def compare_national_with_local(national_page, local_page):
    """The national page now against the locality's version, field by field."""
    return [compare_field(InheritedPage._meta.get_field(name), national_page, local_page) for name in SHARED_FIELDS]


def _withdrawn(*revisions) -> bool:
    """Whether public history withdrew any of these national revisions (history app)."""
    try:
        from history.models import Withdrawal
    except ImportError:  # pragma: no cover - the history app always ships it
        return False
    ids = [revision.pk for revision in revisions if revision is not None]
    return Withdrawal.objects.filter(revision_id__in=ids).exists()


def public_national_changes(page) -> dict | None:
    """The public "what changed" view's content; None (a 404) unless the page
    is adapted, its national page is live and public, and neither national
    revision was withdrawn from public history."""
    versions = national_then_and_now(page)
    if versions is None:
        return None
    then, now, now_revision = versions
    national = page.adapted_from
    if national.get_view_restrictions().exists() or _withdrawn(page.adapted_from_revision, now_revision):
        return None
    if now_revision.pk == page.adapted_from_revision_id:
        return None
    return {
        "national_page": national.specific,
        "adapted_date": page.adapted_from_revision.created_at,
        "national_date": national.last_published_at,
        "comparisons": compare_pages(then, now),
    }


def public_local_differences(page) -> dict | None:
    """The public "compare with national guidance" view of an adapted page:
    the national page as it is now against the locality's live version.
    None (a 404) unless the page is adapted and its national page is live
    and public."""
    national = page.adapted_from if page.is_adapted else None
    if national is None or not national.live or national.get_view_restrictions().exists():
        return None
    national = national.specific
    return {
        "national_page": national,
        "national_date": national.last_published_at,
        "comparisons": compare_national_with_local(national, page),
    }

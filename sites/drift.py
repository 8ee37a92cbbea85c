"""Drift: how far an adapted page is behind its national page.

"Behind" is read from Wagtail's own records: the national page's
``wagtail.publish`` log entries for revisions newer than the one the page was
adapted from or last pulled (``adapted_from_revision``). Revision ids only
grow, so "newer" is a plain comparison. One correlated subquery per
annotation means a whole listing costs one query, whatever its length.

A national page republished without a log entry (code that publishes with
``log_action=False``) still counts: a live revision other than the recorded
one means at least one update.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.db.models import Count, F, IntegerField, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import PageLogEntry

from .models import InheritedPage, Locality


def _publishes_after_adaptation(prefix=""):
    return PageLogEntry.objects.filter(
        page_id=OuterRef(f"{prefix}adapted_from_id"),
        action="wagtail.publish",
        revision_id__gt=OuterRef(f"{prefix}adapted_from_revision_id"),
    ).order_by()


def _drift_annotations(prefix=""):
    publishes = _publishes_after_adaptation(prefix)
    return {
        "national_updates": Coalesce(
            Subquery(publishes.values("page_id").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
            Value(0),
        ),
        "behind_since": Subquery(publishes.values("page_id").annotate(first=Min("timestamp")).values("first")[:1]),
    }


def with_drift(queryset):
    """Annotate adapted pages with ``national_updates`` (int) and ``behind_since`` (datetime or None)."""
    return queryset.annotate(**_drift_annotations())


def with_listing_drift(pages):
    """Annotate a queryset of pages of any type (an admin listing) with what
    ``drift_for`` needs, so that the listing's titles and buttons cost no query
    per adapted page: the national page's state comes along in joins."""
    source = "inheritedpage__adapted_from__"
    return pages.annotate(
        **_drift_annotations("inheritedpage__"),
        drift_source_live=F(f"{source}live"),
        drift_source_live_revision_id=F(f"{source}live_revision_id"),
        drift_source_last_published_at=F(f"{source}last_published_at"),
        drift_source_title=F(f"{source}title"),
        drift_source_locale_id=F(f"{source}locale_id"),
    )


@dataclass(frozen=True)
class Drift:
    national_updates: int = 0
    behind_since: datetime | None = None
    withdrawn: bool = False

    @property
    def behind(self) -> bool:
        return self.national_updates > 0 and not self.withdrawn


def _drift(page, source_live, source_live_revision_id, source_last_published_at, source_locale_id=None) -> Drift:
    if not page.is_adapted or (source_locale_id is not None and source_locale_id != page.locale_id):
        # A Welsh page drifts from its English page (sites.translation_drift), never from the national page.
        return Drift()
    if not source_live:
        return Drift(withdrawn=True)
    updates = page.national_updates
    since = page.behind_since
    if updates == 0 and source_live_revision_id and source_live_revision_id != page.adapted_from_revision_id:
        updates, since = 1, source_last_published_at
    return Drift(national_updates=updates, behind_since=since)


def drift_of_annotated(page) -> Drift:
    """The drift of a page from a ``with_drift`` queryset (select_related adapted_from)."""
    national = page.adapted_from if page.is_adapted else None
    if national is None:
        return _drift(page, False, None, None)
    return _drift(page, national.live, national.live_revision_id, national.last_published_at, national.locale_id)


def drift_for(page) -> Drift:
    """The drift of one page (cached on the instance: admin titles ask several times per request)."""
    cached = getattr(page, "_drift", None)
    if cached is not None:
        return cached
    if not page.is_adapted:
        drift = Drift()
    elif hasattr(page, "drift_source_live"):  # from with_listing_drift
        drift = _drift(
            page,
            page.drift_source_live,
            page.drift_source_live_revision_id,
            page.drift_source_last_published_at,
            page.drift_source_locale_id,
        )
    else:
        annotated = with_drift(InheritedPage.objects.filter(pk=page.pk).select_related("adapted_from")).first()
        drift = drift_of_annotated(annotated) if annotated is not None else Drift()
    page._drift = drift
    return drift


def pages_behind_for(localities):
    """Adapted pages of these localities that are behind national, with drift: a fixed number of queries."""
    homes = [locality.home_page for locality in localities if locality.home_page is not None]
    if not homes:
        return []
    in_trees = Q()
    for home in homes:
        in_trees |= Q(path__startswith=home.path, depth=home.depth + 1)
    pages = with_drift(
        InheritedPage.objects.filter(in_trees, is_adapted=True, adapted_from__live=True).select_related("adapted_from")
    ).order_by("path")
    names = {home.path: locality.name for locality in localities for home in [locality.home_page] if home}
    behind = []
    for page in pages:
        drift = drift_of_annotated(page)
        if drift.behind:
            page._drift = drift
            behind.append({"page": page, "drift": drift, "locality": names.get(page.path[: -page.steplen], "")})
    return behind


def public_drift_notice(page, request=None) -> dict | None:
    """What a visitor is told on an adapted page: adapted from national guidance
    of a date, and whether (and where) to see what changed since."""
    if not page.is_adapted or page.national_source_withdrawn:
        return None
    revision = page.adapted_from_revision
    adapted_date = revision.created_at if revision is not None else None
    drift = drift_for(page)
    return {
        "adapted_date": adapted_date,
        "behind": drift.behind,
        "national_updates": drift.national_updates,
        "changes_url": page.get_url(request) + page.reverse_subpage("national_changes_route") if drift.behind else "",
    }


# --- The drift report: localities x national pages --------------------------


class DriftState(models.TextChoices):
    INHERITED = "inherited", _("Inherited")
    UP_TO_DATE = "up-to-date", _("Adapted, up to date")
    BEHIND = "behind", _("Adapted, behind national")
    MISSING = "missing", _("Missing")
    WITHDRAWN = "withdrawn", _("Adapted, national source withdrawn")


# The labels rows carry as ``status`` (what the report and its export show).
INHERITED, UP_TO_DATE, BEHIND, MISSING, WITHDRAWN = (state.label for state in DriftState)


@dataclass
class ReportRow:
    locality: str
    national_page: str
    status: str
    national_updates: int = 0
    behind_since: datetime | None = None
    page: object = None
    locality_slug: str = ""
    national_page_id: int | None = None

    @property
    def state(self) -> str:
        return next(state.value for state in DriftState if state.label == self.status)

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk]) if self.page is not None else ""

    @property
    def changes_url(self):
        """The admin's "what changed nationally" for an adapted page whose national page is live."""
        if self.state not in (DriftState.UP_TO_DATE, DriftState.BEHIND):
            return ""
        return reverse("sites_national_changes", args=[self.page.pk])


def drift_report_rows(national_home, localities=None, national_pages=None) -> list[ReportRow]:
    """Every locality (or those given) x every top-level national page (or
    those given), plus adapted pages whose national page is gone. Four
    queries at any size."""
    from home.models import NationalPage

    if national_pages is None:
        national_pages = list(NationalPage.objects.child_of(national_home).order_by("path"))
    if localities is None:
        localities = Locality.objects.select_related("home_page")
    localities = sorted(
        (locality for locality in localities if locality.home_page is not None), key=lambda locality: locality.name
    )
    in_trees = Q(pk__in=[])
    for locality in localities:
        in_trees |= Q(path__startswith=locality.home_page.path)
    pages = with_drift(
        InheritedPage.objects.filter(in_trees, depth=national_home.depth + 2)
        .select_related("adapted_from")
        .order_by("path")
    )
    by_home = {}
    for page in pages:
        by_home.setdefault(page.path[: -page.steplen], []).append(page)
    rows = []
    for locality in localities:
        own = by_home.get(locality.home_page.path, [])
        by_national = {}
        orphans = []
        for page in own:
            national_id = page.adapted_from_id if page.is_adapted else page.source_id
            if national_id is None:
                orphans.append(page)
            else:
                by_national[national_id] = page
        for national in national_pages:
            page = by_national.pop(national.pk, None)
            if page is None:
                rows.append(ReportRow(locality.name, national.title, MISSING, **_keys(locality, national.pk)))
                continue
            rows.append(_row(locality, national.title, page))
        for page in [*by_national.values(), *orphans]:
            rows.append(_row(locality, page.adapted_from.title if page.adapted_from else page.title, page))
    return rows


def _keys(locality, national_page_id) -> dict:
    return {"locality_slug": locality.slug, "national_page_id": national_page_id}


def _row(locality, national_title, page) -> ReportRow:
    keys = {**_keys(locality, page.adapted_from_id if page.is_adapted else page.source_id), "page": page}
    if not page.is_adapted:
        return ReportRow(locality.name, national_title, INHERITED, **keys)
    drift = drift_of_annotated(page)
    if drift.withdrawn:
        return ReportRow(locality.name, national_title, WITHDRAWN, **keys)
    if drift.behind:
        return ReportRow(locality.name, national_title, BEHIND, drift.national_updates, drift.behind_since, **keys)
    return ReportRow(locality.name, national_title, UP_TO_DATE, **keys)

"""How the audit tools are used, aggregated only.

Two tables for the national team (shown by ``sites.audit_usage_report``):

- per tool, version and month: audits started (by ``started_at``) and
  completed (every item of the audit's version rated; counted in the month
  it was last used);
- per tool and area (the audit's sections: governance, engagement...): how
  many audits rated it, the share of red, amber and green ratings, and the
  average (red 0, amber 1, green 2).

Nothing identifies an audit: no token, no area name typed by the people
taking it, no notes, no single audit's answers. An area rated by fewer than
``MIN_AUDITS_PER_AREA`` audits shows no figures, so a small count cannot be
traced back to one local system. Audits deleted by retention leave the figures.
"""

from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Q, Value, When
from django.db.models.functions import TruncMonth

from wagtail.models import Revision

from .models import AuditAnswer, AuditPage, AuditResponse, Rating, sections_of

MIN_AUDITS_PER_AREA = 3
SCORES = {Rating.RED: 0, Rating.AMBER: 1, Rating.GREEN: 2}


@dataclass
class MonthRow:
    tool: str
    version: str
    month: object
    started: int = 0
    completed: int = 0


@dataclass
class AreaRow:
    tool: str
    area: str
    audits: int = 0
    ratings: dict = field(default_factory=lambda: dict.fromkeys(SCORES, 0))

    @property
    def shown(self) -> bool:
        return self.audits >= MIN_AUDITS_PER_AREA

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def average(self) -> float | None:
        if not self.shown or not self.rated:
            return None
        return round(sum(SCORES[rating] * count for rating, count in self.ratings.items()) / self.rated, 2)

    def share(self, rating) -> int | None:
        if not self.shown or not self.rated:
            return None
        return round(100 * self.ratings[rating] / self.rated)

    @property
    def red_share(self):
        return self.share(Rating.RED)

    @property
    def amber_share(self):
        return self.share(Rating.AMBER)

    @property
    def green_share(self):
        return self.share(Rating.GREEN)


class _Versions:
    """Item and section layout of each audit revision, parsed once."""

    def __init__(self, revision_ids):
        self._sections = {}
        for revision in Revision.objects.filter(pk__in=set(revision_ids)):
            self._sections[revision.pk] = sections_of(revision.as_object().sections)

    def item_count(self, revision_id) -> int:
        return sum(len(section.items) for section in self._sections.get(revision_id, []))

    def area_case(self):
        """An SQL expression naming the area (section title) of an answer's
        item in its audit's version: the grouping happens in the database."""
        whens = [
            When(
                response__revision_id=revision_id,
                item_id__in=[item.id for item in section.items],
                then=Value(section.title),
            )
            for revision_id, sections in self._sections.items()
            for section in sections
            if section.items
        ]
        return Case(*whens, default=Value(""), output_field=CharField()) if whens else None


def _version_labels(pages):
    labels = {}
    for page in pages:
        for revision_id in page.responses.values_list("revision_id", flat=True).distinct():
            number = page.version_number(revision_id)
            labels[revision_id] = f"Version {number}" if number else "Unpublished version"
    return labels


def audit_usage():
    """(month rows, area rows), newest months first; a fixed number of queries per tool and version."""
    pages = {page.pk: page for page in AuditPage.objects.all()}
    responses = list(
        AuditResponse.objects.annotate(
            rated=Count("answers", filter=~Q(answers__rating="")),
            started_month=TruncMonth("started_at"),
            used_month=TruncMonth("last_used_at"),
        ).values("audit_page_id", "revision_id", "rated", "started_month", "used_month")
    )
    versions = _Versions(response["revision_id"] for response in responses)
    labels = _version_labels(pages.values())

    months = {}
    for response in responses:
        page = pages[response["audit_page_id"]]
        version = labels.get(response["revision_id"], "")
        started = months.setdefault(
            (page.title, version, response["started_month"]),
            MonthRow(page.title, version, response["started_month"]),
        )
        started.started += 1
        total = versions.item_count(response["revision_id"])
        if total and response["rated"] >= total:
            completed = months.setdefault(
                (page.title, version, response["used_month"]), MonthRow(page.title, version, response["used_month"])
            )
            completed.completed += 1
    month_rows = sorted(months.values(), key=lambda row: (row.tool, row.version))
    month_rows.sort(key=lambda row: row.month, reverse=True)  # stable: newest month first, then tool and version

    area_rows_by_key = {}
    area_of_item = versions.area_case()
    if area_of_item is not None:
        rated = (
            AuditAnswer.objects.exclude(rating="")
            .annotate(area=area_of_item)
            .exclude(area="")
            .values("response__audit_page_id", "area")
            .annotate(
                audits=Count("response_id", distinct=True),
                **{rating.value: Count("pk", filter=Q(rating=rating)) for rating in SCORES},
            )
        )
        for group in rated:
            page = pages[group["response__audit_page_id"]]
            row = AreaRow(page.title, group["area"], audits=group["audits"])
            row.ratings = {rating: group[rating.value] for rating in SCORES}
            area_rows_by_key[(page.pk, group["area"])] = row
    area_rows = sorted(area_rows_by_key.values(), key=lambda row: (row.tool, row.area))
    return month_rows, area_rows

"""Results of an audit: red, amber and green counts per section and per
toolkit step, the chart drawn from them, and what helps with amber and red items."""

import textwrap
from dataclasses import dataclass, field

from django.utils.translation import gettext, gettext_lazy

from wagtail.models import Page

from core.languages import in_visitors_language
from resources.models import StepPage
from toolkits.scope import public_toolkits_at

from .models import RATING_LABELS, AuditAnswer, AuditItem, AuditResponse, Rating


@dataclass
class Tally:
    red: int = 0
    amber: int = 0
    green: int = 0
    unanswered: int = 0

    def add(self, rating: str) -> None:
        if rating in Rating.values:
            setattr(self, rating, getattr(self, rating) + 1)
        else:
            self.unanswered += 1

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green + self.unanswered

    @property
    def answered(self) -> int:
        return self.red + self.amber + self.green

    def as_text(self) -> str:
        return gettext("%(red)s red, %(amber)s amber, %(green)s green, %(unanswered)s not rated") % {
            "red": self.red,
            "amber": self.amber,
            "green": self.green,
            "unanswered": self.unanswered,
        }


@dataclass
class ResultRow:
    """A section or a step: its title and its counts."""

    title: str
    tally: Tally = field(default_factory=Tally)
    url: str = ""


@dataclass
class HelpLink:
    title: str
    url: str


@dataclass
class Recommendation:
    """An amber or red item and the live, public pages that help with it."""

    item: AuditItem
    answer: AuditAnswer
    rating_label: str
    step: HelpLink | None = None
    resources: list[HelpLink] = field(default_factory=list)
    localities: list[HelpLink] = field(default_factory=list)


@dataclass
class AuditResults:
    sections: list[ResultRow]
    steps: list[ResultRow]
    overall: Tally
    recommendations: list[Recommendation]


def public_page_ids(page_ids) -> set[int]:
    """The pages among these that visitors may see now (live, no view restriction)."""
    if not page_ids:
        return set()
    return set(Page.objects.filter(pk__in=set(page_ids)).live().public().values_list("pk", flat=True))


def local_approaches(national_step_ids, request=None) -> dict[int, list[HelpLink]]:
    """Locality steps (live, public) per national step: how localities approached it.

    Only public toolkits are named (``toolkits.scope``): an archived,
    unpublished or private locality's steps are left out.
    """
    if not national_step_ids:
        return {}
    local_steps = list(
        StepPage.objects.filter(national_step_id__in=set(national_step_ids)).live().public().order_by("path")
    )
    home_paths = {step.path[: -step.steplen] for step in local_steps}
    names = public_toolkits_at(home_paths)
    by_step: dict[int, list[HelpLink]] = {}
    for step in local_steps:
        name = names.get(step.path[: -step.steplen])
        if name:
            by_step.setdefault(step.national_step_id, []).append(
                HelpLink(title=f"{name}: {step.title}", url=in_visitors_language(step.get_url(request)))
            )
    for links in by_step.values():
        links.sort(key=lambda link: link.title)
    return by_step


def results_for(response: AuditResponse, request=None) -> AuditResults:
    answers = response.answers_by_item()
    overall = Tally()
    sections = []
    steps: dict[int, tuple[str, ResultRow]] = {}  # step id: (its tree path, its row)
    needing_help = []
    for section in response.sections:
        row = ResultRow(title=f"{section.number}. {section.title}")
        for item in section.items:
            answer = answers.get(item.id)
            rating = answer.rating if answer else ""
            row.tally.add(rating)
            overall.add(rating)
            if item.step is not None:
                steps.setdefault(item.step.pk, (item.step.path, ResultRow(title=item.step.title)))[1].tally.add(rating)
            if rating in (Rating.RED, Rating.AMBER):
                needing_help.append((item, answer))
        sections.append(row)

    linked_ids = [item.step.pk for item, _ in needing_help if item.step is not None]
    linked_ids += [page.pk for item, _ in needing_help for page in item.resources]
    linked_ids += list(steps)
    visible = public_page_ids(linked_ids)
    approaches = local_approaches([pk for pk in linked_ids if pk in visible], request)

    step_pages = Page.objects.in_bulk([step_id for step_id in steps if step_id in visible])
    step_rows = []
    # The toolkit's own order of steps (1 to 6), not the order items first name them.
    for step_id, (_path, row) in sorted(steps.items(), key=lambda entry: entry[1][0]):
        if step_id in step_pages:
            row.url = in_visitors_language(step_pages[step_id].get_url(request))
        step_rows.append(row)

    recommendations = []
    # Red first, then amber, each in the audit's order.
    for item, answer in sorted(needing_help, key=lambda pair: pair[1].rating != Rating.RED):
        recommendation = Recommendation(
            item=item,
            answer=answer,
            rating_label=f"{Rating(answer.rating).label}: {RATING_LABELS[item.kind][answer.rating]}",
        )
        if item.step is not None and item.step.pk in visible:
            recommendation.step = HelpLink(title=item.step.title, url=in_visitors_language(item.step.get_url(request)))
            recommendation.localities = approaches.get(item.step.pk, [])
        recommendation.resources = [
            HelpLink(title=page.title, url=in_visitors_language(page.get_url(request)))
            for page in item.resources
            if page.pk in visible
        ]
        recommendations.append(recommendation)
    return AuditResults(sections=sections, steps=step_rows, overall=overall, recommendations=recommendations)


# --- Chart: a stacked bar per row, drawn as SVG on the server --------------------

# Narrow enough that at 320 px the chart's text is still about 13 px high
# (the SVG scales to its column); titles wrap instead of running off the side.
CHART_WIDTH = 400
BAR_WIDTH = 400
TITLE_LINE = 20
TITLE_CHARACTERS = 38
BAR_HEIGHT = 26
ROW_GAP = 22
LEGEND_LINE = 24
SEGMENTS = [
    ("red", gettext_lazy("Red"), "url(#audit-pattern-red)"),
    ("amber", gettext_lazy("Amber"), "url(#audit-pattern-amber)"),
    ("green", gettext_lazy("Green"), "#0b6b3a"),
    ("unanswered", gettext_lazy("Not rated"), "#ffffff"),
]


def chart(rows: list[ResultRow], title: str) -> dict:
    """Geometry for templates/audit/includes/chart.svg: one bar per row under
    its (wrapped) title, each segment patterned as well as coloured and
    labelled with its count, then the key, one entry per line."""
    bars = []
    y = 0
    for row in rows:
        title_lines = textwrap.wrap(row.title, TITLE_CHARACTERS) or [""]
        title_y = y + TITLE_LINE
        bar_y = y + TITLE_LINE * len(title_lines) + 6
        x = 0.0
        segments = []
        total = row.tally.total or 1
        for key, label, fill in SEGMENTS:
            count = getattr(row.tally, key)
            if not count:
                continue
            width = BAR_WIDTH * count / total
            segments.append(
                {
                    "x": round(x, 1),
                    "width": round(width, 1),
                    "fill": fill,
                    "label": label,
                    "count": count,
                    "text_x": round(x + width / 2, 1),
                    # Only label segments wide enough to hold the number.
                    "show_count": width >= 18,
                    "text_fill": "#1d1d1b" if key == "unanswered" else "#ffffff",
                }
            )
            x += width
        bars.append(
            {
                "title": row.title,
                "title_lines": title_lines,
                "title_y": title_y,
                "bar_y": bar_y,
                "text_y": bar_y + 19,
                "segments": segments,
                "summary": row.tally.as_text(),
            }
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    legend = [y + 4 + index * LEGEND_LINE for index in range(len(SEGMENTS))]
    return {
        "title": title,
        "width": CHART_WIDTH,
        "bar_width": BAR_WIDTH,
        "height": legend[-1] + LEGEND_LINE,
        "title_line": TITLE_LINE,
        "legend": legend,
        "bars": bars,
    }

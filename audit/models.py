"""The audit definition (a Wagtail page) and the anonymous answers to it.

Versions: every published revision of an ``AuditPage`` is a version of the
audit. An ``AuditResponse`` keeps the revision it was started on, so a new
publish never changes the questions under someone half-way through; they
can move to the latest version, keeping answers to items whose block id and
text are unchanged (``audit.actions.MoveToLatestVersion``).

Privacy: a response holds no account, no IP address and no name, only the
optional area it is for, the ratings and the notes people type. It is
reached only through a private link whose token is stored as a SHA-256 hash,
and it is deleted when untouched for ``AUDIT_RETENTION_DAYS``
(``manage.py delete_stale_audits``).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search import index

from resources.pages import ToolkitPage

from .blocks import AuditSectionsBlock

NOTES_MAX_LENGTH = 2000


class Rating(models.TextChoices):
    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")


# What each rating means for each kind of item, as people read it when answering.
RATING_LABELS = {
    "checklist": {Rating.GREEN: _("In place"), Rating.AMBER: _("Partly in place"), Rating.RED: _("Not in place")},
    "statement": {
        Rating.GREEN: _("Describes us well"),
        Rating.AMBER: _("Partly describes us"),
        Rating.RED: _("Does not describe us yet"),
    },
}
RATING_ORDER = [Rating.RED, Rating.AMBER, Rating.GREEN]


@dataclass
class AuditItem:
    id: str
    kind: str
    number: str
    text: str
    guidance: str
    step: Page | None
    resources: list[Page]
    section: "AuditSection"

    @property
    def choices(self):
        """[(value, "Green: In place")] in the order red, amber, green."""
        labels = RATING_LABELS[self.kind]
        return [(rating.value, f"{rating.label}: {labels[rating]}") for rating in RATING_ORDER]


@dataclass
class AuditSection:
    id: str
    number: int
    title: str
    introduction: str
    step: Page | None
    items: list[AuditItem] = field(default_factory=list)


def sections_of(sections_stream) -> list[AuditSection]:
    """The audit's sections and items, numbered (1, 1.1, 1.2...), from a StreamField value."""
    sections = []
    for section_number, child in enumerate(sections_stream, start=1):
        value = child.value
        section = AuditSection(
            id=child.id,
            number=section_number,
            title=value["title"],
            introduction=value["introduction"] or "",
            step=value["step"],
        )
        for item_number, item_child in enumerate(value["items"], start=1):
            item_value = item_child.value
            section.items.append(
                AuditItem(
                    id=item_child.id,
                    kind=item_child.block_type,
                    number=f"{section_number}.{item_number}",
                    text=item_value["text"],
                    guidance=item_value["guidance"] or "",
                    step=item_value["step"] or value["step"],
                    resources=[page for page in item_value["resources"] if page is not None],
                    section=section,
                )
            )
        sections.append(section)
    return sections


def _handed_to(view_name):
    """A page route that calls ``audit.views.<view_name>(request, page, ...)``.

    The views module is imported when the route is called, not here, because
    it imports this module. The route keeps the name ``<view_name>_route``,
    which ``reverse_subpage`` uses."""

    def route(self, request, *args, **kwargs):
        from . import views

        return getattr(views, view_name)(request, self, *args, **kwargs)

    route.__name__ = route.__qualname__ = f"{view_name}_route"
    return route


class AuditPage(ToolkitPage):
    """An audit people take without an account: the self-assessment or the
    system review. Its sections are edited here; each publish is a version."""

    summary = models.TextField(help_text="One or two sentences shown in lists and search results.")
    introduction = RichTextField(
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text="Shown before people start: who the audit is for and how to use the results.",
    )
    sections = StreamField(AuditSectionsBlock(), help_text="Sections of checklist items and statements.")

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("introduction"), FieldPanel("sections")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("introduction")]

    parent_page_types = ["home.NationalPage"]
    subpage_types = []

    class Meta:
        verbose_name = "audit tool"

    @cached_property
    def audit_sections(self) -> list[AuditSection]:
        return sections_of(self.sections)

    @property
    def retention_days(self) -> int:
        return settings.AUDIT_RETENTION_DAYS

    def version_number(self, revision_id: int) -> int | None:
        """Versions are numbered by publish: the nth revision ever published is version n."""
        published = sorted(
            set(
                PageLogEntry.objects.filter(page=self, action="wagtail.publish", revision__isnull=False).values_list(
                    "revision_id", flat=True
                )
            )
        )
        return published.index(revision_id) + 1 if revision_id in published else None

    # Routes: the views live in audit/views.py; the page only names the addresses.
    start_route = path("")(_handed_to("start"))
    answer_route = path("r/<str:token>/")(_handed_to("answer"))
    results_route = path("r/<str:token>/results/")(_handed_to("results"))
    report_pdf_route = path("r/<str:token>/report/pdf/")(_handed_to("report_pdf"))
    report_csv_route = path("r/<str:token>/report/csv/")(_handed_to("report_csv"))
    new_version_route = path("r/<str:token>/new-version/")(_handed_to("new_version"))


class AuditResponse(models.Model):
    """One area's answers to one audit, reached only through its private link."""

    audit_page = models.ForeignKey(AuditPage, on_delete=models.CASCADE, related_name="responses")
    # RESTRICT, not PROTECT: a revision an audit still uses cannot be deleted on
    # its own, but deleting the audit page deletes its revisions and its responses
    # together. (Wagtail's purge_revisions catches only ProtectedError: do not
    # schedule it while audits are kept, or it stops at the first such revision.)
    revision = models.ForeignKey(Revision, on_delete=models.RESTRICT, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    area = models.CharField(max_length=100, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "audit in progress"
        verbose_name_plural = "audits in progress"

    def __str__(self):
        return f"{self.audit_page.title}: {self.area or 'unnamed area'}"

    @cached_property
    def version_page(self) -> AuditPage:
        """The audit page as it was in the revision this response uses.
        (``revision.as_object()`` with the page already at hand: the
        revision's generic relation would fetch it again.)"""
        return self.audit_page.with_content_json(self.revision.content)

    @cached_property
    def sections(self) -> list[AuditSection]:
        return self.version_page.audit_sections

    @cached_property
    def items(self) -> dict[str, AuditItem]:
        return {item.id: item for section in self.sections for item in section.items}

    @cached_property
    def version_number(self) -> int | None:
        return self.audit_page.version_number(self.revision_id)

    @property
    def version_label(self) -> str:
        published = date_format(timezone.localtime(self.revision.created_at), "j F Y")
        number = self.version_number
        if number:
            return gettext("Version %(number)s (%(date)s)") % {"number": number, "date": published}
        return gettext("Version of %(date)s") % {"date": published}

    def answers_by_item(self) -> dict[str, "AuditAnswer"]:
        return {answer.item_id: answer for answer in self.answers.all() if answer.item_id in self.items}

    def is_on_latest_version(self) -> bool:
        live_revision_id = self.audit_page.live_revision_id
        return live_revision_id is None or live_revision_id == self.revision_id


class AuditAnswer(models.Model):
    """A rating and notes for one item; ``item_text`` is the text that was rated,
    compared when moving to a new version."""

    response = models.ForeignKey(AuditResponse, on_delete=models.CASCADE, related_name="answers")
    item_id = models.CharField(max_length=64)
    item_text = models.TextField()
    rating = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    notes = models.TextField(blank=True, max_length=NOTES_MAX_LENGTH)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "item_id"], name="audit_one_answer_per_item")]

    def __str__(self):
        return f"{self.item_id}: {self.rating or 'not rated'}"

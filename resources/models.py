"""Toolkit steps, their sections and their resources.

Resources are pages (children of a step or a step's sub-page) rather than
snippets: they then get URLs, revisions, search, workflows and, most of
all, the page permissions of the tree they sit in, so an editor who may
edit a step may edit its resources and nobody else's.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, StreamingHttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.documents.models import AbstractDocument, Document
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.languages import in_visitors_language
from siteinfo.fields import optional_link, system_link
from toolkits.pages import ToolkitStep

from .blocks import TRANSCRIPT_FEATURES, BodyStreamBlock
from .downloads import is_countable, record_download, stream_zip
from .embeds import embed_or_none
from .pages import ToolkitPage
from .uploads import FORMAT_LABELS, extension_of, validate_content_matches_extension

_UNKNOWN_FILE = object()


class ResourceDocument(AbstractDocument):
    """Wagtail's document, refusing files whose content does not match the extension.

    The text inside PDF and Word files is extracted by a background task
    (``resources.tasks.extract_document_text``) after the file is saved, and
    indexed through the resource pages that use the document (documents are
    not searched on their own: the public finds pages, whose live and privacy
    state the search already respects).
    """

    extracted_text = models.TextField(blank=True, editable=False)

    admin_form_fields = Document.admin_form_fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # None for a new document; for a deferred load (`.only(...)`) the file
        # is unknown, so saving it never re-extracts.
        if not self.pk:
            self._saved_file_name = None
        elif "file" in self.__dict__:
            self._saved_file_name = self.file.name
        else:
            self._saved_file_name = _UNKNOWN_FILE

    def clean(self):
        super().clean()
        if self.file and not getattr(self.file, "_committed", True):
            try:
                validate_content_matches_extension(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    def save(self, *args, **kwargs):
        # Wagtail's admin forms record size and hash; documents made in code
        # (demo data, imports) need them too for "PDF, 1.2 MB" labels.
        if self.file and self.file_size is None:
            self._set_document_file_metadata()
        file_changed = (
            self._saved_file_name is not _UNKNOWN_FILE and bool(self.file) and self.file.name != self._saved_file_name
        )
        if file_changed:
            self.extracted_text = ""
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "extracted_text"}
        elif not self._state.adding and kwargs.get("update_fields") is None:
            # The worker writes extracted_text; an edit of the title must not put back a stale copy.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "extracted_text"
            ]
        super().save(*args, **kwargs)
        self._saved_file_name = self.file.name
        if file_changed:
            from .tasks import extract_document_text

            result = extract_document_text.enqueue(self.pk)
            if result.is_finished:  # the immediate backend (tests) ran it already
                self.refresh_from_db(fields=["extracted_text"])

    def reindex_resource_pages(self):
        """The pages using this document carry its text in their index entry."""
        for resource in ResourcePage.objects.filter(document=self).select_related("document"):
            index.insert_or_update_object(resource)

    @property
    def format_label(self) -> str:
        return FORMAT_LABELS.get(extension_of(self.file.name), self.file_extension.upper())

    @property
    def download_label(self) -> str:
        """'PDF, 1.2 MB': format and size, as GOV.UK labels attachments."""
        size = self.file_size
        if size is None:
            return self.format_label
        return f"{self.format_label}, {filesizeformat(size)}".replace("\xa0", " ")


class Tier(models.TextChoices):
    BOTH = "both", _("Both tiers")
    ONE = "one", _("Tier 1: individual children and families")
    TWO = "two", _("Tier 2: extra-familial contexts")


TIER_PARAMETER_VALUES = {"one": Tier.ONE, "two": Tier.TWO}


def selected_tier(request) -> str | None:
    """The tier chosen with ?tier=one|two; anything else means both tiers."""
    value = request.GET.get("tier", "") if request is not None else ""
    return TIER_PARAMETER_VALUES.get(value)


class StepPage(ToolkitStep, ToolkitPage):
    """One of the six toolkit steps, with content for both tiers and per tier.

    `?tier=one` or `?tier=two` shows the shared content plus that tier's
    section and resources; any other value shows everything.
    """

    summary = models.TextField(help_text="One or two sentences shown in lists of steps.")
    national_step = system_link(
        "self", "local_steps", "For a locality's step: the national step whose live guidance is shown beside it."
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name="Content for both tiers")
    tier_one_body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name="Tier 1 section",
        help_text="Work with individual children and families.",
    )
    tier_two_body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name="Tier 2 section",
        help_text="Work with the contexts where harm happens: peer groups, schools, neighbourhoods, online.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tier_one_body"),
        FieldPanel("tier_two_body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("tier_one_body"),
        index.SearchField("tier_two_body"),
    ]

    # Any parent whose subpage_types lists steps (the toolkit home).
    parent_page_types = None
    subpage_types = ["resources.StepSubPage", "resources.ResourcePage"]

    class Meta:
        verbose_name = "toolkit step"

    @classmethod
    def following(cls, national_step, **fields):
        """An unsaved locality step that follows ``national_step``: its title, slug and summary, linked to it."""
        return cls(
            title=national_step.title,
            slug=national_step.slug,
            summary=national_step.summary,
            national_step=national_step,
            **fields,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tier = selected_tier(request)
        resources = ResourcePage.objects.child_of(self).live().public()
        if tier:
            resources = resources.filter(tiers__in=[Tier.BOTH, tier])
        context.update(
            **self.national_step_context(request),
            tier=tier,
            show_tier_one=tier in (None, Tier.ONE),
            show_tier_two=tier in (None, Tier.TWO),
            resource_groups=group_resources(resources.select_related("document")),
            sections=StepSubPage.objects.child_of(self).live().public(),
            has_documents=ResourcePage.objects.live()
            .public()
            .descendant_of(self)
            .filter(document__isnull=False)
            .exists(),
        )
        return context

    def render_cache_query(self, request) -> str:
        """The tier shown is all the query string changes here."""
        tier = selected_tier(request)
        return urlencode({"tier": tier.value}) if tier else ""

    def zip_documents(self):
        """The documents of this step's live, public resources (and its sections'), once each."""
        resources = (
            ResourcePage.objects.live()
            .public()
            .descendant_of(self)
            .filter(document__isnull=False, document__collection__view_restrictions__isnull=True)
            .select_related("document")
            .order_by("path")
        )
        return list({resource.document_id: resource.document for resource in resources}.values())

    @path("download-all/", name="download_all")
    def download_all(self, request):
        """Every document of the step in one ZIP, streamed as it is built."""
        documents = self.zip_documents()
        if not documents:
            raise Http404("This step has no documents to download.")
        # Each file in the archive is a download of that document, counted like a single one.
        on_sent = record_download if is_countable(request) else None
        response = StreamingHttpResponse(stream_zip(documents, on_sent=on_sent), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}-resources.zip"'
        return response

    def live_national_step(self):
        """The national step's live, public version, or None (drafts never show through).
        In the visitor's language where a live translation of it exists."""
        national = self.national_step if self.national_step_id else None
        if national is None or not national.live or national.get_view_restrictions().exists():
            return None
        localized = national.localized
        translated = localized.pk != national.pk and localized.live and not localized.alias_of_id
        if translated and not localized.get_view_restrictions().exists():
            return localized
        return national

    def national_step_context(self, request):
        """The national step, its language when that is not the visitor's
        (its content is then marked with it), and a link that keeps the
        visitor in their language (the national home serves an untranslated
        page's address from the English tree)."""
        national = self.live_national_step()
        if national is None:
            return {"national_step": None}
        language = national.locale.language_code
        url = national.get_url(request)
        current = translation.get_language()
        if language != current and url:
            url = in_visitors_language(url)
        return {
            "national_step": national,
            "national_step_url": url,
            "national_step_language": language if language != current else "",
        }


class StepSubPage(ToolkitPage):
    """A section under a step (e.g. "MASH resources" under Referrals)."""

    summary = models.TextField(blank=True)
    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["resources.StepPage"]
    subpage_types = ["resources.ResourcePage"]

    class Meta:
        verbose_name = "step section"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        resources = ResourcePage.objects.child_of(self).live().public()
        context["resource_groups"] = group_resources(resources.select_related("document"))
        return context


class ResourceType(models.TextChoices):
    DOCUMENT = "document", _("Document")
    VIDEO = "video", _("Video")
    PODCAST = "podcast", _("Podcast")
    TIP = "tip", _("Tip")
    LINK = "link", _("External link")


RESOURCE_TYPE_PLURALS = {
    ResourceType.DOCUMENT: _("Documents"),
    ResourceType.VIDEO: _("Videos"),
    ResourceType.PODCAST: _("Podcasts"),
    ResourceType.TIP: _("Tips"),
    ResourceType.LINK: _("External links"),
}


def group_resources(resources):
    """[(type, heading, [resources])] in the order of ResourceType, newest first."""
    by_type: dict[str, list] = {}
    for resource in resources.order_by("-date", "title"):
        by_type.setdefault(resource.resource_type, []).append(resource)
    return [
        (kind.value, RESOURCE_TYPE_PLURALS[kind], by_type[kind.value]) for kind in ResourceType if kind.value in by_type
    ]


class ResourcePage(ToolkitPage):
    """A document, video, podcast, tip or external link attached to a step."""

    summary = models.TextField(help_text="What this resource is and who it helps. For a tip, the tip itself.")
    resource_type = models.CharField(max_length=20, choices=ResourceType.choices, default=ResourceType.DOCUMENT)
    tiers = models.CharField(max_length=10, choices=Tier.choices, default=Tier.BOTH)
    date = models.DateField(default=timezone.localdate, help_text="When the resource was written or recorded.")
    document = optional_link(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.PROTECT,
        help_text="The file: required for documents; for podcasts, the audio file (MP3 or M4A).",
    )
    media_url = models.URLField(
        blank=True,
        verbose_name="video or podcast address",
        help_text="A YouTube or Vimeo address for videos (or for a podcast without an audio file).",
    )
    external_url = models.URLField(blank=True, verbose_name="link address", help_text="For external links.")
    transcript = RichTextField(
        features=TRANSCRIPT_FEATURES,
        blank=True,
        help_text="Required for videos and podcasts.",
    )
    body = RichTextField(features=TRANSCRIPT_FEATURES, blank=True, verbose_name="more detail")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("resource_type"), FieldPanel("tiers"), FieldPanel("date")]),
        MultiFieldPanel(
            [
                HelpPanel("Fill in what the resource type needs: a file, a video address or a link."),
                FieldPanel("document"),
                FieldPanel("media_url"),
                FieldPanel("external_url"),
                FieldPanel("transcript"),
            ],
            heading="The resource",
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.SearchField("body"),
        index.SearchField("document_text"),
        index.FilterField("resource_type"),
        index.FilterField("tiers"),
        index.FilterField("date"),
    ]
    parent_page_types = ["resources.StepPage", "resources.StepSubPage"]
    subpage_types = []

    class Meta:
        verbose_name = "resource"

    def clean(self):
        super().clean()
        errors = {}
        kind = self.resource_type
        if kind == ResourceType.DOCUMENT and not self.document_id:
            errors["document"] = "Choose or upload the document."
        if kind == ResourceType.VIDEO and not self.media_url:
            errors["media_url"] = "Give the YouTube or Vimeo address of the video."
        if kind == ResourceType.PODCAST and not (self.document_id or self.media_url):
            errors["document"] = "Upload the podcast's audio file, or give its address below."
        if kind == ResourceType.PODCAST and self.document_id and self.document.file_extension not in {"mp3", "m4a"}:
            errors["document"] = "A podcast's file must be MP3 or M4A audio."
        if kind in (ResourceType.VIDEO, ResourceType.PODCAST) and not self.transcript.strip():
            errors["transcript"] = "Add a transcript so that people who cannot watch or listen can read it."
        if kind == ResourceType.LINK and not self.external_url:
            errors["external_url"] = "Give the address the link goes to."
        if self.media_url and "media_url" not in errors:
            try:
                get_embed(self.media_url)
            except EmbedException:
                errors["media_url"] = "This is not a YouTube or Vimeo address we can embed."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.resource_type in (ResourceType.VIDEO, ResourceType.PODCAST) and not self.is_audio_file:
            context["video_embed"] = embed_or_none(self.media_url)
        return context

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("document")

    def document_text(self) -> str:
        """The text inside the attached PDF or Word file, for the search index."""
        return self.document.extracted_text if self.document_id else ""

    @property
    def tier_label(self) -> str:
        return Tier(self.tiers).label

    @property
    def type_label(self) -> str:
        return ResourceType(self.resource_type).label

    @property
    def is_audio_file(self) -> bool:
        return bool(self.document_id) and self.resource_type == ResourceType.PODCAST


class DownloadCount(models.Model):
    """How many times a document was downloaded in a month.

    Aggregate counters only: no cookie, no IP address, no user, nothing that
    identifies a visitor (resources.downloads counts, skipping bots and HEAD).
    """

    document = models.ForeignKey(settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="+")
    month = models.DateField(help_text="The first day of the month counted.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "month"], name="one_download_count_per_month")]
        ordering = ["-month", "-count"]

    def __str__(self):
        return f"{self.document_id} {self.month:%Y-%m}: {self.count}"


class DownloadEvent(models.Model):
    """One counted download not yet added to its month's DownloadCount.

    A download only INSERTs one of these (no row shared by concurrent
    requests, so no lock to wait for); the task worker adds them to the
    monthly counters and deletes them (resources.tasks.fold_download_events).
    Like the counters, it records nothing about the visitor.
    """

    document = models.ForeignKey(settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()

    def __str__(self):
        return f"{self.document_id} {self.month:%Y-%m}"

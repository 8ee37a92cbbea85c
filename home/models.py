from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from history.routes import TimelineRoutes
from resources.blocks import TRANSCRIPT_FEATURES, BodyStreamBlock
from resources.embeds import embed_or_none
from resources.library import ResourceLibraryRoutes
from resources.models import StepPage
from resources.pages import ToolkitPage
from siteinfo.fields import optional_link
from toolkits.pages import ToolkitRoot


class ToolkitHomePage(ResourceLibraryRoutes, TimelineRoutes, ToolkitRoot, ToolkitPage):
    """The national toolkit's home: introduction, overview video, infographic,
    and links to the national pages and the six steps (its children)."""

    introduction = RichTextField(features=["bold", "italic", "link", "ol", "ul"])
    video_url = models.URLField(
        blank=True,
        verbose_name="overview video address",
        help_text="A YouTube or Vimeo address.",
    )
    video_title = models.CharField(max_length=200, blank=True)
    video_transcript = RichTextField(features=TRANSCRIPT_FEATURES, blank=True)
    infographic = optional_link(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        help_text="A PDF visitors can download.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("video_url"), FieldPanel("video_title"), FieldPanel("video_transcript")],
            heading="Overview video",
        ),
        FieldPanel("infographic"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    # Locality homes (sites app) are named as a string: home never imports sites.
    subpage_types = ["home.NationalPage", "resources.StepPage", "sites.LocalityHomePage", "sites.LocalityIndexPage"]

    class Meta:
        verbose_name = "toolkit home page"

    def route(self, request, path_components):
        """Serve paths that have no translation from the default language's
        tree: /cy/<locality>/... routes through the English locality tree,
        whose pages then show Welsh national content where it exists."""
        try:
            return super().route(request, path_components)
        except Http404:
            default_home = None
            if path_components and self.locale_id != Locale.get_default().pk:
                default_home = self.get_translations().filter(locale=Locale.get_default()).first()
            if default_home is None:
                raise
            return default_home.specific.route(request, path_components)

    def clean(self):
        super().clean()
        errors = {}
        if self.video_url:
            try:
                get_embed(self.video_url)
            except EmbedException:
                errors["video_url"] = "This is not a YouTube or Vimeo address we can embed."
            if not self.video_title:
                errors["video_title"] = "Give the video a title."
            if not self.video_transcript.strip():
                errors["video_transcript"] = "Add a transcript for people who cannot watch or hear the video."
        if self.infographic_id and self.infographic.file_extension != "pdf":
            errors["infographic"] = "The infographic must be a PDF."
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = self.get_children().live().public()
        context["video_embed"] = embed_or_none(self.video_url)
        context["national_pages"] = NationalPage.objects.child_of(self).live().public().in_menu()
        context["steps"] = StepPage.objects.child_of(self).live().public()
        context["other_pages"] = children.not_type(NationalPage, StepPage)
        return context


class NationalPage(ToolkitPage):
    """A national page that applies everywhere: Principles, Tiers, Legal
    framework, Key partners, Audit."""

    summary = models.TextField(help_text="One or two sentences shown in lists and search results.")
    body = StreamField(BodyStreamBlock())

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["home.ToolkitHomePage", "home.NationalPage"]
    subpage_types = ["home.NationalPage", "audit.AuditPage"]

    class Meta:
        verbose_name = "national page"

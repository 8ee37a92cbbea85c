"""A locality's toolkit home, and the national "Local toolkits" page that lists every locality."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import Http404

from wagtail.admin.panels import CommentPanel, FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from core.languages import mark_content_languages
from history.routes import TimelineRoutes
from resources.blocks import TRANSCRIPT_FEATURES
from resources.embeds import embed_or_none
from resources.library import ResourceLibraryRoutes
from resources.models import StepPage
from resources.pages import ToolkitPage
from siteinfo.fields import optional_link
from toolkits.pages import ToolkitRoot

from .inherited import InheritedPage
from .locality import Locality, LocalityStatus, Nation
from .permissions import LocalityHomePermissionTester


class LocalityHomePage(ResourceLibraryRoutes, TimelineRoutes, ToolkitRoot, ToolkitPage):
    """A locality's toolkit home: introduction, local video and infographic,
    the locality's profile, its steps and the inherited national pages."""

    introduction = RichTextField(features=["bold", "italic", "link", "ol", "ul"], blank=True)
    video_url = models.URLField(blank=True, verbose_name="local video address", help_text="A YouTube or Vimeo address.")
    video_title = models.CharField(max_length=200, blank=True)
    video_transcript = RichTextField(features=TRANSCRIPT_FEATURES, blank=True)
    infographic = optional_link("resources.ResourceDocument")

    content_panels = [
        HelpPanel(
            "The locality's name, address and profile are edited by the national team under Localities.",
        ),
        *ToolkitPage.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [FieldPanel("video_url"), FieldPanel("video_title"), FieldPanel("video_transcript")],
            heading="Local video",
        ),
        FieldPanel("infographic"),
    ]
    promote_panels = []
    # No PublishingPanel: an expiry date would take the locality offline, which
    # only the national team may do (it archives localities instead).
    settings_panels = [CommentPanel()]
    search_fields = [*ToolkitPage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.ToolkitHomePage"]
    subpage_types = ["resources.StepPage", "sites.InheritedPage"]

    class Meta:
        verbose_name = "locality home page"

    def clean(self):
        super().clean()
        errors = {}
        locality = Locality.objects.filter(home_page=self).first() if self.pk else None
        if locality is not None and self.slug != locality.slug:
            errors["slug"] = "A locality's address is changed by the national team, under Localities."
        if self.video_url:
            if embed_or_none(self.video_url) is None:
                errors["video_url"] = "This is not a YouTube or Vimeo address we can embed."
            if not self.video_transcript.strip():
                errors["video_transcript"] = "Add a transcript for people who cannot watch or hear the video."
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """A revision never carries the locality's address: the home keeps its current slug."""
        obj = super().with_content_json(content)
        obj.slug = self.slug
        obj.url_path = self.url_path
        return obj

    def permissions_for_user(self, user):
        return LocalityHomePermissionTester(user, self)

    @classmethod
    def public_toolkit_names(cls, page_ids):
        """Active localities are public, under the locality's name; archived ones
        are not, nor the Welsh home of a locality that turned Welsh off. A Welsh
        home finds its locality through the English home it translates."""
        locality = Locality.objects.filter(home_page__translation_key=OuterRef("translation_key"))
        homes = (
            cls.objects.filter(pk__in=list(page_ids))
            .annotate(
                locality_name=Subquery(locality.values("name")[:1]),
                locality_status=Subquery(locality.values("status")[:1]),
                locality_welsh=Subquery(locality.values("welsh")[:1]),
                locality_locale_id=Subquery(locality.values("home_page__locale_id")[:1]),
            )
            .values_list("pk", "locale_id", "locality_name", "locality_status", "locality_welsh", "locality_locale_id")
        )
        return {
            pk: name
            for pk, locale_id, name, status, welsh, own_locale_id in homes
            if status == LocalityStatus.ACTIVE and (welsh or locale_id == own_locale_id)
        }

    def get_locality(self):
        """The locality of this home or of the English home it translates (Welsh trees)."""
        if not self.pk:
            return None
        return (
            Locality.objects.filter(home_page__translation_key=self.translation_key).select_related("home_page").first()
        )

    def route(self, request, path_components):
        """An archived locality is hidden from the public: every page under it is a 404."""
        locality = self.get_locality()
        if locality is not None and not locality.is_active:
            raise Http404("This locality's toolkit is archived.")
        if locality is not None and not locality.welsh and self.locale_id != locality.home_page.locale_id:
            # Welsh turned off: the Welsh tree is kept but not served (the
            # national home then routes /cy/<slug>/ through the English tree).
            raise Http404("This locality's toolkit is not published in this language.")
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["locality"] = self.get_locality()
        context["video_embed"] = embed_or_none(self.video_url)
        # Untranslated pages under /cy/ keep English titles: marked lang="en" (``content_lang``).
        context["steps"] = mark_content_languages(StepPage.objects.child_of(self).live().public())
        context["inherited_pages"] = mark_content_languages(
            InheritedPage.objects.child_of(self)
            .live()
            .public()
            .filter(models.Q(source__live=True) | models.Q(is_adapted=True))
            .select_related("source")
        )
        return context


class LocalityIndexPage(ToolkitPage):
    """The national "Local toolkits" page: every active locality, filterable by nation and region."""

    introduction = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*ToolkitPage.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.ToolkitHomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "site toolkits page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        localities = Locality.objects.filter(status=LocalityStatus.ACTIVE, home_page__live=True).select_related(
            "home_page"
        )
        regions = sorted(set(localities.exclude(region="").values_list("region", flat=True)))
        nation = request.GET.get("nation", "")
        region = request.GET.get("region", "")
        if nation in Nation.values:
            localities = localities.filter(nation=nation)
        else:
            nation = ""
        if region in regions:
            localities = localities.filter(region=region)
        else:
            region = ""
        context.update(
            localities=localities,
            nations=Nation.choices,
            region_choices=[(name, name) for name in regions],
            selected_nation=nation,
            selected_region=region,
        )
        return context

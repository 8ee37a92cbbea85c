"""A national page in a locality's tree: a mirror of the national page, or once
adapted the locality's own page that remembers where it came from (see the
design notes in ``sites.models``)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext, ngettext

from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from resources.blocks import BodyStreamBlock
from resources.pages import ToolkitPage
from siteinfo.fields import optional_link, system_link
from toolkits.pages import ContentMirror

from ..forms import AdaptedPageForm
from .permissions import InheritedPagePermissionTester


class AdaptedOnlyFieldPanel(FieldPanel):
    """A content field shown only once the page is adapted: a plain mirror has no content of its own."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return bool(getattr(self.instance, "is_adapted", False)) and super().is_shown()


class InheritedPage(ContentMirror, ToolkitPage):
    """A national page in a locality's tree. As a plain *mirror* it renders
    the national page's live content at request time and is read-only for
    everyone but the national team; once *adapted* it is the locality's own
    page (own drafts, workflow, history, search, sitemap) that remembers the
    national page and revision it came from."""

    base_form_class = AdaptedPageForm

    source = system_link(
        "wagtailcore.Page", "inherited_copies", "The national page a plain mirror shows. Empty once adapted."
    )
    is_adapted = models.BooleanField(default=False, editable=False)
    adapted_from = optional_link(
        "wagtailcore.Page",
        related_name="adaptations",
        editable=False,
    )
    adapted_from_revision = optional_link(
        "wagtailcore.Revision",
        editable=False,
        help_text="The national revision this page was adapted from or last took changes from.",
    )
    summary = models.TextField(blank=True, help_text="One or two sentences shown in lists and search results.")
    body = StreamField(BodyStreamBlock(), blank=True)

    content_panels = [
        HelpPanel(
            template="sites/panels/inherited_page_source.html",
            heading="National guidance",
        ),
        AdaptedOnlyFieldPanel("summary"),
        AdaptedOnlyFieldPanel("body"),
    ]
    promote_panels = []
    settings_panels = []
    # Class-level search fields; get_indexed_objects() keeps plain mirrors out,
    # so the national page is found once, at its own address.
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    is_creatable = False
    parent_page_types = ["sites.LocalityHomePage"]
    subpage_types = []

    # Fields owned by the adaptation actions, never restored from a revision.
    STATE_FIELDS = ("source_id", "is_adapted", "adapted_from_id", "adapted_from_revision_id")

    class Meta:
        verbose_name = "inherited national page"

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().filter(is_adapted=True)

    def get_indexed_instance(self):
        instance = super().get_indexed_instance()
        if instance is None or not instance.is_adapted:
            return None
        return instance

    def save(self, *args, **kwargs):
        if self.pk and not self.alias_of_id:
            self.follow_english_state()
        return super().save(*args, **kwargs)

    def english_page(self):
        """The page of the locality's English tree with this page's
        translation key: itself when it is English (or has none)."""
        cached = getattr(self, "_english_page", None)
        if cached is None:
            default = Locale.get_default()
            cached = self
            if self.locale_id != default.pk:
                english = InheritedPage.objects.filter(translation_key=self.translation_key, locale=default)
                cached = english.first() or self
            self._english_page = cached
        return cached

    @property
    def is_translation(self) -> bool:
        """A page of a locality's Welsh tree. Only the English page follows the
        national page (adapt, national drift, take changes, go back); its
        Welsh page follows the English one through wagtail-localize, and
        drifts from it (sites.translation_drift), never from the national page."""
        return self.english_page().pk != self.pk

    def follow_english_state(self):
        """A Welsh page takes its English page's adaptation state. Its alias
        kept the state it was made with (``with_content_json`` keeps these
        fields), so without this a Welsh translation of a page adapted after
        its alias was made would stay a read-only mirror showing the national
        page, its translated text never shown."""
        english = self.english_page()
        if english.pk != self.pk:
            for name in self.STATE_FIELDS:
                setattr(self, name, getattr(english, name))

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in self.STATE_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    @property
    def national_page(self):
        """The national page this page mirrors or was adapted from (None once withdrawn)."""
        return self.adapted_from if self.is_adapted else self.source

    @property
    def national_source_withdrawn(self) -> bool:
        """An adapted page whose national page was deleted or unpublished."""
        return self.is_adapted and (self.adapted_from is None or not self.adapted_from.live)

    def drift(self):
        """How far behind national this page is (sites.drift.Drift)."""
        from ..drift import drift_for

        return drift_for(self)

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        if not self.is_adapted:
            return f"{title} (inherited)"
        from ..drift import drift_for

        drift = drift_for(self)
        if drift.withdrawn:
            return f"{title} (adapted, national source withdrawn)"
        # Listings annotate the national title (sites.drift.with_listing_drift): no query per page.
        national_title = getattr(self, "drift_source_title", None) or self.adapted_from.title
        if national_title == title:
            label = gettext("Adapted from national: %(national)s") % {"national": national_title}
        else:
            label = gettext("%(title)s (adapted from national: %(national)s)") % {
                "title": title,
                "national": national_title,
            }
        if drift.behind:
            updates = ngettext("%(count)d update", "%(count)d updates", drift.national_updates) % {
                "count": drift.national_updates
            }
            return gettext("%(label)s (behind national: %(updates)s)") % {"label": label, "updates": updates}
        return label

    def copy_for_translation(self, locale, copy_parents=False, alias=False, exclude_fields=None):
        """Refused: a translated copy would follow neither the national page
        nor the locality's version (an untracked fork). Welsh visitors get
        the Welsh national page through the mirror (``live_source``).
        wagtail-localize skips an object whose translation raises
        ValidationError, so translating a subtree leaves these pages out.
        Aliases (wagtail-localize's locale synchronisation) stay allowed: an
        alias keeps following its original, and converting one inside a
        locality is refused (sites.wagtail_hooks)."""
        if alias:
            return super().copy_for_translation(locale, copy_parents, alias, exclude_fields)
        raise ValidationError(
            f"“{self.title}” is a locality's inherited page: it is not translated on its own. "
            "Translate the national page instead."
        )

    def get_sitemap_urls(self, request=None):
        if self.is_adapted:
            return super().get_sitemap_urls(request)
        return []

    def permissions_for_user(self, user):
        return InheritedPagePermissionTester(user, self)

    @property
    def is_mirroring(self) -> bool:
        return not self.is_adapted

    def mirrored_page(self):
        return self.live_source()

    @classmethod
    def mirroring_pages(cls):
        return cls.objects.filter(is_adapted=False)

    def live_source(self):
        """The national page to show, in the active language where a live
        translation exists; None when it is unpublished or private."""
        source = self.source
        if source is None or not source.live or source.get_view_restrictions().exists():
            return None
        localized = source.localized
        if localized.pk != source.pk and (
            localized.alias_of_id or not localized.live or localized.get_view_restrictions().exists()
        ):
            # An untranslated alias shows English content: show the English page itself.
            localized = source
        return localized.specific

    def get_language_links(self, request):
        """This address in each other language the national page is live in."""
        if self.source is None:
            return []
        current = translation.get_language()
        links = []
        for version in self.source.get_translations(inclusive=True).live().select_related("locale"):
            code = version.locale.language_code
            if code == current or version.get_view_restrictions().exists():
                continue
            url = self.get_url(request)
            links.append({"url": translate_url(url, code), "code": code, "name": version.locale.get_display_name()})
        return links

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.serve_content(request)

    @path("national-changes/")
    def national_changes_route(self, request, *args, **kwargs):
        """What the national guidance changed since this page was adapted (or last took its changes)."""
        from ..compare import public_national_changes

        changes = public_national_changes(self)
        return self._comparison_response(
            request, changes, "sites/national_changes.html", "No national changes to show."
        )

    @path("compare-with-national/")
    def compare_with_national_route(self, request, *args, **kwargs):
        """How this locality's adapted version differs from the national page now."""
        from ..compare import public_local_differences

        differences = public_local_differences(self)
        return self._comparison_response(
            request, differences, "sites/compare_with_national.html", "No differences to show."
        )

    def _comparison_response(self, request, comparison, template, reason_for_none):
        """A comparison with the national page, or 404 saying why there is none."""
        if comparison is None:
            raise Http404(reason_for_none)
        context = self.get_context(request)
        context.update(comparison)
        return TemplateResponse(request, template, context)

    def serve(self, request, view=None, args=None, kwargs=None):
        if view is None:
            return self.serve_content(request)
        return super().serve(request, view, args, kwargs)

    def english_original(self):
        """The page whose state decides what this one shows: a Welsh tree's
        untranslated alias follows its English page as it is now."""
        if self.alias_of_id:
            original = InheritedPage.objects.filter(pk=self.alias_of_id).first()
            if original is not None:
                return original
        return self

    def serve_content(self, request):
        original = self.english_original()
        if original.is_adapted:
            return original.serve_adapted_content(request, chrome_page=self)
        return original.serve_national_content(request, chrome_page=self)

    def serve_adapted_content(self, request, chrome_page=None):
        from ..drift import public_drift_notice

        context = self.get_context(request)
        context["adaptation_notice"] = public_drift_notice(self, request)
        if chrome_page is not None and chrome_page.pk != self.pk:
            context["chrome_page"] = chrome_page
        return TemplateResponse(request, self.get_template(request), context)

    def serve_national_content(self, request, chrome_page=None):
        source = self.live_source()
        if source is None:
            raise Http404("The national page is not published.")
        context = source.get_context(request)
        context.update(page=source, chrome_page=chrome_page or self, inherited_source=source)
        return TemplateResponse(request, source.get_template(request), context)

    def serve_preview(self, request, mode_name):
        return self.serve_content(request)

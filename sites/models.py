"""Localities: one page tree per locality that inherits the national pages.

How inheritance works, and why
------------------------------
A locality's tree (``/en/<slug>/``) holds a ``LocalityHomePage``, its own six
``resources.StepPage`` pages (each pointing at its national step, whose live
guidance it shows beside the local content) and one ``InheritedPage`` per
national page at the same slug.

``InheritedPage`` is a *mirror*: a small row pointing at the national page,
rendering that page's live content (English or Welsh) at request time. We
chose it over Wagtail page aliases from what was measured here
(shared/INHERITANCE.md):

- a national publish with aliases costs ~42 queries per locality inside the
  editor's request (8,300 queries, 10-14 s at 200 localities); with mirrors it
  is flat, and a national publish is visible in every locality at once;
- aliases are full copies, indexed once per locality; mirrors have no search
  fields, so national content is found once, and they stay out of sitemaps
  (the canonical URL is the national page);
- aliases can be converted, unpublished, moved, copied or deleted by locality
  editors; a mirror's permission tester refuses all of these, and admin hooks
  refuse them again as a backstop;
- a national draft never shows through (only the live page is rendered);
  an unpublished national page hides its mirrors; deleting a national page
  that mirrors point at is refused (PROTECT) rather than leaving dead links.

Welsh: a mirror renders ``source.localized``, so under ``/cy/<slug>/...`` it
shows the Welsh national page where one is live. The Welsh national home routes
paths it cannot find through the English tree (``home.ToolkitHomePage.route``),
so locality trees need no Welsh copies.

Adapting (sites/adaptation.py)
------------------------------
A locality adapts a national page by turning its mirror into its own page:
the *same* ``InheritedPage`` row, now carrying content (``summary``, ``body``)
copied from the national page's live revision, with block ids kept so that
national-then, national-now and local blocks line up for a three-way merge.
Keeping the same page object through adapt, pull and revert means one URL and
one revision history: every state is a revision, and going back to national
leaves the adapted versions in that history.

- ``source`` (PROTECT) is set only on plain mirrors: deleting a national page
  that mirrors show is refused, as before.
- ``adapted_from`` (SET_NULL) is set only on adapted pages: a national page
  deleted leaves them in place, marked "national source withdrawn" (as does
  an unpublished national page).
- ``adapted_from_revision`` is the national revision adapted from or last
  pulled; "behind national" is the national publishes after it
  (sites/drift.py).

These state fields belong to the row, not to revisions: ``with_content_json``
keeps them, so publishing or reverting to an old revision never turns a page
back into a mirror (or a mirror into an adapted page) behind the actions' back.

Dependency direction: ``sites`` may import ``home`` and ``resources``; they
never import ``sites``.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import translate_url
from django.utils import translation

from wagtail.admin.panels import CommentPanel, FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PagePermissionTester, Site
from wagtail.search import index

from history.routes import PublicHistoryRoutes, TimelineRoutes
from resources.blocks import TRANSCRIPT_FEATURES, BodyStreamBlock
from resources.embeds import embed_or_none
from resources.forms import ScopedReferencesPageForm
from resources.library import ResourceLibraryRoutes
from resources.models import StepPage

from .forms import AdaptedPageForm

hostname_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    "Enter a host name such as hackney.example.org, in lower case, without http:// or a path.",
)


class Nation(models.TextChoices):
    ENGLAND = "england", "England"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


class Geography(models.TextChoices):
    URBAN = "urban", "Mostly urban"
    RURAL = "rural", "Mostly rural"
    MIXED = "mixed", "Mixed urban and rural"
    COASTAL = "coastal", "Coastal"


class LocalityStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    ARCHIVED = "archived", "Archived"


class Locality(index.Indexed, models.Model):
    """A local authority area that runs its own toolkit. Created only through
    ``sites.provisioning.ProvisionLocality``, which builds its tree, collection,
    editors' group and (optionally) its Site in one transaction."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=60,
        unique=True,
        help_text="Part of the web address: /en/<slug>/. Lower case letters, digits, hyphens.",
    )
    nation = models.CharField(max_length=20, choices=Nation.choices, default=Nation.ENGLAND)
    region = models.CharField(max_length=100, blank=True)
    hostname = models.CharField(
        max_length=253,
        blank=True,
        validators=[hostname_validator],
        help_text="Optional: the locality's own host name. The toolkit is always at /en/<slug>/ on the main site too.",
    )
    population = models.PositiveIntegerField(null=True, blank=True, help_text="Approximate population.")
    geography = models.CharField(max_length=20, choices=Geography.choices, blank=True)
    partnership = models.TextField(blank=True, help_text="Who is in the safeguarding partnership and how it works.")
    operating_model = models.TextField(blank=True, help_text="How the contextual safeguarding system is organised.")
    status = models.CharField(max_length=10, choices=LocalityStatus.choices, default=LocalityStatus.ACTIVE)
    home_page = models.OneToOneField(
        "sites.LocalityHomePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="locality",
        editable=False,
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    editors_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    publishers_group = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("nation"),
        FieldPanel("region"),
        FieldPanel("hostname"),
        MultiFieldPanel(
            [
                FieldPanel("population"),
                FieldPanel("geography"),
                FieldPanel("partnership"),
                FieldPanel("operating_model"),
            ],
            heading="Profile",
        ),
        FieldPanel("status"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("region"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "localities"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        with transaction.atomic():
            super().save(*args, **kwargs)
            home = self.home_page
            if home is None:
                return
            if home.slug != self.slug:
                # The locality's address is its home page's slug; keep them one.
                home.slug = self.slug
                home.save(update_fields=["slug", "url_path"], clean=False)
            # Its own host name, if any, is a Wagtail Site rooted at its home.
            own_sites = Site.objects.filter(root_page=home, is_default_site=False)
            if not self.hostname:
                own_sites.delete()
            elif not own_sites.update(hostname=self.hostname):
                Site.objects.create(hostname=self.hostname, port=80, root_page=home, site_name=self.name)

    def clean(self):
        super().clean()
        if self.hostname:
            others = Site.objects.filter(hostname=self.hostname)
            if self.home_page_id:
                others = others.exclude(root_page_id=self.home_page_id)
            if others.exists():
                raise ValidationError({"hostname": f"The host name “{self.hostname}” is already in use."})

    @property
    def is_active(self) -> bool:
        return self.status == LocalityStatus.ACTIVE


NATIONAL_TEAM_GROUP = "National team"


def is_national_team(user) -> bool:
    """Superusers and members of the national team maintain national pages and every locality."""
    return bool(
        user is not None
        and user.is_active
        and (user.is_superuser or user.groups.filter(name=NATIONAL_TEAM_GROUP).exists())
    )


class LocalityHomePage(ResourceLibraryRoutes, TimelineRoutes, PublicHistoryRoutes, RoutablePageMixin, Page):
    """A locality's toolkit home: introduction, local video and infographic,
    the locality's profile, its steps and the inherited national pages."""

    base_form_class = ScopedReferencesPageForm

    introduction = RichTextField(features=["bold", "italic", "link", "ol", "ul"], blank=True)
    video_url = models.URLField(blank=True, verbose_name="local video address", help_text="A YouTube or Vimeo address.")
    video_title = models.CharField(max_length=200, blank=True)
    video_transcript = RichTextField(features=TRANSCRIPT_FEATURES, blank=True)
    infographic = models.ForeignKey(
        "resources.ResourceDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = [
        HelpPanel(
            "The locality's name, address and profile are edited by the national team under Localities.",
        ),
        *Page.content_panels,
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
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.ToolkitHomePage"]
    subpage_types = ["resources.StepPage", "sites.InheritedPage"]
    is_toolkit_root = True

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

    def route(self, request, path_components):
        """An archived locality is hidden from the public: every page under it is a 404."""
        locality = Locality.objects.filter(home_page=self).only("status").first()
        if locality is not None and not locality.is_active:
            raise Http404("This locality's toolkit is archived.")
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["locality"] = Locality.objects.filter(home_page=self).first()
        context["video_embed"] = embed_or_none(self.video_url)
        context["steps"] = StepPage.objects.child_of(self).live().public()
        context["inherited_pages"] = (
            InheritedPage.objects.child_of(self)
            .live()
            .public()
            .filter(models.Q(source__live=True) | models.Q(is_adapted=True))
            .select_related("source")
        )
        return context


class AdaptedOnlyFieldPanel(FieldPanel):
    """A content field shown only once the page is adapted: a plain mirror has no content of its own."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            return bool(getattr(self.instance, "is_adapted", False)) and super().is_shown()


class InheritedPage(PublicHistoryRoutes, RoutablePageMixin, Page):
    """A national page in a locality's tree. As a plain *mirror* it renders
    the national page's live content at request time and is read-only for
    everyone but the national team; once *adapted* it is the locality's own
    page (own drafts, workflow, history, search, sitemap) that remembers the
    national page and revision it came from."""

    base_form_class = AdaptedPageForm

    source = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inherited_copies",
        editable=False,
        help_text="The national page a plain mirror shows. Empty once adapted.",
    )
    is_adapted = models.BooleanField(default=False, editable=False)
    adapted_from = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adaptations",
        editable=False,
    )
    adapted_from_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
        from .drift import drift_for

        return drift_for(self)

    def get_admin_display_title(self):
        title = super().get_admin_display_title()
        if not self.is_adapted:
            return f"{title} (inherited)"
        if self.national_source_withdrawn:
            return f"{title} (adapted, national source withdrawn)"
        from .drift import drift_for

        drift = drift_for(self)
        if drift.behind:
            updates = "1 update" if drift.national_updates == 1 else f"{drift.national_updates} updates"
            return f"{title} (adapted, behind national: {updates})"
        return f"{title} (adapted)"

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

    def live_source(self):
        """The national page to show, in the active language where a live
        translation exists; None when it is unpublished or private."""
        source = self.source
        if source is None or not source.live or source.get_view_restrictions().exists():
            return None
        localized = source.localized
        if localized.pk != source.pk and (not localized.live or localized.get_view_restrictions().exists()):
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
        from .compare import public_national_changes

        changes = public_national_changes(self)
        if changes is None:
            raise Http404("There are no national changes to show.")
        context = self.get_context(request)
        context.update(changes)
        return TemplateResponse(request, "sites/national_changes.html", context)

    @path("compare-with-national/")
    def compare_with_national_route(self, request, *args, **kwargs):
        """How this locality's adapted version differs from the national page now."""
        from .compare import public_local_differences

        differences = public_local_differences(self)
        if differences is None:
            raise Http404("This page follows the national guidance.")
        context = self.get_context(request)
        context.update(differences)
        return TemplateResponse(request, "sites/compare_with_national.html", context)

    def serve(self, request, view=None, args=None, kwargs=None):
        if view is None:
            return self.serve_content(request)
        return super().serve(request, view, args, kwargs)

    def serve_content(self, request):
        if self.is_adapted:
            return self.serve_adapted_content(request)
        return self.serve_national_content(request)

    def serve_adapted_content(self, request):
        from .drift import public_drift_notice

        context = self.get_context(request)
        context["adaptation_notice"] = public_drift_notice(self, request)
        return TemplateResponse(request, self.get_template(request), context)

    def serve_national_content(self, request):
        source = self.live_source()
        if source is None:
            raise Http404("The national page is not published.")
        context = source.get_context(request)
        context.update(page=source, chrome_page=self, inherited_source=source)
        return TemplateResponse(request, source.get_template(request), context)

    def serve_preview(self, request, mode_name):
        return self.serve_content(request)


class LocalityHomePermissionTester(PagePermissionTester):
    """Locality editors edit their home's content, but only the national team
    may unpublish, delete, move or copy it (that would take the whole
    locality offline) or restrict who sees it."""

    def _national(self) -> bool:
        if not hasattr(self, "_is_national"):
            self._is_national = is_national_team(self.user)
        return self._is_national

    def can_delete(self, ignore_bulk=False):
        return self._national() and super().can_delete(ignore_bulk)

    def can_unpublish(self):
        return self._national() and super().can_unpublish()

    def can_move(self):
        return self._national() and super().can_move()

    def can_copy(self):
        return self._national() and super().can_copy()

    def can_set_view_restrictions(self):
        return self._national() and super().can_set_view_restrictions()


class InheritedPagePermissionTester(LocalityHomePermissionTester):
    """A plain mirror is read-only: on top of the home's fences, only the
    national team may edit, publish or lock it. An adapted page is the
    locality's own to edit, publish (publishers) and lock, but like the home
    it is still not deleted, moved, copied or unpublished by the locality
    (going back to national is RevertToNational). Nobody adds children."""

    def _editable_here(self) -> bool:
        return self._national() or bool(getattr(self.page, "is_adapted", False))

    def can_edit(self):
        return self._editable_here() and super().can_edit()

    def can_publish(self):
        return self._editable_here() and super().can_publish()

    def can_lock(self):
        return self._editable_here() and super().can_lock()

    def can_add_subpage(self):
        return False


class LocalityIndexPage(PublicHistoryRoutes, RoutablePageMixin, Page):
    """The national "Local toolkits" page: every active locality, filterable by nation and region."""

    base_form_class = ScopedReferencesPageForm

    introduction = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
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
            regions=regions,
            selected_nation=nation,
            selected_region=region,
        )
        return context

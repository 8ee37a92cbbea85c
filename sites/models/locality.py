"""The locality: a local authority area with its own toolkit, and the national team."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Site
from wagtail.search import index

from siteinfo.fields import optional_link

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
    welsh = models.BooleanField(
        "Welsh pages",
        default=True,
        help_text="Also publish this toolkit in Welsh at /cy/<slug>/. Off: the Welsh pages are hidden and kept.",
    )
    home_page = models.OneToOneField(
        "sites.LocalityHomePage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="locality",
        editable=False,
    )
    collection = optional_link("wagtailcore.Collection", on_delete=models.PROTECT, editable=False)
    editors_group = optional_link("auth.Group", editable=False)
    publishers_group = optional_link("auth.Group", editable=False)
    workflow = optional_link("wagtailcore.Workflow", editable=False)
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
        FieldPanel("welsh"),
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
    """Superusers and members of the national team maintain national pages and every locality.

    Remembered on the user object for its request, as Django remembers its
    permissions (``_perm_cache``): admin listings ask once per page and button."""
    if user is None or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_national_team", None)
    if cached is None:
        cached = user.groups.filter(name=NATIONAL_TEAM_GROUP).exists()
        if user.pk is not None:
            user._is_national_team = cached
    return cached

"""Operations on localities, as action objects the admin, commands and tests
all call (after wagtail.actions.create_alias.CreatePageAliasAction).

ProvisionLocality builds everything a locality needs in one transaction:
the Locality, its home page under the national home, its six steps (each
pointing at its national step), an inherited page per national page, a
document collection, an editors' group fenced to its tree and collection,
and an optional Site for its own host name. A failure at any point leaves
nothing behind.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from wagtail.log_actions import log
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page, Site

from home.models import NationalPage, ToolkitHomePage
from resources.models import StepPage

from .models import InheritedPage, Locality, LocalityHomePage

# Addresses that national features use or will use under /en/.
RESERVED_SLUGS = {"admin", "documents", "resources", "search", "updates", "tips", "compare", "audit", "static", "media"}


class ProvisioningError(ValidationError):
    """The locality cannot be provisioned as asked; the message says why."""


class ProvisioningPermissionError(PermissionDenied):
    """The acting user may not provision localities."""


def can_manage_localities(user) -> bool:
    return bool(user and user.is_active and (user.is_superuser or user.has_perm("sites.add_locality")))


def national_home() -> ToolkitHomePage:
    default = Locale.get_default()
    home = ToolkitHomePage.objects.filter(locale=default, depth=2).first()
    if home is None:
        raise ProvisioningError("There is no national toolkit home page yet: load or create it first.")
    return home


@dataclass
class ProvisionLocality:
    user: object
    name: str
    slug: str = ""
    nation: str = "england"
    region: str = ""
    hostname: str = ""
    profile: dict = field(default_factory=dict)
    skip_permission_checks: bool = False  # for trusted callers: management commands, demo data

    def check(self):
        if not self.skip_permission_checks and not can_manage_localities(self.user):
            raise ProvisioningPermissionError("Only the national team can add localities.")
        self.name = (self.name or "").strip()
        self.slug = slugify(self.slug or self.name)
        self.hostname = (self.hostname or "").strip().lower()
        if not self.name:
            raise ProvisioningError({"name": "Give the locality a name."})
        if not self.slug:
            raise ProvisioningError({"slug": "Give the locality an address made of letters, digits and hyphens."})
        home = national_home()
        if self.slug in RESERVED_SLUGS or home.get_children().filter(slug=self.slug).exists():
            raise ProvisioningError({"slug": f"The address “{self.slug}” is already used on the toolkit."})
        if Locality.objects.filter(slug=self.slug).exists():
            raise ProvisioningError({"slug": f"A locality already uses the address “{self.slug}”."})
        if Locality.objects.filter(name__iexact=self.name).exists():
            raise ProvisioningError({"name": f"A locality called “{self.name}” already exists."})
        if self.hostname and Site.objects.filter(hostname=self.hostname).exists():
            raise ProvisioningError({"hostname": f"The host name “{self.hostname}” is already in use."})
        return home

    def execute(self) -> Locality:
        home = self.check()
        locality = Locality(
            name=self.name, slug=self.slug, nation=self.nation, region=self.region, hostname=self.hostname,
            **self.profile,
        )  # fmt: skip
        locality.full_clean(exclude=["home_page", "collection", "editors_group"])
        try:
            with transaction.atomic():
                locality.save()
                locality_home = home.add_child(
                    instance=LocalityHomePage(
                        title=f"{self.name} Contextual Safeguarding toolkit",
                        slug=self.slug,
                        introduction=f"<p>How {self.name} built its Contextual Safeguarding system.</p>",
                        owner=self.user,
                    )
                )
                locality_home.save_revision(user=self.user, log_action=False).publish(user=self.user)
                for national_step in StepPage.objects.child_of(home).filter(national_step__isnull=True):
                    add_local_step(locality_home, national_step, self.user)
                for national_page in NationalPage.objects.child_of(home).live():
                    add_inherited_page(locality_home, national_page)
                locality.home_page = locality_home
                locality.collection = Collection.get_first_root_node().add_child(name=self.name)
                locality.editors_group = make_editors_group(locality, locality_home)
                locality.save()
                if self.hostname:
                    Site.objects.create(hostname=self.hostname, port=80, root_page=locality_home, site_name=self.name)
                log(instance=locality, action="sites.provision", user=self.user)
        except IntegrityError as error:
            raise ProvisioningError(f"The locality could not be created: {error}") from error
        return locality


def add_local_step(locality_home, national_step, user=None) -> StepPage:
    step = locality_home.add_child(
        instance=StepPage(
            title=national_step.title,
            slug=national_step.slug,
            summary=national_step.summary,
            national_step=national_step,
            show_in_menus=True,
            owner=user,
        )
    )
    step.save_revision(user=user, log_action=False).publish(user=user, log_action=False)
    return step


def add_inherited_page(locality_home, national_page) -> InheritedPage:
    return locality_home.add_child(
        instance=InheritedPage(
            title=national_page.title,
            slug=national_page.slug,
            source=national_page,
            show_in_menus=national_page.show_in_menus,
            live=national_page.live,
            has_unpublished_changes=False,
            first_published_at=national_page.first_published_at,
            last_published_at=national_page.last_published_at,
        )
    )


PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]


def make_editors_group(locality, locality_home) -> Group:
    """A group whose members may edit and publish under their locality home
    and manage documents and images in their collection, and nothing else."""
    group = Group.objects.create(name=f"{locality.name} editors")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(
            group=group,
            page=locality_home,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    for app_label, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.create(
            group=group,
            collection=locality.collection,
            permission=Permission.objects.get(content_type__app_label=app_label, codename=codename),
        )
    return group


def localities_for_user(user):
    """The localities whose trees the user may edit."""
    if user.is_superuser:
        return Locality.objects.all()
    return Locality.objects.filter(editors_group__in=user.groups.all())


def sync_inherited_pages(national_page: Page) -> int:
    """Give every locality an inherited page for a top-level national page
    that it lacks; returns how many were added. Called after a national
    publish (see sites.signals), idempotent."""
    home = national_page.get_parent()
    if not isinstance(home.specific, ToolkitHomePage) or national_page.specific_class is not NationalPage:
        return 0
    have = set(InheritedPage.objects.filter(source=national_page).values_list("path", flat=True))
    added = 0
    for locality_home in LocalityHomePage.objects.child_of(home):
        if any(path.startswith(locality_home.path) for path in have):
            continue
        if locality_home.get_children().filter(slug=national_page.slug).exists():
            continue  # the locality has its own page at that address
        with transaction.atomic():
            add_inherited_page(locality_home, national_page)
        added += 1
    return added

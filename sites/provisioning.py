"""Operations on localities, as action objects the admin, commands and tests
all call (after wagtail.actions.create_alias.CreatePageAliasAction). Each
checks the acting user's permission, runs in one transaction and writes an
entry in Wagtail's audit log.

ProvisionLocality builds everything a locality needs: the Locality, its
home page under the national home, its six steps (each pointing at its
national step), an inherited page per national page, a document and image
collection, an editors' group and a publishers' group fenced to that tree
and collection, an approval workflow run by the publishers, and an
optional Site for its own host name. Asked again for the same locality it
changes nothing; a failure half-way leaves nothing behind.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.models import NationalPage, ToolkitHomePage
from resources.models import StepPage

from .models import (
    NATIONAL_TEAM_GROUP,
    InheritedPage,
    Locality,
    LocalityHomePage,
    LocalityStatus,
    Nation,
    hostname_validator,
    is_national_team,
)
from .national_documents import share_with

# Addresses that the site or national features use, or will use, under /en/.
RESERVED_SLUGS = {
    "admin", "documents", "en", "cy", "static", "media", "resources", "search", "updates", "tips",
    "compare", "audit", "toolkits", "sitemap", "feed", "history", "api",
}  # fmt: skip


class ProvisioningError(ValidationError):
    """The operation cannot be done as asked; the message says why."""


class LocalityPermissionError(PermissionDenied):
    """The acting user may not do this to localities."""


def national_home() -> ToolkitHomePage:
    home = ToolkitHomePage.objects.filter(locale=Locale.get_default(), depth=2).first()
    if home is None:
        raise ProvisioningError("There is no national toolkit home page yet: load or create it first.")
    return home


def parse_nation(value: str) -> str:
    """'England', 'england' or 'Northern Ireland' -> the stored value."""
    wanted = (value or "").strip().lower().replace(" ", "-")
    for choice in Nation:
        if wanted in {choice.value, choice.label.lower().replace(" ", "-")}:
            return choice.value
    raise ProvisioningError({"nation": f"Unknown nation “{value}”: use England, Wales, Scotland or Northern Ireland."})


@dataclass
class ProvisionLocality:
    user: object
    name: str
    slug: str = ""
    nation: str = Nation.ENGLAND
    region: str = ""
    hostname: str = ""
    profile: dict = field(default_factory=dict)
    skip_permission_checks: bool = False  # trusted callers only: management commands, demo data
    existed: bool = field(default=False, init=False)

    @classmethod
    def from_fields(cls, fields, **options):
        """The action for the locality a form or a command describes: its name, slug, nation, region and host name."""
        return cls(**{key: fields[key] for key in ("name", "slug", "nation", "region", "hostname")}, **options)

    def normalise(self):
        self.name = " ".join((self.name or "").split())
        self.slug = slugify(self.slug or self.name)
        self.hostname = (self.hostname or "").strip().lower()
        self.nation = parse_nation(self.nation)
        if not self.name:
            raise ProvisioningError({"name": "Give the locality a name."})
        if not self.slug:
            raise ProvisioningError({"slug": "Give the locality an address made of letters, digits and hyphens."})
        if self.hostname:
            try:
                hostname_validator(self.hostname)
            except ValidationError as error:
                raise ProvisioningError({"hostname": error.messages}) from error

    def same_locality(self) -> Locality | None:
        """The locality this call already made, if every identifying argument matches."""
        existing = Locality.objects.filter(slug=self.slug, name__iexact=self.name).first()
        if existing and existing.hostname == self.hostname and existing.home_page_id:
            return existing
        return None

    def check(self, home):
        if Locality.objects.filter(slug=self.slug).exists():
            raise ProvisioningError({"slug": f"Another locality already uses the address “{self.slug}”."})
        if Locality.objects.filter(name__iexact=self.name).exists():
            raise ProvisioningError({"name": f"A locality called “{self.name}” already exists."})
        if self.slug in RESERVED_SLUGS:
            raise ProvisioningError({"slug": f"The address “{self.slug}” is reserved for the toolkit's own pages."})
        if home.get_children().filter(slug=self.slug).exists():
            raise ProvisioningError({"slug": f"The address “{self.slug}” is already used by a national page."})
        if self.hostname and (
            Site.objects.filter(hostname=self.hostname).exists()
            or Locality.objects.filter(hostname=self.hostname).exists()
        ):
            raise ProvisioningError({"hostname": f"The host name “{self.hostname}” is already in use."})

    def execute(self) -> Locality:
        if not self.skip_permission_checks and not is_national_team(self.user):
            raise LocalityPermissionError("Only the national team can add localities.")
        self.normalise()
        existing = self.same_locality()
        if existing is not None:
            self.existed = True
            return existing
        home = national_home()
        self.check(home)
        locality = Locality(
            name=self.name, slug=self.slug, nation=self.nation, region=self.region, hostname=self.hostname,
            **self.profile,
        )  # fmt: skip
        locality.full_clean(exclude=["home_page", "collection", "editors_group", "publishers_group", "workflow"])
        user = self.user if getattr(self.user, "pk", None) else None
        with transaction.atomic():
            ensure_national_team(home)
            locality.save()
            locality_home = home.add_child(
                instance=LocalityHomePage(
                    title=f"{self.name} Contextual Safeguarding toolkit",
                    slug=self.slug,
                    introduction=f"<p>How {self.name} built its Contextual Safeguarding system.</p>",
                    owner=user,
                )
            )
            locality_home.save_revision(user=user, log_action=False).publish(user=user, log_action=False)
            for national_step in StepPage.objects.child_of(home).filter(national_step__isnull=True):
                add_local_step(locality_home, national_step, user)
            for national_page in NationalPage.objects.child_of(home):
                add_inherited_page(locality_home, national_page)
            locality.home_page = locality_home
            locality.collection = Collection.get_first_root_node().add_child(name=self.name)
            locality.editors_group, locality.publishers_group = make_locality_groups(locality, locality_home)
            locality.workflow = make_approval_workflow(locality, locality_home)
            locality.save()  # also creates the locality's own Site when it has a host name
            log(instance=locality, action="sites.provision", user=user)
            from .welsh import ProvisionWelshTree

            ProvisionWelshTree(locality=locality, user=user).execute()
        return locality


def add_local_step(locality_home, national_step, user=None) -> StepPage:
    step = locality_home.add_child(instance=StepPage.following(national_step, show_in_menus=True, owner=user))
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


def _permissions() -> dict:
    """Every permission this module grants, fetched in one query per call of execute()."""
    wanted = {("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation")}
    wanted |= {("wagtailcore", codename) for codename in [*PUBLISHER_PAGE_PERMISSIONS, "bulk_delete_page"]}
    wanted |= set(MEDIA_PERMISSIONS)
    wanted |= {("sites", codename) for codename in ("add_locality", "change_locality", "delete_locality")}
    wanted.add(("resources", "view_downloadcount"))
    wanted.add(("siteinfo", "change_footersettings"))
    found = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in wanted}, codename__in={code for _, code in wanted}
    ).select_related("content_type")
    return {(permission.content_type.app_label, permission.codename): permission for permission in found}


EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
PUBLISHER_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page"]
MEDIA_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]


def _grant(group, page, page_codenames, collection, permissions):
    group.permissions.add(permissions["wagtailadmin", "access_admin"])
    GroupPagePermission.objects.bulk_create(
        [
            GroupPagePermission(group=group, page=page, permission=permissions["wagtailcore", codename])
            for codename in page_codenames
        ],
        ignore_conflicts=True,
    )
    GroupCollectionPermission.objects.bulk_create(
        [
            GroupCollectionPermission(group=group, collection=collection, permission=permissions[key])
            for key in MEDIA_PERMISSIONS
        ],
        ignore_conflicts=True,
    )


def make_locality_groups(locality, locality_home) -> tuple[Group, Group]:
    """Editors edit and submit for approval; publishers also publish. Both
    only under their locality home and in their collection."""
    permissions = _permissions()
    editors = Group.objects.create(name=f"{locality.name} editors")
    _grant(editors, locality_home, EDITOR_PAGE_PERMISSIONS, locality.collection, permissions)
    publishers = Group.objects.create(name=f"{locality.name} publishers")
    _grant(publishers, locality_home, PUBLISHER_PAGE_PERMISSIONS, locality.collection, permissions)
    # Both may link the national documents and images, read-only.
    share_with([editors, publishers])
    return editors, publishers


def make_approval_workflow(locality, locality_home) -> Workflow:
    """Editors' submissions go to the locality's own publishers, not to a site-wide moderators group."""
    workflow = Workflow.objects.create(name=f"{locality.name} approval")
    task = GroupApprovalTask.objects.create(name=f"{locality.name} publishers approve")
    task.groups.set([locality.publishers_group])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=locality_home, defaults={"workflow": workflow})
    return workflow


def ensure_national_team(home) -> Group:
    """The national team edits and publishes everything, manages localities and translations."""
    group, created = Group.objects.get_or_create(name=NATIONAL_TEAM_GROUP)
    permissions = _permissions()
    # Added to groups made before the downloads report existed, too.
    group.permissions.add(
        permissions["resources", "view_downloadcount"], permissions["siteinfo", "change_footersettings"]
    )
    if not created:
        return group
    root_page = Page.get_first_root_node()
    codenames = [*PUBLISHER_PAGE_PERMISSIONS, "bulk_delete_page"]
    _grant(group, root_page, codenames, Collection.get_first_root_node(), permissions)
    group.permissions.add(
        *[permissions["sites", codename] for codename in ("add_locality", "change_locality", "delete_locality")],
        permissions["wagtail_localize", "submit_translation"],
    )
    return group


def localities_for_user(user):
    """The localities whose trees the user may edit."""
    if is_national_team(user):
        return Locality.objects.all()
    groups = user.groups.all()
    return Locality.objects.filter(Q(editors_group__in=groups) | Q(publishers_group__in=groups)).distinct()


@dataclass
class SetLocalityStatus:
    """Archive (hide from the public, keep everything) or restore a locality."""

    user: object
    locality: Locality
    status: str

    def execute(self) -> Locality:
        if not is_national_team(self.user):
            raise LocalityPermissionError("Only the national team can archive or restore localities.")
        if self.status not in LocalityStatus.values:
            raise ProvisioningError({"status": "Choose active or archived."})
        with transaction.atomic():
            self.locality.status = self.status
            self.locality.save(update_fields=["status"])
            action = "sites.archive" if self.status == LocalityStatus.ARCHIVED else "sites.restore"
            log(instance=self.locality, action=action, user=self.user)
        return self.locality


@dataclass
class DeleteLocality:
    """Delete a locality: its tree, collection (with its documents and images),
    groups, workflow and Site. Needs the locality's slug typed as confirmation.
    National pages and other localities are never touched."""

    user: object
    locality: Locality
    confirmation: str
    skip_permission_checks: bool = False

    def execute(self):
        if not self.skip_permission_checks and not is_national_team(self.user):
            raise LocalityPermissionError("Only the national team can delete localities.")
        if (self.confirmation or "").strip() != self.locality.slug:
            raise ProvisioningError(
                {"confirmation": f"Type the locality's address, “{self.locality.slug}”, to confirm."}
            )
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        locality = self.locality
        user = self.user if getattr(self.user, "pk", None) else None
        with transaction.atomic():
            log(instance=locality, action="sites.delete", user=user)
            home, collection = locality.home_page, locality.collection
            groups = [group for group in (locality.editors_group, locality.publishers_group) if group]
            workflow = locality.workflow
            if home is not None:
                Site.objects.filter(root_page=home).delete()
            locality.delete()
            if home is not None:
                WorkflowPage.objects.filter(page=home).delete()
                home.delete()
            if workflow is not None:
                tasks = [workflow_task.task for workflow_task in workflow.workflow_tasks.all()]
                workflow.delete()
                for task in tasks:
                    task.delete()
            for group in groups:
                group.delete()
            if collection is not None:
                for model in (get_document_model(), get_image_model()):
                    for item in model.objects.filter(collection__in=collection.get_descendants(inclusive=True)):
                        item.delete()
                collection.delete()


def sync_inherited_pages(national_page: Page) -> int:
    """Give every locality an inherited page for a top-level national page
    that it lacks; returns how many were added. Idempotent. Called after a
    national publish (sites.signals) in a background task."""
    parent = national_page.get_parent()
    if national_page.specific_class is not NationalPage or parent.specific_class is not ToolkitHomePage:
        return 0
    homes = list(LocalityHomePage.objects.child_of(parent))
    if not homes:
        return 0
    steplen = Page.steplen
    # Localities that already have a page at this address (inherited or their own): one query.
    taken = {
        path[:-steplen]
        for path in Page.objects.filter(
            depth=parent.depth + 2, path__startswith=parent.path, slug=national_page.slug
        ).values_list("path", flat=True)
    }
    added = 0
    for locality_home in homes:
        if locality_home.path in taken:
            continue
        with transaction.atomic():
            add_inherited_page(locality_home, national_page)
        added += 1
    return added

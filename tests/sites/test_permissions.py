"""Who may do what to whose pages and documents, tested through the Wagtail admin over HTTP.

The world (built once for this module, see ``world_once``): the conftest
``toolkit`` (national home, national page "principles", national step
"assessment"), two localities provisioned through the real action (Hackney
and Bristol: a home, a step and an inherited mirror of "principles" each, a
collection, an editors' and a publishers' group), a document and an image in
each locality's collection, a resource page under each locality's step, and a
draft revision of Bristol's step whose title (``SECRET``) must never reach a
Hackney user.

Users: anonymous, a Hackney editor, a Hackney publisher, a member of the
"National team" group and a superuser.

Wagtail 8 answers a refused admin request with a redirect to the dashboard
and the message "Sorry, you do not have permission to access this area."
(``wagtail.admin.auth.permission_denied``); XHR requests get a 403. The
fences in ``sites.wagtail_hooks`` redirect to the parent's explorer page
instead. Every refused POST below also checks that the database did not change.

Some tests close holes found while writing this matrix: the move
confirmation, copy form, bulk-action confirmations and page chooser showed
other localities' draft titles; a refused media reference echoed its title;
a publisher could schedule their locality home offline; a home draft from
before a locality rename gave a 500.
"""

import datetime
from dataclasses import dataclass
from unittest import mock
from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page, PageViewRestriction, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

import pytest
import wagtail_factories
from wagtail_localize.models import TranslationSource

from resources.blocks import RICH_TEXT_FEATURES, TRANSCRIPT_FEATURES
from resources.factories import ResourceDocumentFactory, ResourcePageFactory, make_pdf
from resources.models import ResourceDocument, ResourcePage, StepPage
from sites.factories import LocalityFactory
from sites.models import NATIONAL_TEAM_GROUP, InheritedPage, Locality, LocalityHomePage
from tests.conftest import build_toolkit, rolled_back

pytestmark = pytest.mark.django_db

SECRET = "Secret Bristol plan"
BRISTOL_DOCUMENT = "Bristol confidential partnership minutes"
HACKNEY_DOCUMENT = "Hackney partnership minutes"
DENIED_MESSAGE = "Sorry, you do not have permission to access this area."

LOCALITY_ROLES = ["editor", "publisher"]
TARGETS = ["own_step", "own_inherited", "own_home", "other_step", "national_page"]
# The page type offered by "add child page" under each target.
CHILD_TYPE = {
    "own_step": ("resources", "resourcepage"),
    "own_inherited": ("resources", "steppage"),
    "own_home": ("resources", "steppage"),
    "other_step": ("resources", "resourcepage"),
    "national_page": ("home", "nationalpage"),
}


# --- The world --------------------------------------------------------------


@dataclass
class World:
    toolkit: dict
    hackney: Locality
    bristol: Locality
    users: dict
    pages: dict
    hackney_document: ResourceDocument
    bristol_document: ResourceDocument
    hackney_image: object
    bristol_image: object
    welsh: Locale

    def page(self, target) -> Page:
        """A fresh copy from the database: views change pages behind our back."""
        return Page.objects.get(pk=self.pages[target].pk).specific


@pytest.fixture(scope="module")
def world_once(django_db_setup, django_db_blocker):
    """Build the world once for the module, inside a transaction rolled back at the end.

    Provisioning two localities takes seconds; doing it for each of the
    hundreds of cases would take many minutes. Each test still runs in its own
    savepoint (``world`` depends on ``db``), so what one test changes the next
    never sees. The national toolkit is the conftest ``toolkit`` fixture's own
    code, run once (a function-scoped fixture cannot feed a module-scoped one).
    """
    with rolled_back(django_db_blocker):
        toolkit = build_toolkit()
        welsh, _ = Locale.objects.get_or_create(language_code="cy")
        hackney = LocalityFactory(name="Hackney", slug="hackney")
        bristol = LocalityFactory(name="Bristol", slug="bristol")

        User = get_user_model()
        editor = User.objects.create_user("hackney-editor", "editor@hackney.example.org", "pw")
        editor.groups.add(hackney.editors_group)
        publisher = User.objects.create_user("hackney-publisher", "publisher@hackney.example.org", "pw")
        publisher.groups.add(hackney.publishers_group)
        national = User.objects.create_user("national", "national@example.org", "pw")
        national.groups.add(Group.objects.get(name=NATIONAL_TEAM_GROUP))
        superuser = User.objects.create_superuser("superuser", "superuser@example.org", "pw")

        own_step = StepPage.objects.child_of(hackney.home_page).get()
        other_step = StepPage.objects.child_of(bristol.home_page).get()
        other_step.title = SECRET
        other_step.save_revision(log_action=True)  # a logged draft: the live title stays "Assessment"

        hackney_document = ResourceDocumentFactory(title=HACKNEY_DOCUMENT, collection=hackney.collection)
        bristol_document = ResourceDocumentFactory(title=BRISTOL_DOCUMENT, collection=bristol.collection)
        own_resource = ResourcePageFactory(
            parent=own_step, title="Hackney guide", slug="hackney-guide", document=hackney_document
        )
        other_resource = ResourcePageFactory(
            parent=other_step, title="Bristol guide", slug="bristol-guide", document=bristol_document
        )
        yield World(
            toolkit=toolkit,
            hackney=hackney,
            bristol=bristol,
            users={"editor": editor, "publisher": publisher, "national": national, "superuser": superuser},
            pages={
                "own_step": own_step,
                "own_inherited": InheritedPage.objects.child_of(hackney.home_page).get(),
                "own_home": hackney.home_page,
                "other_step": other_step,
                "other_home": bristol.home_page,
                "national_page": toolkit["principles"],
                "national_home": toolkit["home"],
                "own_resource": own_resource,
                "other_resource": other_resource,
            },
            hackney_document=hackney_document,
            bristol_document=bristol_document,
            hackney_image=wagtail_factories.ImageFactory(title="Hackney map", collection=hackney.collection),
            bristol_image=wagtail_factories.ImageFactory(title="Bristol map", collection=bristol.collection),
            welsh=welsh,
        )


@pytest.fixture
def world(world_once, db):
    return world_once


@pytest.fixture
def login(client, world):
    """``login("editor")`` -> the test client, logged in as that user."""

    def as_role(role):
        client.force_login(world.users[role])
        return client

    return as_role


# --- Helpers ----------------------------------------------------------------


def assert_denied(response):
    """Wagtail's standard refusal: back to the dashboard with a message."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")


def assert_refused(response):
    """Refused one way or another (the dashboard, a fence's redirect, 403, 404), never done and never a 500."""
    assert response.status_code in (302, 403, 404), response.status_code


def state(page):
    """What a refused action must leave alone."""
    page = Page.objects.get(pk=page.pk)
    return {
        "path": page.path,
        "url_path": page.url_path,
        "slug": page.slug,
        "title": page.title,
        "draft_title": page.draft_title,
        "live": page.live,
        "locked": page.locked,
        "alias_of": page.alias_of_id,
        "type": page.content_type_id,
        "revisions": Revision.page_revisions.filter(object_id=str(page.pk)).count(),
        "restrictions": PageViewRestriction.objects.filter(page=page).count(),
        "expire_at": page.expire_at,
    }


def snapshot():
    """Counts that any successful admin action would change."""
    return (
        Page.objects.count(),
        Page.objects.live().count(),
        Revision.objects.count(),
        Locality.objects.count(),
        ResourceDocument.objects.count(),
    )


def body_text(response) -> str:
    content = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        content = response.json().get("html", "")
    return content


def page_form(page, **changes):
    """What the page's edit form posts, for each page type in the world, with changes."""
    page = page.specific
    data = {
        "title": page.title,
        "slug": page.slug,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    if isinstance(page, StepPage):
        data.update(
            summary=page.summary,
            body=streamfield([("paragraph", rich_text("<p>Local practice.</p>", features=RICH_TEXT_FEATURES))]),
            tier_one_body=streamfield([]),
            tier_two_body=streamfield([]),
        )
    elif isinstance(page, ResourcePage):
        data.update(
            summary=page.summary,
            resource_type=page.resource_type,
            tiers=page.tiers,
            date=page.date.isoformat(),
            document=str(page.document_id or ""),
            media_url="",
            external_url="",
            transcript=rich_text("", features=TRANSCRIPT_FEATURES),
            body=rich_text("", features=TRANSCRIPT_FEATURES),
        )
    elif isinstance(page, LocalityHomePage):
        data.update(
            introduction=rich_text("<p>How we work.</p>"),
            video_url="",
            video_title="",
            video_transcript=rich_text(""),
            infographic="",
        )
    elif page.specific_class.__name__ == "NationalPage":
        data.update(
            summary=page.summary,
            body=streamfield([("paragraph", rich_text("<p>Changed.</p>", features=RICH_TEXT_FEATURES))]),
        )
    if "action-publish" in changes:
        # Publishing a page published before needs a public change note (history.forms).
        data["change_note"] = "Permission matrix test."
    data.update(changes)
    return nested_form_data(data)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def page_view_url(view, page, world):
    """The admin URL of one page action, from wagtail/admin/urls/pages.py."""
    if view == "add_child":
        app, model = CHILD_TYPE[page]
        return reverse("wagtailadmin_pages:add", args=[app, model, world.pages[page].pk])
    return reverse(f"wagtailadmin_pages:{view}", args=[world.pages[page].pk])


def bulk_url(action, *pages):
    query = "&".join(f"id={page.pk}" for page in pages)
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + "?" + query


# --- Anonymous visitors -----------------------------------------------------

ANONYMOUS_URLS = {
    "dashboard": lambda w: reverse("wagtailadmin_home"),
    "explorer": lambda w: reverse("wagtailadmin_explore", args=[w.pages["own_home"].pk]),
    "edit": lambda w: page_view_url("edit", "own_step", w),
    "preview": lambda w: page_view_url("preview_on_edit", "own_step", w),
    "history": lambda w: page_view_url("history", "other_step", w),
    "unpublish": lambda w: page_view_url("unpublish", "own_home", w),
    "delete": lambda w: page_view_url("delete", "own_inherited", w),
    "move": lambda w: reverse(
        "wagtailadmin_pages:move_confirm", args=[w.pages["own_step"].pk, w.pages["other_home"].pk]
    ),
    "copy": lambda w: page_view_url("copy", "own_step", w),
    "add_child": lambda w: page_view_url("add_child", "own_home", w),
    "bulk_delete": lambda w: bulk_url("delete", w.pages["own_step"]),
    "bulk_unpublish": lambda w: bulk_url("unpublish", w.pages["own_home"]),
    "page_chooser": lambda w: reverse("wagtailadmin_choose_page"),
    "page_chooser_child": lambda w: reverse("wagtailadmin_choose_page_child", args=[w.pages["other_step"].pk]),
    "page_chooser_search": lambda w: reverse("wagtailadmin_choose_page_search") + "?q=secret",
    "documents": lambda w: reverse("wagtaildocs:index"),
    "document_chooser": lambda w: reverse("wagtaildocs_chooser:choose"),
    "document_edit": lambda w: reverse("wagtaildocs:edit", args=[w.bristol_document.pk]),
    "submit_translation": lambda w: reverse(
        "wagtail_localize:submit_page_translation", args=[w.pages["national_page"].pk]
    ),
    "locality_add": lambda w: reverse("wagtailsnippets_sites_locality:add"),
    "adapt": lambda w: reverse("sites_adapt", args=[w.pages["own_inherited"].pk]),
    "national_changes": lambda w: reverse("sites_national_changes", args=[w.pages["own_inherited"].pk]),
    "pull_national": lambda w: reverse("sites_pull_national", args=[w.pages["own_inherited"].pk]),
    "revert_to_national": lambda w: reverse("sites_revert_to_national", args=[w.pages["own_inherited"].pk]),
    "national_drift_report": lambda w: reverse("sites_national_drift_report"),
}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("name", ANONYMOUS_URLS)
def test_anonymous_visitors_are_sent_to_the_login_page(world, client, name, method):
    url = ANONYMOUS_URLS[name](world)
    before = snapshot()
    response = getattr(client, method)(url)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("wagtailadmin_login")
    assert unquote(location.query) == f"next={url}"
    assert snapshot() == before


# --- The page matrix: which admin views each role may open ------------------

PAGE_VIEWS = ["edit", "preview_on_edit", "history", "unpublish", "delete", "copy", "move", "set_privacy", "add_child"]
OPENS = {
    # Editors edit their tree and submit for approval; they may not take pages offline.
    ("editor", "own_step"): {"edit", "preview_on_edit", "history", "copy", "add_child"},
    # The home's content is theirs; the home itself (the locality's address) is not.
    ("editor", "own_home"): {"edit", "preview_on_edit", "history", "add_child"},
    # Without Wagtail's bulk_delete permission only leaf pages can be deleted,
    # and the step holds a resource page.
    ("publisher", "own_step"): set(PAGE_VIEWS) - {"delete"},
    ("publisher", "own_home"): {"edit", "preview_on_edit", "history", "add_child"},
    # A plain inherited page's edit address explains that it follows national guidance and
    # offers to adapt it; it is not its edit form (tests/sites/test_drift.py), and posting is refused.
    ("editor", "own_inherited"): {"edit"},
    ("publisher", "own_inherited"): {"edit"},
}
PAGE_MATRIX = [
    pytest.param(role, target, view, view in OPENS.get((role, target), set()), id=f"{role}-{target}-{view}")
    for role in LOCALITY_ROLES
    for target in TARGETS
    for view in PAGE_VIEWS
]


@pytest.mark.parametrize(("role", "target", "view", "opens"), PAGE_MATRIX)
def test_page_view_matrix_for_locality_roles(world, login, role, target, view, opens):
    """Inherited pages, other localities and national pages are closed to
    locality users; the locality home cannot be unpublished, deleted, moved,
    copied or made private by them."""
    response = login(role).get(page_view_url(view, target, world))
    if opens:
        assert response.status_code == 200
    else:
        assert_denied(response)


@pytest.mark.parametrize("view", ["edit", "history", "preview_on_edit"])
@pytest.mark.parametrize("role", ["national", "superuser"])
def test_national_team_can_open_inherited_pages(world, login, role, view):
    response = login(role).get(page_view_url(view, "own_inherited", world))
    assert response.status_code == 200


def test_national_team_sees_where_an_inherited_page_comes_from(world, login):
    response = login("national").get(edit_url(world.pages["own_inherited"]))
    assert "This page shows the live national page" in response.content.decode()


@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_the_denial_tells_the_user_why(world, login, role):
    response = login(role).get(edit_url(world.pages["other_step"]), follow=True)
    assert response.status_code == 200
    content = response.content.decode()
    assert DENIED_MESSAGE in content
    assert SECRET not in content


# --- Editing, saving drafts and publishing ----------------------------------


def test_editor_saves_a_draft_of_their_own_step(world, login):
    step = world.page("own_step")
    response = login("editor").post(edit_url(step), page_form(step, title="Hackney assessment"))
    assert response.status_code == 302
    assert response["Location"] == edit_url(step)
    step = world.page("own_step")
    assert step.draft_title == "Hackney assessment"
    assert step.title == "Assessment"  # the live page is unchanged
    assert step.has_unpublished_changes


def test_editor_cannot_publish_their_own_step(world, login):
    """Only publishers publish: an editor's "publish" is saved as a draft."""
    step = world.page("own_step")
    live_revision = step.live_revision_id
    login("editor").post(edit_url(step), page_form(step, title="Published by an editor", **{"action-publish": "1"}))
    step = world.page("own_step")
    assert step.title == "Assessment"
    assert step.live_revision_id == live_revision
    assert step.draft_title == "Published by an editor"


def test_publisher_publishes_their_own_step(world, login):
    step = world.page("own_step")
    response = login("publisher").post(
        edit_url(step), page_form(step, title="Hackney assessment", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    step = world.page("own_step")
    assert step.title == "Hackney assessment"
    assert step.live and not step.has_unpublished_changes


@pytest.mark.parametrize("publish", [False, True], ids=["save", "publish"])
@pytest.mark.parametrize("target", ["own_inherited", "other_step", "national_page"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_post_edits(world, login, role, target, publish):
    page = world.page(target)
    before = state(page)
    changes = {"title": "Hacked", "slug": "hacked"}
    if publish:
        changes["action-publish"] = "1"
    response = login(role).post(edit_url(page), page_form(page, **changes))
    assert_denied(response)
    assert state(page) == before


@pytest.mark.parametrize("publish", [False, True], ids=["save", "publish"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_change_their_homes_slug(world, login, role, publish):
    """The locality's address is its home's slug, changed only by the national
    team under Localities. The home's edit form has no slug field, so a posted
    slug is ignored rather than reported; either way it must not change."""
    home = world.page("own_home")
    changes = {"title": "Hackney toolkit", "slug": "hacked"}
    if publish:
        changes["action-publish"] = "1"
    response = login(role).post(edit_url(home), page_form(home, **changes))
    assert response.status_code in (200, 302)
    home = world.page("own_home")
    assert home.slug == "hackney"
    assert home.url_path == "/toolkit/hackney/"
    assert home.get_latest_revision_as_object().slug == "hackney"
    assert Locality.objects.get(pk=world.hackney.pk).slug == "hackney"


def rename_hackney(login):
    """The national team changes Hackney's address under Localities."""
    url = reverse("wagtailsnippets_sites_locality:edit", args=[Locality.objects.get(slug="hackney").pk])
    response = login("national").post(url, {**LOCALITY_FORM, "name": "Hackney", "slug": "hackney-borough"})
    assert response.status_code == 302


def test_a_national_rename_survives_the_next_locality_publish(world, login):
    rename_hackney(login)
    home = world.page("own_home")
    response = login("publisher").post(edit_url(home), page_form(home, title="Hackney", **{"action-publish": "1"}))
    assert response.status_code == 302
    home = world.page("own_home")
    assert (home.slug, home.url_path, home.title) == ("hackney-borough", "/toolkit/hackney-borough/", "Hackney")


@pytest.mark.parametrize("how", ["pending_draft", "revert"])
def test_editing_the_home_after_a_rename_never_crashes(world, login, client, how):
    home = world.page("own_home")
    first_revision = home.revisions.order_by("created_at", "pk").first()
    if how == "pending_draft":
        assert login("editor").post(edit_url(home), page_form(home, title="Hackney draft")).status_code == 302
    rename_hackney(login)
    home = world.page("own_home")
    if how == "revert":
        url = reverse("wagtailadmin_pages:revisions_revert", args=[home.pk, first_revision.pk])
    else:
        url = edit_url(home)
    client.raise_request_exception = False
    response = login("publisher").post(url, page_form(home, title="Hackney", **{"action-publish": "1"}))
    assert response.status_code in (200, 302)
    assert world.page("own_home").slug == "hackney-borough"


def test_locality_home_refuses_a_slug_that_differs_from_its_locality(world):
    """The model's own check, for any form that does offer the slug."""
    home = world.page("own_home")
    home.slug = "hacked"
    with pytest.raises(ValidationError, match="address is changed by the national team"):
        home.full_clean()


def test_publisher_cannot_schedule_their_home_to_go_offline(world, login):
    home = world.page("own_home")
    expiry = timezone.now() + datetime.timedelta(days=1)
    login("publisher").post(
        edit_url(home),
        page_form(home, expire_at=timezone.localtime(expiry).strftime("%Y-%m-%d %H:%M"), **{"action-publish": "1"}),
    )
    with mock.patch("django.utils.timezone.now", return_value=expiry + datetime.timedelta(hours=1)):
        call_command("publish_scheduled", verbosity=0)
    assert world.page("own_home").live


# --- Refused actions leave the database alone ------------------------------


@pytest.mark.parametrize("target", ["own_home", "own_inherited", "other_step", "national_page"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_unpublish(world, login, role, target):
    page = world.page(target)
    before = state(page)
    response = login(role).post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]), {"include_descendants": "on"})
    assert_denied(response)
    assert state(page) == before


def test_editor_cannot_unpublish_their_own_step(world, login):
    page = world.page("own_step")
    before = state(page)
    assert_denied(login("editor").post(reverse("wagtailadmin_pages:unpublish", args=[page.pk])))
    assert state(page) == before


@pytest.mark.parametrize("target", ["own_home", "own_inherited", "other_step", "national_page"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_delete(world, login, role, target):
    page = world.page(target)
    before = state(page), snapshot()
    response = login(role).post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert_denied(response)
    assert (state(page), snapshot()) == before


# page to move: (destination, what refuses). Each destination accepts that page
# type and has no page at its slug, so only permissions or the fences stand in the way.
MOVES = {
    "own_home": ("national_home", "fence"),  # a locality home belongs under the national home
    "own_inherited": ("own_home", "fence"),  # moving a mirror about inside its own locality
    "own_resource": ("other_step", "permission"),  # out of the locality
    "other_resource": ("own_step", "permission"),  # into the locality
    "national_page": ("national_home", "permission"),
}


@pytest.mark.parametrize("target", list(MOVES))
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_move(world, login, role, target):
    """Refused by Wagtail's permission check (back to the dashboard) or, for
    homes and mirrors, by the ``before_move_page`` fence (back to the parent's
    explorer page)."""
    page = world.page(target)
    destination, refused_by = MOVES[target]
    before = state(page)
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, world.pages[destination].pk])
    response = login(role).post(url)
    if refused_by == "fence":
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_explore", args=[page.get_parent().pk])
    else:
        assert_denied(response)
    assert state(page) == before


def test_national_team_moves_pages_between_localities(world, login):
    """The control for the test above: the same request from the national team moves the page."""
    page = world.page("own_resource")
    url = reverse("wagtailadmin_pages:move_confirm", args=[page.pk, world.pages["other_step"].pk])
    response = login("national").post(url)
    assert response.status_code == 302
    assert world.page("own_resource").get_parent().pk == world.pages["other_step"].pk


# (page to copy, destination, alias?)
COPIES = {
    "own_home": ("national_home", False),
    "own_inherited": ("own_home", True),  # an "alias of the mirror"
    "own_step": ("other_home", False),
    "other_step": ("own_home", False),
    "national_page": ("own_home", False),
}


@pytest.mark.parametrize("target", list(COPIES))
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_copy(world, login, role, target):
    page = world.page(target)
    destination, alias = COPIES[target]
    before = snapshot()
    data = {"new_title": "Copy", "new_slug": "copied", "new_parent_page": world.pages[destination].pk}
    if alias:
        data["alias"] = "on"
    response = login(role).post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)
    if target == "own_step" and response.status_code == 200:
        # They may copy their own step, only not into another locality: the copy form refuses it.
        assert "new_parent_page" in response.context["form"].errors
    else:
        assert_denied(response)
    assert snapshot() == before


def test_editor_copies_their_own_step_within_their_locality(world, login):
    page = world.page("own_step")
    data = {
        "new_title": "Assessment again",
        "new_slug": "assessment-again",
        "new_parent_page": world.pages["own_home"].pk,
    }
    response = login("editor").post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)
    assert response.status_code == 302
    copy = Page.objects.get(slug="assessment-again", locale__language_code="en")
    assert copy.get_parent().pk == world.pages["own_home"].pk
    assert not copy.live  # editors cannot publish, so the copy is a draft


def test_copy_form_does_not_reveal_another_localitys_draft_title(world, login):
    page = world.page("own_step")
    data = {"new_title": "Copy", "new_slug": "copied", "new_parent_page": world.pages["other_step"].pk}
    response = login("editor").post(reverse("wagtailadmin_pages:copy", args=[page.pk]), data)
    assert SECRET not in response.content.decode()


def test_publisher_unpublishes_their_own_step(world, login):
    page = world.page("own_step")
    response = login("publisher").post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    assert response.status_code == 302
    assert not world.page("own_step").live


def test_publisher_deletes_their_own_resource(world, login):
    resource = world.page("own_resource")
    response = login("publisher").post(reverse("wagtailadmin_pages:delete", args=[resource.pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=resource.pk).exists()


@pytest.mark.parametrize("target", ["own_inherited", "other_step", "national_page"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_add_child_pages(world, login, role, target):
    parent = world.page(target)
    before = snapshot()
    app, model = CHILD_TYPE[target]
    data = page_form(world.page("own_step"), title="Planted", slug="planted")
    response = login(role).post(reverse("wagtailadmin_pages:add", args=[app, model, parent.pk]), data)
    assert_denied(response)
    assert snapshot() == before


def test_editor_adds_a_resource_under_their_own_step(world, login):
    parent = world.page("own_step")
    data = page_form(world.page("own_resource"), title="Local leaflet", slug="local-leaflet")
    response = login("editor").post(
        reverse("wagtailadmin_pages:add", args=["resources", "resourcepage", parent.pk]), data
    )
    assert response.status_code == 302
    assert ResourcePage.objects.child_of(parent).filter(slug="local-leaflet").exists()


@pytest.mark.parametrize("target", ["own_inherited", "other_step"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_lock(world, login, role, target):
    page = world.page(target)
    before = state(page)
    assert_denied(login(role).post(reverse("wagtailadmin_pages:lock", args=[page.pk])))
    assert state(page) == before


@pytest.mark.parametrize("target", ["own_home", "own_inherited"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_make_their_home_or_mirrors_private(world, login, role, target):
    """A password on the home would take the whole locality away from the public, like unpublishing."""
    page = world.page(target)
    before = state(page)
    response = login(role).post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": "password", "password": "secret"},
    )
    assert_denied(response)
    assert state(page) == before


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_convert_alias_does_not_apply_to_inherited_pages(world, login, role, method):
    """Mirrors are not Wagtail aliases, so "convert to an ordinary page" has
    nothing to convert: the view 404s (LocaleMiddleware first redirects the
    404 to /en/admin/..., which 404s in turn)."""
    page = world.page("own_inherited")
    before = state(page)
    client = login(role)
    response = getattr(client, method)(reverse("wagtailadmin_pages:convert_alias", args=[page.pk]), follow=True)
    assert response.status_code == 404
    assert state(page) == before
    assert InheritedPage.objects.filter(pk=page.pk).exists()


# --- Information leaks: a Hackney user never reads Bristol's draft -----------


def test_history_of_another_locality_is_denied(world, login):
    assert_denied(login("editor").get(reverse("wagtailadmin_pages:history", args=[world.pages["other_step"].pk])))


@pytest.mark.parametrize("which", ["view", "compare"])
def test_revisions_of_another_locality_are_denied(world, login, which):
    page = world.page("other_step")
    latest, live = page.latest_revision_id, page.live_revision_id
    if which == "view":
        url = reverse("wagtailadmin_pages:revisions_view", args=[page.pk, latest])
    else:
        url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, live, latest])
    assert_denied(login("editor").get(url))


def test_explorer_of_another_locality_is_refused(world, login):
    """With an English and a Welsh tree the editor's explorable root is the
    tree's root: another locality's page is refused (sites.welsh_admin)."""
    other_home = world.pages["other_home"]
    other_home.title = SECRET
    other_home.save_revision()
    response = login("editor").get(reverse("wagtailadmin_explore", args=[other_home.pk]))
    assert response.status_code in (302, 403)
    assert SECRET not in response.content.decode()
    own = login("editor").get(reverse("wagtailadmin_explore", args=[world.pages["own_home"].pk]))
    assert own.status_code == 200


@pytest.mark.parametrize("language", ["en", "cy"])
def test_explorer_of_another_locality_sends_the_editor_to_their_own_tree(world, login, language):
    """Bristol's English or Welsh home: the editor lands on their own
    locality's explorer (in the same language) with a message, and sees none
    of Bristol's draft titles."""
    other_home = world.page("other_home")
    own_home = world.page("own_home")
    if language == "cy":  # Welsh homes are untranslated aliases: no draft of their own
        other_home, own_home = other_home.get_translation(world.welsh), own_home.get_translation(world.welsh)
    else:
        other_home.title = SECRET
        other_home.save_revision()
    response = login("editor").get(reverse("wagtailadmin_explore", args=[other_home.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_explore", args=[own_home.pk])
    content = response.content.decode()
    assert "only explore your own locality" in content
    assert SECRET not in content


def test_an_editor_explores_their_own_welsh_tree(world, login):
    welsh_home = world.page("own_home").get_translation(world.welsh)
    welsh_step = world.page("own_step").get_translation(world.welsh)
    response = login("editor").get(reverse("wagtailadmin_explore", args=[welsh_home.pk]))
    assert response.status_code == 200
    assert reverse("wagtailadmin_pages:edit", args=[welsh_step.pk]) in response.content.decode()


@pytest.mark.parametrize("role", ["editor", "national"])
@pytest.mark.parametrize("report", ["wagtailadmin_reports:site_history", "wagtailadmin_reports:aging_pages"])
def test_reports_show_other_localities_only_to_the_national_team(world, login, report, role):
    """Bristol's draft was logged ("Secret Bristol plan" edited): the national
    team's reports show it, a Hackney editor's do not."""
    response = login(role).get(reverse(report))
    assert response.status_code == 200
    content = response.content.decode()
    visible = role == "national"
    assert (SECRET in content) is visible
    assert ("Bristol" in content) is visible


@pytest.mark.parametrize("q", ["secret", "assessment", "bristol"])
def test_admin_page_search_stays_in_the_editors_locality(world, login, q):
    response = login("editor").get(reverse("wagtailadmin_pages:search") + f"?q={q}")
    assert response.status_code == 200
    content = response.content.decode()
    assert SECRET not in content
    assert "Bristol" not in content


def test_move_confirmation_of_another_localitys_page_is_denied(world, login):
    url = reverse("wagtailadmin_pages:move_confirm", args=[world.pages["other_step"].pk, world.pages["own_step"].pk])
    response = login("editor").get(url)
    assert_refused(response)
    assert SECRET not in response.content.decode()


# --- Bulk actions -----------------------------------------------------------

BULK_CASES = [
    ("delete", "own_home"),
    ("delete", "own_inherited"),
    ("delete", "other_step"),
    ("delete", "national_page"),
    ("unpublish", "own_home"),
    ("unpublish", "own_inherited"),
    ("unpublish", "other_step"),
    ("unpublish", "national_page"),
    ("publish", "own_inherited"),
    ("publish", "other_step"),
    ("move", "own_inherited"),
    ("move", "other_step"),
]


@pytest.mark.parametrize(("action", "target"), BULK_CASES, ids=[f"{a}-{t}" for a, t in BULK_CASES])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_bulk_actions_refused_leave_the_page_alone(world, login, role, action, target):
    """The bulk views accept any ids; pages the user may not act on are skipped."""
    page = world.page(target)
    before = state(page), snapshot()
    data = {"chooser": world.pages["own_home"].pk} if action == "move" else {}
    response = login(role).post(bulk_url(action, page), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    assert (state(page), snapshot()) == before


@pytest.mark.parametrize("action", ["delete", "unpublish"])
def test_editor_cannot_bulk_take_their_own_step_offline(world, login, action):
    page = world.page("own_step")
    before = state(page)
    response = login("editor").post(bulk_url(action, page))
    assert response.status_code == 302
    assert state(page) == before


def test_publisher_bulk_unpublishes_their_own_step(world, login):
    """The control for the refusals above: the same request on a page the user may unpublish works."""
    response = login("publisher").post(bulk_url("unpublish", world.page("own_step")))
    assert response.status_code == 302
    assert not world.page("own_step").live


@pytest.mark.parametrize("action", ["publish", "unpublish"])
@pytest.mark.parametrize("role", ["national", "superuser"])
def test_bulk_actions_on_inherited_pages_never_crash(world, login, role, action):
    """Aliases made bulk publish raise a 500 (INHERITANCE.md loophole 4); mirrors must not."""
    response = login(role).post(bulk_url(action, world.page("own_inherited")))
    assert response.status_code == 302


@pytest.mark.parametrize("action", ["delete", "unpublish", "publish", "move"])
def test_bulk_confirmation_does_not_reveal_another_localitys_draft_title(world, login, action):
    response = login("editor").get(bulk_url(action, world.page("other_step")))
    assert SECRET not in response.content.decode()


# --- The page chooser --------------------------------------------------------

CHOOSER_URLS = {
    "root": lambda w: reverse("wagtailadmin_choose_page"),
    "national_home": lambda w: reverse("wagtailadmin_choose_page_child", args=[w.pages["national_home"].pk]),
    "own_home": lambda w: reverse("wagtailadmin_choose_page_child", args=[w.pages["own_home"].pk]),
    "search_secret": lambda w: reverse("wagtailadmin_choose_page_search") + "?q=secret",
    "search_assessment": lambda w: reverse("wagtailadmin_choose_page_search") + "?q=assessment",
    "search_bristol": lambda w: reverse("wagtailadmin_choose_page_search") + "?q=bristol",
}


@pytest.mark.parametrize("name", CHOOSER_URLS)
def test_page_chooser_never_lists_another_locality(world, login, name):
    response = login("editor").get(CHOOSER_URLS[name](world))
    assert response.status_code == 200
    html = body_text(response)
    assert SECRET not in html
    assert "Bristol" not in html
    for page in (world.pages["other_home"], world.pages["other_step"]):
        assert f'data-id="{page.pk}"' not in html


def test_page_chooser_lists_the_editors_own_pages(world, login):
    html = body_text(login("editor").get(CHOOSER_URLS["own_home"](world)))
    assert "Assessment" in html
    assert "Principles" in html


@pytest.mark.parametrize("parent", ["other_home", "other_step"])
def test_page_chooser_does_not_browse_from_another_localitys_page(world, login, parent):
    response = login("editor").get(reverse("wagtailadmin_choose_page_child", args=[world.pages[parent].pk]))
    html = body_text(response) if response.status_code == 200 else ""
    assert SECRET not in html
    assert "Bristol" not in html


# --- Documents ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("wagtaildocs:index"),
        lambda: reverse("wagtaildocs:index") + "?q=minutes",
        lambda: reverse("wagtaildocs_chooser:choose"),
        lambda: reverse("wagtaildocs_chooser:choose_results") + "?q=minutes",
    ],
    ids=["listing", "listing_search", "chooser", "chooser_search"],
)
def test_document_lists_stay_in_the_editors_collection(world, login, url):
    response = login("editor").get(url())
    assert response.status_code == 200
    html = body_text(response)
    assert HACKNEY_DOCUMENT in html
    assert BRISTOL_DOCUMENT not in html


@pytest.mark.parametrize("view", ["edit", "delete"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_editor_cannot_edit_or_delete_another_localitys_document(world, login, view, method):
    document = world.bristol_document
    client = login("editor")
    response = getattr(client, method)(reverse(f"wagtaildocs:{view}", args=[document.pk]), {"title": "Hacked"})
    assert_denied(response)
    document = ResourceDocument.objects.get(pk=document.pk)
    assert document.title == BRISTOL_DOCUMENT
    assert document.collection_id == world.bristol.collection_id


@pytest.mark.parametrize("view", ["add", "add_multiple"])
def test_uploads_never_land_in_another_localitys_collection(world, login, view):
    """An editor who can add to one collection gets no collection choice: a
    posted Bristol collection id is ignored and the file lands in Hackney's."""
    existing = list(ResourceDocument.objects.values_list("pk", flat=True))
    data = {"title": "Planted", "collection": world.bristol.collection_id}
    upload = SimpleUploadedFile("planted.pdf", make_pdf("Planted"))
    client = login("editor")
    if view == "add":
        response = client.post(reverse("wagtaildocs:add"), {**data, "file": upload})
    else:
        xhr = {"x-requested-with": "XMLHttpRequest"}
        response = client.post(reverse("wagtaildocs:add_multiple"), {**data, "files[]": upload}, headers=xhr)
    assert response.status_code in (200, 302)
    new = ResourceDocument.objects.exclude(pk__in=existing)
    assert set(new.values_list("collection", flat=True)) <= {world.hackney.collection_id}


def test_editor_can_upload_into_their_own_collection(world, login):
    response = login("editor").post(
        reverse("wagtaildocs:add"),
        {
            "title": "Hackney upload",
            "file": SimpleUploadedFile("upload.pdf", make_pdf("Upload")),
            "collection": world.hackney.collection_id,
        },
    )
    assert response.status_code == 302
    assert ResourceDocument.objects.get(title="Hackney upload").collection_id == world.hackney.collection_id


# --- Referencing another locality's media server-side ----------------------


def reference_form(world, how, owner):
    """(page, form data) for an edit that points at ``owner``'s document or image."""
    document = world.hackney_document if owner == "hackney" else world.bristol_document
    image = world.hackney_image if owner == "hackney" else world.bristol_image
    if how == "resource_document":
        page = world.page("own_resource")
        return page, page_form(page, document=str(document.pk))
    if how == "home_infographic":
        page = world.page("own_home")
        return page, page_form(page, infographic=str(document.pk))
    step = world.page("own_step")
    blocks = {
        "rich_text_link": (
            "paragraph",
            rich_text(f'<p><a linktype="document" id="{document.pk}">minutes</a></p>', features=RICH_TEXT_FEATURES),
        ),
        "document_block": ("document", {"document": str(document.pk), "title": "", "description": ""}),
        "image_block": ("image", {"image": str(image.pk), "alt_text": "A map", "caption": ""}),
    }
    return step, page_form(step, body=streamfield([blocks[how]]))


REFERENCES = ["resource_document", "home_infographic", "rich_text_link", "document_block", "image_block"]


def form_errors(response) -> str:
    form = response.context["form"]
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@pytest.mark.parametrize("how", REFERENCES)
def test_editor_can_reference_their_own_collection(world, login, how):
    """The control for the test below: the same form with Hackney's media saves."""
    page, data = reference_form(world, how, "hackney")
    response = login("editor").post(edit_url(page), data)
    assert response.status_code == 302
    media = world.hackney_image if how == "image_block" else world.hackney_document
    assert f"{media.pk}" in str(Page.objects.get(pk=page.pk).latest_revision.content)


@pytest.mark.parametrize("how", REFERENCES)
def test_editor_cannot_reference_another_localitys_media(world, login, how):
    """Choosers list only the editor's collections; a crafted POST with a
    Bristol id is refused by the page form (resources.forms.ScopedReferencesPageForm)."""
    page, data = reference_form(world, how, "bristol")
    before = state(page)
    response = login("editor").post(edit_url(page), data)
    assert response.status_code == 200  # the form comes back with an error
    assert "not in a collection you can choose from" in form_errors(response)
    assert state(page) == before


@pytest.mark.parametrize(
    "how", ["resource_document", "home_infographic", "document_block", "image_block", "rich_text_link"]
)
def test_a_refused_reference_does_not_reveal_the_media_title(world, login, how):
    """The re-rendered form must not look up the refused id: choosers would show its title."""
    page, data = reference_form(world, how, "bristol")
    content = login("editor").post(edit_url(page), data).content.decode()
    assert BRISTOL_DOCUMENT not in content
    assert "Bristol map" not in content


# --- wagtail-localize ---------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("target", ["other_step", "national_page", "other_home", "national_home"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_submit_translations(world, login, role, target, method):
    page = world.page(target)
    before = snapshot()
    welsh_before = set(Page.objects.filter(locale=world.welsh).values_list("pk", "alias_of_id", "live"))
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    client = login(role)
    response = getattr(client, method)(url, {"locales": [world.welsh.pk], "include_subtree": "on"})
    assert_denied(response)
    assert snapshot() == before
    assert set(Page.objects.filter(locale=world.welsh).values_list("pk", "alias_of_id", "live")) == welsh_before


@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_sync_translations(world, login, role):
    source, _ = TranslationSource.get_or_create_from_instance(world.page("national_page"))
    response = login(role).post(reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert_denied(response)


def test_national_team_can_submit_a_translation(world, login):
    page = world.page("national_page")
    response = login("national").get(reverse("wagtail_localize:submit_page_translation", args=[page.pk]))
    assert response.status_code == 200


# --- Localities (snippets) ---------------------------------------------------

LOCALITY_FORM = {
    "name": "Leeds",
    "slug": "leeds",
    "nation": "england",
    "region": "Yorkshire",
    "hostname": "",
    "population": "",
    "geography": "",
    "partnership": "",
    "operating_model": "",
    "status": "active",
}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_add_localities(world, login, role, method):
    before = snapshot()
    client = login(role)
    response = getattr(client, method)(reverse("wagtailsnippets_sites_locality:add"), LOCALITY_FORM)
    assert_denied(response)
    assert snapshot() == before
    assert not Page.objects.filter(slug="leeds").exists()


@pytest.mark.parametrize("view", ["edit", "delete"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_change_or_delete_their_locality(world, login, role, view):
    """The locality's name and address are the national team's."""
    url = reverse(f"wagtailsnippets_sites_locality:{view}", args=[world.hackney.pk])
    before = snapshot()
    response = login(role).post(url, {**LOCALITY_FORM, "name": "Hackney", "slug": "hacked"})
    assert_denied(response)
    assert snapshot() == before
    assert Locality.objects.get(pk=world.hackney.pk).slug == "hackney"
    assert world.page("own_home").slug == "hackney"


@pytest.mark.parametrize("role", ["national", "superuser"])
def test_national_team_adds_a_locality_with_its_tree(world, login, role):
    response = login(role).post(reverse("wagtailsnippets_sites_locality:add"), LOCALITY_FORM)
    assert response.status_code == 302
    leeds = Locality.objects.get(slug="leeds")
    assert leeds.home_page.url_path == "/toolkit/leeds/"
    assert StepPage.objects.child_of(leeds.home_page).get().national_step_id == world.toolkit["step"].pk
    assert InheritedPage.objects.child_of(leeds.home_page).get().source_id == world.toolkit["principles"].pk
    assert leeds.editors_group.name == "Leeds editors"
    assert leeds.publishers_group.name == "Leeds publishers"
    assert leeds.collection.name == "Leeds"


# --- Adapt, pull, go back to national (sites.adaptation) ---------------------

ADAPTATION_VIEWS = ["sites_adapt", "sites_national_changes", "sites_pull_national", "sites_revert_to_national"]


def adapted_state(page):
    page = InheritedPage.objects.get(pk=page.pk)
    return (
        page.is_adapted,
        page.source_id,
        page.adapted_from_id,
        page.adapted_from_revision_id,
        page.latest_revision_id,
    )


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("view", ADAPTATION_VIEWS)
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_locality_roles_cannot_adapt_pull_or_revert_another_localitys_pages(world, login, role, view, method):
    """Bristol's inherited page, as a mirror (adapt) or adapted (the rest):
    refused with Wagtail's standard denial, and nothing changes."""
    from sites.adaptation import AdaptNationalPage

    page = InheritedPage.objects.child_of(world.bristol.home_page).get()
    if view != "sites_adapt":
        page = AdaptNationalPage(user=world.users["national"], page=page).execute()
    before = adapted_state(page), snapshot()
    response = getattr(login(role), method)(reverse(view, args=[page.pk]))
    assert_denied(response)
    assert (adapted_state(page), snapshot()) == before


@pytest.mark.parametrize("role", ["publisher", "national"])
def test_own_locality_and_national_team_adapt_and_go_back(world, login, role):
    page = world.page("own_inherited")
    client = login(role)
    response = client.post(reverse("sites_adapt", args=[page.pk]))
    assert response.status_code == 302
    assert InheritedPage.objects.get(pk=page.pk).is_adapted
    response = client.post(reverse("sites_revert_to_national", args=[page.pk]))
    assert response.status_code == 302
    assert not InheritedPage.objects.get(pk=page.pk).is_adapted


ADAPTED_OPENS = {"edit", "preview_on_edit", "history"}


@pytest.mark.parametrize("view", PAGE_VIEWS)
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_an_adapted_page_is_the_localitys_to_edit_but_not_to_delete_move_copy_or_unpublish(world, login, role, view):
    from sites.adaptation import AdaptNationalPage

    AdaptNationalPage(user=world.users["national"], page=world.page("own_inherited")).execute()
    response = login(role).get(page_view_url(view, "own_inherited", world))
    if view in ADAPTED_OPENS:
        assert response.status_code == 200
    else:
        assert_refused(response)
        assert InheritedPage.objects.filter(pk=world.pages["own_inherited"].pk, is_adapted=True).exists()


@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_another_localitys_adapted_page_stays_closed(world, login, role):
    from sites.adaptation import AdaptNationalPage

    page = AdaptNationalPage(
        user=world.users["national"], page=InheritedPage.objects.child_of(world.bristol.home_page).get()
    ).execute()
    before = state(page)
    response = login(role).post(edit_url(page), page_form(world.page("national_page"), title="Hacked"))
    assert_denied(response)
    assert state(page) == before

"""Read leaks found by the security probe (issue 14), reproduced as a Hackney
editor against Bristol's and the national team's content through the admin's
real HTTP views. Each test failed before its fence in ``sites.admin_fences``.

The world is ``tests/sites/test_permissions.py``'s: Bristol's step has a
logged draft titled ``SECRET``; here the national Principles page also gets
a draft title that must not reach locality users.
"""

import logging

from django.urls import reverse

import pytest

from tests.sites import test_permissions as permission_world
from tests.sites.test_permissions import BRISTOL_DOCUMENT, DENIED_MESSAGE, HACKNEY_DOCUMENT, LOCALITY_ROLES, SECRET

# The permission matrix's world, built once for this module too.
world_once = permission_world.world_once
world = permission_world.world
login = permission_world.login

pytestmark = pytest.mark.django_db

NATIONAL_DRAFT = "Unannounced national principles"


@pytest.fixture
def national_draft(world):
    principles = world.page("national_page")
    principles.title = NATIONAL_DRAFT
    principles.save_revision(log_action=True)
    return principles


@pytest.fixture
def task_state(world):
    """Hackney's own step in moderation: a real task state whose id the
    workflow action views accept."""
    step = world.page("own_step")
    step.save_revision(user=world.users["editor"])
    workflow_state = step.get_workflow().start(step, world.users["editor"])
    return workflow_state.current_task_state


# --- 1. Workflow views named any page by its draft title ---------------------

WORKFLOW_VIEWS = {
    "preview": lambda page, state: reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, state.task_id]),
    "cancel": lambda page, state: reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[page.pk]),
    "action": lambda page, state: reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]),
    "collect": lambda page, state: reverse(
        "wagtailadmin_pages:collect_workflow_action_data", args=[page.pk, "approve", state.pk]
    ),
}


@pytest.mark.parametrize("view", WORKFLOW_VIEWS)
@pytest.mark.parametrize(("target", "title"), [("other_step", SECRET), ("national_page", NATIONAL_DRAFT)])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_workflow_views_do_not_name_pages_outside_the_editors_tree(
    world, login, national_draft, task_state, role, target, title, view
):
    response = login(role).get(WORKFLOW_VIEWS[view](world.page(target), task_state), follow=True)
    content = response.content.decode()
    assert title not in content
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert DENIED_MESSAGE in content


def test_workflow_preview_refusal_is_logged(world, login, task_state, caplog):
    url = reverse("wagtailadmin_pages:workflow_preview", args=[world.pages["other_step"].pk, task_state.task_id])
    with caplog.at_level(logging.WARNING, logger="sites.security"):
        login("editor").get(url)
    refusals = [record for record in caplog.records if getattr(record, "event", "") == "admin_access_refused"]
    assert refusals and refusals[0].user == "hackney-editor"


def test_workflow_preview_still_tells_the_editor_about_their_own_page(world, login, task_state):
    response = login("editor").get(
        reverse("wagtailadmin_pages:workflow_preview", args=[world.pages["own_home"].pk, task_state.task_id]),
        follow=True,
    )
    assert "is not currently awaiting moderation" in response.content.decode()


# --- 2. The page types usage report covered every tree ------------------------


@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_page_types_usage_report_is_the_national_teams(world, login, role):
    client = login(role)
    response = client.get(reverse("wagtailadmin_reports:page_types_usage"), follow=True)
    content = response.content.decode()
    assert SECRET not in content
    assert DENIED_MESSAGE in content
    results = client.get(reverse("wagtailadmin_reports:page_types_usage_results"))
    assert SECRET not in results.content.decode()
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_reports:page_types_usage") not in dashboard


def test_national_team_still_reads_page_types_usage(world, login):
    response = login("national").get(reverse("wagtailadmin_reports:page_types_usage"))
    assert response.status_code == 200
    assert SECRET in response.content.decode()


# --- 3. The admin API listed every collection's documents ---------------------


@pytest.mark.parametrize("query", ["", "?search=minutes", "?search=Bristol"])
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_admin_api_lists_only_the_editors_documents(world, login, role, query):
    response = login(role).get("/admin/api/main/documents/" + query)
    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert BRISTOL_DOCUMENT not in titles
    if "Bristol" not in query:
        assert HACKNEY_DOCUMENT in titles


def test_admin_api_does_not_give_another_localitys_document_by_id(world, login):
    response = login("editor").get(f"/admin/api/main/documents/{world.bristol_document.pk}/", follow=True)
    assert response.status_code == 404
    assert BRISTOL_DOCUMENT not in response.content.decode()


def test_national_team_lists_every_document_in_the_admin_api(world, login):
    titles = [item["title"] for item in login("national").get("/admin/api/main/documents/").json()["items"]]
    assert {BRISTOL_DOCUMENT, HACKNEY_DOCUMENT} <= set(titles)


# --- 6. An editor without publish permission could go back to national ------


@pytest.fixture
def adapted_in_moderation(world):
    """Hackney's adapted Principles page with an edited draft in Hackney's approval workflow."""
    from sites.adaptation import AdaptNationalPage

    page = AdaptNationalPage(user=world.users["editor"], page=world.page("own_inherited")).execute()
    page.title = "Hackney principles, draft"
    page.save_revision(user=world.users["editor"])
    page.get_workflow().start(page, world.users["editor"])
    return page


def test_editor_cannot_go_back_to_national(world, login, adapted_in_moderation):
    from sites.models import InheritedPage

    page = adapted_in_moderation
    client = login("editor")
    url = reverse("sites_revert_to_national", args=[page.pk])
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert url not in edit_page
    response = client.post(url, follow=True)
    assert "ask one of Hackney&#x27;s publishers" in response.content.decode() or "ask one of Hackney's publishers" in (
        response.content.decode()
    )
    page = InheritedPage.objects.get(pk=page.pk)
    assert page.is_adapted
    assert page.workflow_in_progress


def test_publisher_goes_back_to_national(world, login, adapted_in_moderation):
    from sites.models import InheritedPage

    page = adapted_in_moderation
    client = login("publisher")
    assert (
        reverse("sites_revert_to_national", args=[page.pk])
        in client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    )
    response = client.post(reverse("sites_revert_to_national", args=[page.pk]))
    assert response.status_code == 302
    assert not InheritedPage.objects.get(pk=page.pk).is_adapted


# --- Info: other localities' user names in admin filter lists ----------------


@pytest.fixture
def bristol_editor(world):
    """A Bristol editor who owns, edits and locks Bristol's step."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    user = get_user_model().objects.create_user("bristol-only-editor", "editor@bristol.example.org", "pw")
    user.groups.add(world.bristol.editors_group)
    step = world.page("other_step")
    step.owner = user
    step.locked, step.locked_by, step.locked_at = True, user, timezone.now()
    step.save()
    step.save_revision(user=user, log_action=True)
    return user


USER_LIST_URLS = {
    "explorer": lambda w: reverse("wagtailadmin_explore", args=[w.pages["own_home"].pk]),
    "page_search": lambda w: reverse("wagtailadmin_pages:search") + "?q=assessment",
    "locked_pages": lambda w: reverse("wagtailadmin_reports:locked_pages"),
    "site_history": lambda w: reverse("wagtailadmin_reports:site_history"),
    "workflows": lambda w: reverse("wagtailadmin_reports:workflow"),
}


@pytest.mark.parametrize("view", USER_LIST_URLS)
def test_filter_lists_do_not_name_another_localitys_users(world, login, bristol_editor, view):
    response = login("editor").get(USER_LIST_URLS[view](world))
    assert response.status_code == 200
    assert "bristol-only-editor" not in response.content.decode()


def test_national_team_filters_by_any_user(world, login, bristol_editor):
    response = login("national").get(reverse("wagtailadmin_explore", args=[world.pages["other_home"].pk]))
    assert "bristol-only-editor" in response.content.decode()


# --- Info: the page chooser showed national draft titles ------------------------

CHOOSER_URLS = {
    "root": lambda w: reverse("wagtailadmin_choose_page"),
    "national_home": lambda w: reverse("wagtailadmin_choose_page_child", args=[w.pages["national_home"].pk]),
    "search": lambda w: reverse("wagtailadmin_choose_page_search") + "?q=principles",
    "search_unannounced": lambda w: reverse("wagtailadmin_choose_page_search") + "?q=unannounced",
}


@pytest.mark.parametrize("view", CHOOSER_URLS)
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_page_chooser_does_not_show_national_draft_titles(world, login, national_draft, role, view):
    response = login(role).get(CHOOSER_URLS[view](world))
    assert response.status_code == 200
    content = response.json().get("html", "") if response["Content-Type"].startswith("application/json") else ""
    content = content or response.content.decode()
    assert NATIONAL_DRAFT not in content


def test_national_team_chooser_shows_the_draft_title(world, login, national_draft):
    response = login("national").get(CHOOSER_URLS["national_home"](world))
    assert NATIONAL_DRAFT in response.content.decode()


# --- The explorer, its menu (the admin pages API), search and site history named
# the pages an editor explores through (the national home) by their draft title

NATIONAL_HOME_DRAFT = "Unannounced national home"

ADMIN_TITLE_URLS = {
    "explorer_menu_root": lambda w: "/admin/api/main/pages/?child_of=root&for_explorer=1",
    "explorer_menu_national_home": lambda w: (
        f"/admin/api/main/pages/?child_of={w.pages['national_home'].pk}&for_explorer=1"
    ),
    "listing": lambda w: "/admin/api/main/pages/",
    "search": lambda w: "/admin/api/main/pages/?search=unannounced",
    "own_step_with_ancestors": lambda w: f"/admin/api/main/pages/{w.pages['own_step'].pk}/",
    "national_home": lambda w: f"/admin/api/main/pages/{w.pages['national_home'].pk}/",
    "national_page": lambda w: f"/admin/api/main/pages/{w.pages['national_page'].pk}/",
    "explorer_root": lambda w: reverse("wagtailadmin_explore_root"),
    "page_search": lambda w: reverse("wagtailadmin_pages:search") + "?q=unannounced",
    "site_history": lambda w: reverse("wagtailadmin_reports:site_history"),
}


@pytest.fixture
def national_home_draft(world, national_draft):
    home = world.page("national_home")
    home.title = NATIONAL_HOME_DRAFT
    home.save_revision(log_action=True)
    return home


@pytest.mark.parametrize("view", ADMIN_TITLE_URLS)
@pytest.mark.parametrize("role", LOCALITY_ROLES)
def test_admin_does_not_name_the_pages_an_editor_explores_through_by_their_draft_title(
    world, login, national_home_draft, role, view
):
    response = login(role).get(ADMIN_TITLE_URLS[view](world), follow=True)
    assert response.status_code in (200, 404)
    content = response.content.decode()
    assert NATIONAL_HOME_DRAFT not in content
    assert NATIONAL_DRAFT not in content
    assert SECRET not in content


def test_explorer_menu_names_the_national_home_by_its_live_title(world, login, national_home_draft):
    """The editor still finds the way to their tree through the national home."""
    items = login("editor").get(ADMIN_TITLE_URLS["explorer_menu_root"](world)).json()["items"]
    titles = {item["id"]: item["admin_display_title"] for item in items}
    assert titles[world.pages["national_home"].pk] == world.pages["national_home"].title


def test_admin_pages_api_shows_the_editor_their_own_draft_titles(world, login):
    step = world.page("own_step")
    step.title = "Hackney assessment, new wording"
    step.save_revision()
    detail = login("editor").get(f"/admin/api/main/pages/{step.pk}/").json()
    assert detail["admin_display_title"] == "Hackney assessment, new wording"


@pytest.mark.parametrize("view", ["explorer_menu_root", "explorer_root", "site_history"])
def test_national_team_sees_national_draft_titles(world, login, national_home_draft, view):
    content = login("national").get(ADMIN_TITLE_URLS[view](world)).content.decode()
    assert NATIONAL_HOME_DRAFT in content


def test_site_history_still_shows_the_editor_their_own_tree(world, login):
    step = world.page("own_step")
    step.title = "Hackney assessment, new wording"
    step.save_revision(user=world.users["editor"], log_action=True)
    content = login("editor").get(ADMIN_TITLE_URLS["site_history"](world)).content.decode()
    assert "Hackney assessment, new wording" in content

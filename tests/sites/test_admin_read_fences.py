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

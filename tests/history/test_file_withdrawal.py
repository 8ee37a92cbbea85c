"""Withdrawing an earlier file of a resource from public history, in the admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from sites.factories import LocalityFactory
from sites.models import NATIONAL_TEAM_GROUP

RESOURCE = "/en/assessment/assessment-guide/"


@pytest.fixture
def national_user(db):
    LocalityFactory(name="Hackney", slug="hackney")  # makes the national team group
    user = get_user_model().objects.create_user("national", "national@example.org", "pw")
    user.groups.add(Group.objects.get(name=NATIONAL_TEAM_GROUP))
    return user


def versions_url(page):
    return reverse("history_admin:page_versions", args=[page.pk])


@pytest.mark.django_db
def test_national_team_withdraws_an_earlier_file_from_the_admin(client, replaced, document_resource, national_user):
    client.force_login(national_user)
    screen = client.get(versions_url(document_resource)).content.decode()
    withdraw_url = reverse("history_admin:withdraw_file_version", args=[document_resource.pk, replaced.pk])
    assert "Earlier files" in screen
    assert withdraw_url in screen
    assert client.get(withdraw_url).status_code == 200

    response = client.post(withdraw_url, {"reason": "It named a school"})
    assert response.status_code == 302
    replaced.refresh_from_db()
    assert replaced.withdrawn_at is not None
    assert PageLogEntry.objects.filter(page=document_resource, action="history.withdraw_file").exists()

    client.logout()
    assert client.get(f"{RESOURCE}history/files/{replaced.pk}/").status_code == 404
    public = client.get(f"{RESOURCE}history/").content.decode()
    assert "withdrawn on" in public
    assert "It named a school" not in public


@pytest.mark.django_db
def test_a_reason_is_required(client, replaced, document_resource, national_user):
    client.force_login(national_user)
    url = reverse("history_admin:withdraw_file_version", args=[document_resource.pk, replaced.pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "Give the reason for withdrawing this file." in response.content.decode()
    replaced.refresh_from_db()
    assert replaced.withdrawn_at is None


@pytest.mark.django_db
def test_national_team_restores_a_withdrawn_file(client, replaced, document_resource, national_user):
    client.force_login(national_user)
    client.post(
        reverse("history_admin:withdraw_file_version", args=[document_resource.pk, replaced.pk]), {"reason": "Oops"}
    )
    response = client.post(reverse("history_admin:restore_file_version", args=[document_resource.pk, replaced.pk]))
    assert response.status_code == 302
    client.logout()
    assert client.get(f"{RESOURCE}history/files/{replaced.pk}/").status_code == 200


@pytest.mark.django_db
def test_locality_editors_cannot_withdraw_national_files(client, replaced, document_resource, national_user):
    hackney = LocalityFactory(name="Hackney", slug="hackney")
    publisher = get_user_model().objects.create_user("hackney-publisher", "p@example.org", "pw")
    publisher.groups.add(hackney.publishers_group)
    client.force_login(publisher)
    url = reverse("history_admin:withdraw_file_version", args=[document_resource.pk, replaced.pk])
    response = client.post(url, {"reason": "Not ours to withdraw"})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")
    replaced.refresh_from_db()
    assert replaced.withdrawn_at is None


@pytest.mark.django_db
def test_a_file_of_another_document_is_not_found_here(client, replaced, toolkit, national_user):
    client.force_login(national_user)
    url = reverse("history_admin:withdraw_file_version", args=[toolkit["step"].pk, replaced.pk])
    # Django's LocaleMiddleware sends an unmatched admin 404 on to /en/admin/..., itself a 404.
    assert client.post(url, {"reason": "Wrong page"}, follow=True).status_code == 404
    replaced.refresh_from_db()
    assert replaced.withdrawn_at is None

"""Withdrawing a published version: who may, what disappears, the audit log."""

from django.urls import reverse

from wagtail.models import PageLogEntry

import pytest

from history.models import Withdrawal
from history.withdrawal import RestoreVersion, WithdrawalError, WithdrawalPermissionError, WithdrawVersion


@pytest.mark.django_db
def test_locality_publisher_withdraws_a_version_and_it_is_gone_everywhere(client, localities):
    step, first, second = localities["step"], localities["first"], localities["second"]
    publisher = localities["users"]["hackney-publisher"]
    client.force_login(publisher)
    url = reverse("history_admin:withdraw_version", args=[step.pk, first.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "It named a child's school"})
    assert response.status_code == 302
    withdrawal = Withdrawal.objects.get(revision=first)
    assert withdrawal.withdrawn_by == publisher
    entry = PageLogEntry.objects.get(page=step, action="history.withdraw_version")
    assert entry.user == publisher
    assert entry.data == {"revision_id": first.pk, "reason": "It named a child's school"}
    client.logout()
    history = client.get(step.url + "history/").content.decode()
    assert "Added our MASH contacts" not in history
    assert "This version was withdrawn on" in history
    assert client.get(step.url + "history/compare/", {"from": first.pk, "to": second.pk}).status_code == 404


@pytest.mark.django_db
def test_the_live_version_cannot_be_withdrawn(localities):
    step = localities["step"]
    step.refresh_from_db()
    with pytest.raises(WithdrawalError, match="publish a corrected version first"):
        WithdrawVersion(step.live_revision, user=localities["users"]["national"], reason="x").execute()


@pytest.mark.django_db
def test_a_reason_is_required(client, localities):
    client.force_login(localities["users"]["hackney-publisher"])
    url = reverse("history_admin:withdraw_version", args=[localities["step"].pk, localities["first"].pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert "Give the reason" in response.content.decode()
    assert not Withdrawal.objects.exists()


@pytest.mark.django_db
def test_another_localitys_publisher_cannot_withdraw(client, localities):
    with pytest.raises(WithdrawalPermissionError):
        WithdrawVersion(localities["first"], user=localities["users"]["bristol-publisher"], reason="x").execute()
    client.force_login(localities["users"]["bristol-publisher"])
    url = reverse("history_admin:withdraw_version", args=[localities["step"].pk, localities["first"].pk])
    response = client.post(url, {"reason": "x"})
    assert response.status_code in (302, 403)
    assert not Withdrawal.objects.exists()


@pytest.mark.django_db
def test_drafts_cannot_be_withdrawn(localities):
    step = localities["step"]
    step.refresh_from_db()
    with pytest.raises(WithdrawalError):
        WithdrawVersion(step.latest_revision, user=localities["users"]["national"], reason="x").execute()


@pytest.mark.django_db
def test_only_the_national_team_can_restore(client, localities):
    first = localities["first"]
    WithdrawVersion(first, user=localities["users"]["hackney-publisher"], reason="Named a street").execute()
    with pytest.raises(WithdrawalPermissionError):
        RestoreVersion(first, user=localities["users"]["hackney-publisher"]).execute()
    client.force_login(localities["users"]["hackney-publisher"])
    url = reverse("history_admin:restore_version", args=[localities["step"].pk, first.pk])
    assert client.post(url).status_code in (302, 403)
    assert Withdrawal.objects.filter(revision=first).exists()
    client.force_login(localities["users"]["national"])
    assert client.post(url).status_code == 302
    assert not Withdrawal.objects.filter(revision=first).exists()
    assert PageLogEntry.objects.filter(action="history.restore_version").exists()
    client.logout()
    assert "Added our MASH contacts" in client.get(localities["step"].url + "history/").content.decode()


@pytest.mark.django_db
def test_admin_lists_versions_with_withdraw_buttons(client, localities):
    client.force_login(localities["users"]["hackney-publisher"])
    response = client.get(reverse("history_admin:page_versions", args=[localities["step"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Added our MASH contacts" in html
    assert reverse("history_admin:withdraw_version", args=[localities["step"].pk, localities["first"].pk]) in html


@pytest.mark.django_db
def test_inherited_page_history_points_to_the_national_history(client, localities):
    response = client.get("/en/hackney/principles/history/")
    assert response.status_code == 302
    assert response["Location"].endswith("/en/principles/history/")

"""The national team edits audits in Wagtail's admin; pages stay cheap to serve."""

import pytest

from audit.factories import AuditPageFactory, audit_item, audit_section

from .conftest import item_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("national", "national@example.org", "pw")
    client.force_login(user)
    return client


def test_the_admin_edit_form_shows_sections_and_items(admin_client, audit):
    page = admin_client.get(f"/admin/pages/{audit.pk}/edit/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Governance" in html
    assert "There is a named strategic lead for harm outside the home." in html


def test_an_audit_page_can_be_added_under_the_national_audit_page(admin_client, audit):
    parent = audit.get_parent()
    assert admin_client.get(f"/admin/pages/add/audit/auditpage/{parent.pk}/").status_code == 200


def test_factory_builds_a_published_audit_with_stable_item_ids(audit):
    assert audit.live and audit.live_revision_id is not None
    same = type(audit).objects.get(pk=audit.pk)
    assert item_ids(same) == item_ids(audit)
    assert all(item_ids(audit))


def test_a_second_audit_from_the_factory_has_its_own_items(audit):
    other = AuditPageFactory(parent=audit.get_parent(), slug="system-review")
    assert not set(item_ids(other)) & set(item_ids(audit))


@pytest.fixture
def large_audit(audit, toolkit, document_resource):
    """Five sections of six items, every item linked to the step and a resource."""
    sections = [
        audit_section(
            f"Section {number}",
            [
                audit_item(f"Item {number}.{item}", step=toolkit["step"], resources=[document_resource])
                for item in range(6)
            ],
        )
        for number in range(5)
    ]
    return AuditPageFactory(parent=audit.get_parent(), slug="large", sections=sections)


@pytest.mark.parametrize("size", ["small", "large"])
def test_answer_and_results_pages_take_the_same_bounded_number_of_queries(
    client, audit, large_audit, size, django_assert_max_num_queries
):
    """Queries do not grow with the number of items or answers (every item answered red)."""
    page = audit if size == "small" else large_audit
    started = client.post(page.url, {"area": ""})
    url = started["Location"].split("?")[0]
    ids = item_ids(page)
    client.post(url, {"item": ids, **{f"rating-{item_id}": "red" for item_id in ids}})
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(40):
        assert client.get(url + "results/").status_code == 200


def test_deleting_an_audit_page_deletes_its_audits(client, started, audit):
    from audit.models import AuditResponse

    audit.delete()
    assert not AuditResponse.objects.exists()
    assert client.get(started[0]).status_code == 404


def test_deleting_the_national_audit_page_deletes_the_tools_and_their_audits(started, audit):
    from audit.models import AuditResponse

    audit.get_parent().delete()
    assert not AuditResponse.objects.exists()


def test_a_revision_an_audit_uses_cannot_be_deleted_on_its_own(started, audit):
    from django.db.models import RestrictedError

    from audit.models import AuditResponse

    with pytest.raises(RestrictedError):
        AuditResponse.objects.get().revision.delete()

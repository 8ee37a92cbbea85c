"""Adapt and drift as users see it, over HTTP: the public page and its notice,
the public "what changed" view, the admin's adapt, compare, pull and revert
views, the edit view's panel and listing badges, the dashboard panel (with a
query budget) and the national drift report; the fences against untracked
forks (copy, convert alias, translation)."""

import re

from django.urls import reverse

from wagtail.models import Locale, Page, PageLogEntry, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from history.models import Withdrawal
from home.factories import NationalPageFactory
from resources.blocks import RICH_TEXT_FEATURES
from sites.adaptation import AdaptNationalPage
from sites.merge import BLOCK_KEY
from sites.models import InheritedPage

from .conftest import INTRO, PRACTICE, edit_locally, publish_national, replace_text, texts

pytestmark = pytest.mark.django_db

PAGE_URL = "/en/hackney/principles/"
CHANGES_URL = PAGE_URL + "national-changes/"


def admin_url(name, page):
    return reverse(name, args=[page.pk])


def changes_admin_url(page):
    return admin_url("sites_national_changes", page)


def report_rows(response):
    """{(locality, national page): {"status": ..., "links": [hrefs]}} from the report's table."""
    assert response.status_code == 200
    body = content(response).split('<table class="listing">')[1].split("<tbody>")[1].split("</tbody>")[0]
    rows = {}
    for row in body.split("</tr>")[:-1]:
        cells = [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in row.split("</td>")[:-1]]
        rows[cells[0], cells[1]] = {"status": cells[2], "links": re.findall(r'href="([^"]+)"', row)}
    return rows


def content(response):
    return response.content.decode()


class TestPublicPage:
    def test_an_up_to_date_adapted_page_shows_its_own_content_and_where_it_came_from(self, client, adapted):
        page = content(client.get(PAGE_URL))
        assert INTRO in page
        assert "Adapted from national guidance of" in page
        assert "national-changes/" not in page

    def test_a_page_behind_national_says_so_and_links_to_what_changed(self, client, national, adapted):
        publish_national(national, replace_text(1, "Work with places and peer groups."))
        page = content(client.get(PAGE_URL))
        assert "The national guidance has been updated since" in page
        assert f'href="{CHANGES_URL}"' in page
        changes = client.get(CHANGES_URL)
        assert changes.status_code == 200
        html = content(changes)
        assert '<ins><span class="visually-hidden">added: </span>' in html
        assert "peer groups" in html

    def test_local_drafts_never_show_publicly(self, client, adapted):
        edit_locally(adapted, replace_text(0, "A Hackney draft nobody may see."))
        assert "A Hackney draft nobody may see." not in content(client.get(PAGE_URL))
        assert INTRO in content(client.get(PAGE_URL))

    def test_a_plain_mirror_has_no_what_changed_view(self, client, mirror):
        assert client.get(PAGE_URL).status_code == 200
        assert client.get(CHANGES_URL).status_code == 404

    def test_an_up_to_date_page_has_no_what_changed_view(self, client, adapted):
        assert client.get(CHANGES_URL).status_code == 404

    def test_a_withdrawn_national_version_is_never_diffed_publicly(self, client, national, adapted):
        revision = publish_national(national, replace_text(0, "A version later withdrawn."))
        Withdrawal.objects.create(revision=revision, reason="Published in error.")
        assert client.get(CHANGES_URL).status_code == 404

    def test_a_withdrawn_national_page_leaves_the_adapted_page_public_without_notice(self, client, national, adapted):
        national.unpublish()
        response = client.get(PAGE_URL)
        assert response.status_code == 200
        assert INTRO in content(response)
        assert "Adapted from national guidance" not in content(response)


@pytest.fixture
def as_user(client, users):
    def login(role):
        client.force_login(users[role])
        return client

    return login


class TestAdminJourney:
    def test_editor_adapts_edits_sees_drift_pulls_and_keeps_local_edits(self, as_user, national, mirror, users):
        client = as_user("editor")
        assert "Adapt for this locality" in content(client.get(admin_url("sites_adapt", mirror)))
        response = client.post(admin_url("sites_adapt", mirror))
        assert response.status_code == 302
        assert response["Location"] == admin_url("wagtailadmin_pages:edit", mirror)

        page = InheritedPage.objects.get(pk=mirror.pk)
        values = [block.value.source for block in page.body]
        values[2] = "<p>Hackney partners meet weekly.</p>"
        body = {
            str(index): {
                "type": "paragraph",
                "value": rich_text(value, features=RICH_TEXT_FEATURES),
                "deleted": "",
                "order": str(index),
                "id": block.id,
            }
            for index, (value, block) in enumerate(zip(values, page.body, strict=True))
        }
        body["count"] = str(len(values))
        data = nested_form_data(
            {"title": page.title, "summary": "Hackney's principles.", "body": body, "comments": inline_formset([])}
        )
        response = client.post(admin_url("wagtailadmin_pages:edit", page), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else ""

        publish_national(national, replace_text(0, "Context matters, revised nationally."))
        edit = content(client.get(admin_url("wagtailadmin_pages:edit", page)))
        assert "Behind national" in edit and "1 national update" in edit
        explorer = content(client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk])))
        assert "behind national: 1 update" in explorer

        changes = content(client.get(admin_url("sites_national_changes", page)))
        assert "revised nationally" in changes and "weekly" in changes

        response = client.post(admin_url("sites_pull_national", page))
        assert response.status_code == 302
        draft = InheritedPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        assert [BLOCK_KEY.sub("", text) for text in texts(draft)] == [
            "<p>Context matters, revised nationally.</p>",
            f"<p>{PRACTICE}</p>",
            "<p>Hackney partners meet weekly.</p>",
        ]
        assert draft.summary == "Hackney's principles."
        # The publisher's change note starts from the pull's own.
        assert "Took national changes of" in content(
            as_user("publisher").get(admin_url("wagtailadmin_pages:edit", page))
        )

        publisher = as_user("publisher")
        revision = InheritedPage.objects.get(pk=page.pk).latest_revision
        revision.publish(user=users["publisher"])
        public = content(publisher.get(PAGE_URL))
        assert "revised nationally" in public and "weekly" in public
        assert "The national guidance has been updated since" not in public

    def test_conflicts_are_chosen_per_block_side_by_side(self, as_user, national, adapted):
        edit_locally(adapted, replace_text(0, "Hackney wording."))
        publish_national(national, replace_text(0, "National wording."))
        client = as_user("editor")
        form = content(client.get(admin_url("sites_pull_national", adapted)))
        block_id = next(b.id for b in InheritedPage.objects.get(pk=adapted.pk).body)
        assert f'name="choice-{block_id}"' in form
        assert "Hackney wording." in form and "National wording." in form

        revisions = Revision.objects.count()
        response = client.post(admin_url("sites_pull_national", adapted))
        assert response.status_code == 400
        assert Revision.objects.count() == revisions

        response = client.post(admin_url("sites_pull_national", adapted), {f"choice-{block_id}": "local"})
        assert response.status_code == 302
        draft = InheritedPage.objects.get(pk=adapted.pk).get_latest_revision_as_object()
        assert texts(draft)[0] == "<p>Hackney wording.</p>"

    def test_a_malformed_choice_is_an_error_not_a_500(self, as_user, national, adapted):
        edit_locally(adapted, replace_text(0, "Hackney wording."))
        publish_national(national, replace_text(0, "National wording."))
        block_id = next(b.id for b in InheritedPage.objects.get(pk=adapted.pk).body)
        response = as_user("editor").post(admin_url("sites_pull_national", adapted), {f"choice-{block_id}": "bogus"})
        assert response.status_code == 302
        assert InheritedPage.objects.get(pk=adapted.pk).adapted_from_revision_id == adapted.adapted_from_revision_id

    def test_going_back_to_national(self, as_user, adapted):
        client = as_user("publisher")
        assert client.get(admin_url("sites_revert_to_national", adapted)).status_code == 200
        response = client.post(admin_url("sites_revert_to_national", adapted))
        assert response.status_code == 302
        assert not InheritedPage.objects.get(pk=adapted.pk).is_adapted
        assert "The national guidance" not in content(client.get(PAGE_URL))

    def test_an_inherited_page_opens_from_the_listing_explains_itself_and_offers_to_adapt(self, as_user, mirror):
        client = as_user("editor")
        listing_url = reverse("wagtailadmin_explore", args=[mirror.get_parent().pk])
        edit_url = admin_url("wagtailadmin_pages:edit", mirror)
        listing = content(client.get(listing_url))
        assert f'<a href="{edit_url}">' in listing
        opened = client.get(edit_url)
        assert opened.status_code == 200
        html = content(opened)
        assert "“Principles” follows the national guidance" in html
        assert 'id="page-edit-form"' not in html
        assert f'<form action="{admin_url("sites_adapt", mirror)}" method="post">' in html
        assert ">Adapt for this locality</button>" in html
        response = client.post(admin_url("sites_adapt", mirror))
        assert response["Location"] == edit_url
        assert 'name="summary"' in content(client.get(edit_url))
        listing = content(client.get(listing_url))
        assert "Adapted from national: Principles" in listing and "(adapted)" not in listing

    def test_another_localitys_editor_is_still_refused_an_inherited_page(self, as_user, mirror):
        response = as_user("other").get(admin_url("wagtailadmin_pages:edit", mirror))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")

    def test_editor_may_edit_an_adapted_page_but_not_delete_move_or_copy_it(self, as_user, adapted):
        client = as_user("editor")
        assert client.get(admin_url("wagtailadmin_pages:edit", adapted)).status_code == 200
        for view in ("delete", "copy", "move", "unpublish"):
            response = client.get(admin_url(f"wagtailadmin_pages:{view}", adapted))
            assert response.status_code == 302, view
            assert response["Location"] == reverse("wagtailadmin_home"), view
        assert InheritedPage.objects.filter(pk=adapted.pk, is_adapted=True).exists()


class TestDashboardAndReport:
    def test_dashboard_lists_the_editors_pages_behind_national(self, as_user, national, adapted, localities, users):
        publish_national(national, replace_text(0, "Revised."))
        bristol_page = InheritedPage.objects.child_of(localities[1].home_page).get()
        AdaptNationalPage(user=users["other"], page=bristol_page).execute()
        publish_national(national, replace_text(1, "Revised again."))
        dashboard = content(as_user("editor").get(reverse("wagtailadmin_home")))
        assert "Your pages behind the national guidance" in dashboard
        assert "2 updates" in dashboard
        assert "Bristol" not in dashboard.split("Your pages behind the national guidance")[1].split("</table>")[0]

    @pytest.mark.parametrize("pages", [1, 6])
    def test_dashboard_queries_do_not_grow_with_the_number_of_pages(
        self, toolkit, national, as_user, users, localities, django_assert_max_num_queries, pages
    ):
        from sites.provisioning import sync_inherited_pages

        hackney = localities[0]
        for number in range(pages - 1):
            extra = NationalPageFactory(parent=toolkit["home"], title=f"Extra {number}", slug=f"extra-{number}")
            sync_inherited_pages(extra)
        for page in InheritedPage.objects.child_of(hackney.home_page):
            AdaptNationalPage(user=users["editor"], page=page).execute()
        for national_page in Page.objects.child_of(toolkit["home"]).type(national.__class__):
            national_page.specific.save_revision().publish()
        client = as_user("editor")
        client.get(reverse("wagtailadmin_home"))  # warm caches (content types, site)
        with django_assert_max_num_queries(45):
            response = client.get(reverse("wagtailadmin_home"))
        assert content(response).count("1 update") == pages

    def test_page_listing_computes_drift_in_a_fixed_number_of_queries(
        self, toolkit, national, as_user, users, localities
    ):
        """Each adapted page's title and buttons show its drift; the listing's
        query count is the same for one adapted page as for six."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from sites.provisioning import sync_inherited_pages

        hackney = localities[0]
        listing = reverse("wagtailadmin_explore", args=[hackney.home_page.pk])
        for number in range(5):
            extra = NationalPageFactory(parent=toolkit["home"], title=f"Extra {number}", slug=f"extra-{number}")
            sync_inherited_pages(extra)
        mirrors = list(InheritedPage.objects.child_of(hackney.home_page).order_by("path"))
        client = as_user("editor")

        def listing_queries(adapted_count):
            for page in mirrors[:adapted_count]:
                if not InheritedPage.objects.get(pk=page.pk).is_adapted:
                    AdaptNationalPage(user=users["editor"], page=page).execute()
            for national_page in Page.objects.child_of(toolkit["home"]).type(national.__class__):
                national_page.specific.save_revision().publish()
            client.get(listing)  # warm caches (content types, site)
            with CaptureQueriesContext(connection) as queries:
                html = content(client.get(listing))
            adapted_titles = [page.title for page in mirrors[:adapted_count]]
            for page in mirrors:
                # The title each page has on its own edit view (drift computed per page).
                title = InheritedPage.objects.get(pk=page.pk).get_admin_display_title()
                assert ("behind national" in title) == (page.title in adapted_titles)
                assert title in html
            return len(queries)

        assert listing_queries(1) == listing_queries(6)

    def test_national_team_report_shows_localities_by_national_pages(self, as_user, national, adapted):
        publish_national(national, replace_text(0, "Revised."))
        report = content(as_user("national").get(reverse("sites_national_drift_report")))
        assert "Adapted, behind national" in report
        assert "Inherited" in report  # Bristol
        assert "Bristol" in report and "Hackney" in report

    def test_report_rows_link_to_the_page_and_what_changed_nationally(self, as_user, national, adapted, localities):
        publish_national(national, replace_text(0, "Revised nationally."))
        client = as_user("national")
        rows = report_rows(client.get(reverse("sites_national_drift_report")))
        hackney = rows["Hackney", "Principles"]
        assert hackney["status"] == "Adapted, behind national"
        assert hackney["links"] == [admin_url("wagtailadmin_pages:edit", adapted), changes_admin_url(adapted)]
        assert "Revised nationally." in content(client.get(hackney["links"][1]))
        assert client.get(hackney["links"][0]).status_code == 200
        bristol_mirror = InheritedPage.objects.child_of(localities[1].home_page).get()
        assert rows["Bristol", "Principles"]["links"] == [admin_url("wagtailadmin_pages:edit", bristol_mirror)]

    def test_report_filters_by_locality_national_page_and_state(self, as_user, toolkit, national, adapted):
        publish_national(national, replace_text(0, "Revised."))
        NationalPageFactory(parent=toolkit["home"], title="Tiers", slug="tiers")  # no mirrors yet: missing
        client = as_user("national")
        report = reverse("sites_national_drift_report")
        assert len(report_rows(client.get(report))) == 4
        assert set(report_rows(client.get(report, {"locality": "bristol"}))) == {
            ("Bristol", "Principles"),
            ("Bristol", "Tiers"),
        }
        assert set(report_rows(client.get(report, {"national_page": national.pk}))) == {
            ("Hackney", "Principles"),
            ("Bristol", "Principles"),
        }
        assert set(report_rows(client.get(report, {"state": "behind"}))) == {("Hackney", "Principles")}
        assert set(report_rows(client.get(report, {"state": "missing", "locality": "hackney"}))) == {
            ("Hackney", "Tiers")
        }

    @pytest.mark.parametrize(
        ("role", "own", "other"), [("editor", "Hackney", "Bristol"), ("other", "Bristol", "Hackney")]
    )
    def test_locality_users_see_their_own_localitys_rows_only(self, as_user, adapted, role, own, other):
        client = as_user(role)
        report = reverse("sites_national_drift_report")
        assert {locality for locality, _page in report_rows(client.get(report))} == {own}
        asked_for_other = client.get(report, {"locality": other.lower()})
        assert {locality for locality, _page in report_rows(asked_for_other)} == {own}
        assert f">{other}<" not in content(asked_for_other)
        exported = b"".join(client.get(report, {"export": "csv"}).streaming_content).decode()
        assert own in exported and other not in exported

    def test_the_report_is_refused_to_users_of_no_locality(self, client):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        user = get_user_model().objects.create_user("no-locality", password="pw")
        user.groups.add(Group.objects.get(name="Editors"))  # Wagtail's own group: admin access, no locality
        client.force_login(user)
        response = client.get(reverse("sites_national_drift_report"))
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")


class TestForkFences:
    def test_the_national_team_cannot_copy_an_inherited_page(self, as_user, mirror, localities):
        pages = Page.objects.count()
        response = as_user("national").post(
            admin_url("wagtailadmin_pages:copy", mirror),
            {"new_title": "Copy", "new_slug": "copy", "new_parent_page": localities[0].home_page.pk},
        )
        assert response.status_code == 302
        assert Page.objects.count() == pages

    def test_converting_an_alias_inside_a_locality_is_refused(self, as_user, localities):
        from resources.models import StepPage

        step = StepPage.objects.child_of(localities[0].home_page).first()
        alias = step.create_alias(parent=localities[0].home_page, update_slug="step-alias")
        client = as_user("national")
        response = client.post(admin_url("wagtailadmin_pages:convert_alias", alias))
        assert response.status_code == 302
        assert Page.objects.get(pk=alias.pk).alias_of_id == step.pk

    def test_translating_an_inherited_page_is_refused(self, as_user, mirror):
        welsh, _ = Locale.objects.get_or_create(language_code="cy")
        response = as_user("national").post(
            reverse("wagtail_localize:submit_page_translation", args=[mirror.pk]), {"locales": [welsh.pk]}
        )
        assert response.status_code == 302
        assert not Page.objects.filter(locale=welsh).exists()

    def test_a_subtree_translation_leaves_inherited_pages_out(self, mirror):
        from django.core.exceptions import ValidationError

        welsh, _ = Locale.objects.get_or_create(language_code="cy")
        with pytest.raises(ValidationError, match="not translated on its own"):
            mirror.copy_for_translation(welsh)

    def test_log_actions_are_registered(self, adapted):
        entry = PageLogEntry.objects.get(page=adapted, action="sites.adapt")
        assert entry.message == "Adapted the national page for the locality"

"""Adapt and drift: the whole life cycle of a locality's adapted page, through
the action objects that the admin views also call.

inherit -> adapt -> national edits (several) -> drift counts -> diff ->
pull (with and without conflicts, each conflict resolved both ways) ->
revert -> re-adapt; the national page unpublished or deleted.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError

from wagtail.models import Page, PageLogEntry, Revision

import pytest

from history.models import ChangeNote
from home.factories import NationalPageFactory
from home.models import NationalPage
from sites.adaptation import (
    AdaptationError,
    AdaptNationalPage,
    PullNationalChanges,
    RevertToNational,
    UnresolvedConflicts,
)
from sites.compare import compare_national_then_with_now, compare_national_with_local
from sites.drift import BEHIND, INHERITED, MISSING, UP_TO_DATE, WITHDRAWN, drift_for, drift_report_rows
from sites.models import InheritedPage

from .conftest import INTRO, PARTNERS, PRACTICE, edit_locally, publish_national, raw, replace_text, texts

pytestmark = pytest.mark.django_db


class TestAdapt:
    def test_copies_the_national_content_with_block_ids_and_remembers_where_from(self, national, adapted):
        assert adapted.is_adapted
        assert adapted.source_id is None
        assert adapted.adapted_from_id == national.pk
        assert adapted.adapted_from_revision_id == national.live_revision_id
        assert [b["id"] for b in raw(adapted)] == [b["id"] for b in raw(national)]
        assert texts(adapted) == texts(national)
        assert adapted.live and adapted.live_revision_id == adapted.latest_revision_id

    def test_is_logged_and_saved_as_a_revision(self, adapted, users):
        entry = PageLogEntry.objects.get(page=adapted, action="sites.adapt")
        assert entry.user == users["editor"]
        assert entry.revision_id == adapted.latest_revision_id

    def test_keeps_the_same_page_and_address(self, mirror, adapted):
        assert adapted.pk == mirror.pk
        assert adapted.url_path == mirror.url_path

    def test_adapting_twice_is_refused(self, adapted, users):
        with pytest.raises(AdaptationError, match="already adapted"):
            AdaptNationalPage(user=users["editor"], page=adapted).execute()

    def test_another_localitys_editor_is_refused_and_nothing_changes(self, mirror, users):
        revisions = Revision.objects.count()
        with pytest.raises(PermissionDenied, match="Hackney"):
            AdaptNationalPage(user=users["other"], page=mirror).execute()
        mirror = InheritedPage.objects.get(pk=mirror.pk)
        assert not mirror.is_adapted and mirror.source_id
        assert Revision.objects.count() == revisions

    def test_the_national_team_may_adapt(self, mirror, users):
        assert AdaptNationalPage(user=users["national"], page=mirror).execute().is_adapted

    def test_is_indexed_for_search_once_adapted_and_plain_mirrors_are_not(self, adapted, localities):
        bristol_mirror = InheritedPage.objects.child_of(localities[1].home_page).get()
        indexed = set(InheritedPage.get_indexed_objects().values_list("pk", flat=True))
        assert adapted.pk in indexed and bristol_mirror.pk not in indexed
        assert adapted.get_sitemap_urls() and not bristol_mirror.get_sitemap_urls()


class TestDrift:
    def test_an_adapted_page_starts_up_to_date(self, adapted):
        assert not drift_for(adapted).behind
        assert adapted.get_admin_display_title() == "Adapted from national: Principles"

    def test_counts_each_national_publish_since_adapting(self, national, adapted):
        first = publish_national(national, replace_text(0, "First national edit."))
        publish_national(national, replace_text(1, "Second national edit."))
        national.save_revision()  # a national draft is not an update
        page = InheritedPage.objects.get(pk=adapted.pk)
        drift = drift_for(page)
        assert drift.national_updates == 2
        assert drift.behind_since == PageLogEntry.objects.get(revision=first, action="wagtail.publish").timestamp
        assert page.get_admin_display_title() == "Adapted from national: Principles (behind national: 2 updates)"

    def test_local_edits_do_not_make_a_page_behind(self, adapted):
        edit_locally(adapted, replace_text(0, "Hackney's own words."))
        assert not drift_for(InheritedPage.objects.get(pk=adapted.pk)).behind


class TestDiff:
    def test_national_then_against_now_marks_words_added_and_removed(self, national, adapted):
        publish_national(national, replace_text(1, "Work with places and peer groups."))
        html = "".join(str(c.html) for c in compare_national_then_with_now(adapted) if c.has_changed)
        assert "<ins>" in html and "peer groups" in html
        assert "Changed" in html

    def test_national_now_against_the_local_version(self, national, adapted):
        edit_locally(adapted, replace_text(2, "Hackney partners meet weekly."))
        local = InheritedPage.objects.get(pk=adapted.pk).get_latest_revision_as_object()
        comparisons = compare_national_with_local(NationalPage.objects.get(pk=national.pk), local)
        body = next(c for c in comparisons if c.name == "body")
        assert body.has_changed
        assert "weekly" in str(body.html)


class TestPull:
    def test_takes_national_changes_and_keeps_local_ones_as_a_draft(self, national, adapted, users):
        edit_locally(adapted, replace_text(2, "Hackney partners meet weekly."))
        pulled = publish_national(national, replace_text(0, "Context matters, nationally revised."))
        live_before = texts(InheritedPage.objects.get(pk=adapted.pk))

        revision, result = PullNationalChanges(user=users["editor"], page=adapted).execute()

        page = InheritedPage.objects.get(pk=adapted.pk)
        draft = page.get_latest_revision_as_object()
        assert texts(draft) == [
            "<p>Context matters, nationally revised.</p>",
            f"<p>{PRACTICE}</p>",
            "<p>Hackney partners meet weekly.</p>",
        ]
        assert texts(page) == live_before  # never published
        assert page.has_unpublished_changes
        assert page.adapted_from_revision_id == pulled.pk
        assert not drift_for(page).behind
        note = ChangeNote.objects.get(revision=revision).note
        assert note.startswith("Took national changes of ")
        assert PageLogEntry.objects.filter(page=page, action="sites.pull_national", revision=revision).exists()
        assert result.conflicts == []

    def test_national_additions_and_removals_are_taken(self, national, adapted, users):
        def change(blocks):
            del blocks[1]
            blocks.append({"type": "paragraph", "value": "<p>A new national section.</p>", "id": "new-block"})

        publish_national(national, change)
        PullNationalChanges(user=users["editor"], page=adapted).execute()
        draft = InheritedPage.objects.get(pk=adapted.pk).get_latest_revision_as_object()
        assert texts(draft) == [f"<p>{INTRO}</p>", f"<p>{PARTNERS}</p>", "<p>A new national section.</p>"]

    def test_local_additions_are_kept_where_they_were_added(self, national, adapted, users):
        def add_local(blocks):
            blocks.insert(1, {"type": "paragraph", "value": "<p>In Hackney we start here.</p>", "id": "local"})

        edit_locally(adapted, add_local)
        publish_national(national, replace_text(2, "Partners share everything."))
        PullNationalChanges(user=users["editor"], page=adapted).execute()
        draft = InheritedPage.objects.get(pk=adapted.pk).get_latest_revision_as_object()
        assert texts(draft) == [
            f"<p>{INTRO}</p>",
            "<p>In Hackney we start here.</p>",
            f"<p>{PRACTICE}</p>",
            "<p>Partners share everything.</p>",
        ]

    @pytest.mark.parametrize(("choice", "expected"), [("national", "National wording."), ("local", "Hackney wording.")])
    def test_a_block_changed_on_both_sides_is_the_editors_choice(self, national, adapted, users, choice, expected):
        edit_locally(adapted, replace_text(0, "Hackney wording."))
        publish_national(national, replace_text(0, "National wording."))
        with pytest.raises(UnresolvedConflicts) as unresolved:
            PullNationalChanges(user=users["editor"], page=adapted).execute()
        conflict = unresolved.value.result.conflicts[0]
        assert InheritedPage.objects.get(pk=adapted.pk).adapted_from_revision_id == adapted.adapted_from_revision_id

        PullNationalChanges(user=users["editor"], page=adapted, choices={conflict.key: choice}).execute()
        draft = InheritedPage.objects.get(pk=adapted.pk).get_latest_revision_as_object()
        assert texts(draft)[0] == f"<p>{expected}</p>"

    def test_a_block_removed_locally_but_changed_nationally_is_a_conflict(self, national, adapted, users):
        edit_locally(adapted, lambda blocks: blocks.pop(1))
        publish_national(national, replace_text(1, "Work with places, revised."))
        preview = PullNationalChanges(user=users["editor"], page=adapted).preview()
        assert [c.local for c in preview.conflicts] == [None]

    def test_nothing_to_pull_when_up_to_date(self, adapted, users):
        with pytest.raises(AdaptationError, match="already has every national change"):
            PullNationalChanges(user=users["editor"], page=adapted).execute()

    def test_another_localitys_editor_cannot_pull(self, national, adapted, users):
        publish_national(national, replace_text(0, "Revised."))
        revisions = Revision.objects.count()
        with pytest.raises(PermissionDenied):
            PullNationalChanges(user=users["other"], page=adapted).execute()
        assert Revision.objects.count() == revisions


class TestRevertAndReadapt:
    def test_going_back_to_national_keeps_the_adapted_versions_in_history(self, national, adapted, users):
        edit_locally(adapted, replace_text(0, "Hackney's draft words."))
        page = RevertToNational(user=users["publisher"], page=adapted).execute()
        assert not page.is_adapted
        assert page.source_id == national.pk
        assert page.live and not page.has_unpublished_changes
        history = [r.as_object() for r in Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")]
        assert any("Hackney's draft words." in str(texts(version)) for version in history)
        assert PageLogEntry.objects.filter(page=page, action="sites.revert_to_national").exists()
        assert page.pk not in set(InheritedPage.get_indexed_objects().values_list("pk", flat=True))

    def test_re_adapting_starts_from_the_national_page_as_it_is_now(self, national, adapted, users):
        RevertToNational(user=users["publisher"], page=adapted).execute()
        revision = publish_national(national, replace_text(0, "Newer national words."))
        page = AdaptNationalPage(user=users["editor"], page=InheritedPage.objects.get(pk=adapted.pk)).execute()
        assert page.adapted_from_revision_id == revision.pk
        assert texts(page)[0] == "<p>Newer national words.</p>"

    def test_publishing_an_old_revision_never_changes_the_adaptation_state(self, adapted, users):
        first = adapted.latest_revision
        page = RevertToNational(user=users["national"], page=adapted).execute()
        first.publish(user=users["national"])
        page = InheritedPage.objects.get(pk=page.pk)
        assert not page.is_adapted and page.source_id


class TestNationalSourceWithdrawn:
    def test_unpublishing_the_national_page_leaves_adapted_pages_live_and_marked(self, national, adapted, mirror):
        NationalPage.objects.get(pk=national.pk).unpublish()
        page = InheritedPage.objects.get(pk=adapted.pk)
        assert page.live and page.national_source_withdrawn
        assert "national source withdrawn" in page.get_admin_display_title()

    def test_deleting_the_national_page_leaves_adapted_pages_in_place(self, national, localities, users):
        for locality in localities:
            page = InheritedPage.objects.child_of(locality.home_page).get()
            AdaptNationalPage(user=users["national"], page=page).execute()
        Page.objects.get(pk=national.pk).delete()
        pages = InheritedPage.objects.filter(is_adapted=True)
        assert pages.count() == 2
        assert all(page.national_source_withdrawn and page.live for page in pages)
        with pytest.raises(AdaptationError, match="deleted"):
            RevertToNational(user=users["national"], page=pages.first()).execute()

    def test_plain_mirrors_still_protect_their_national_page(self, national, mirror):
        with pytest.raises(ProtectedError):
            Page.objects.get(pk=national.pk).delete()


class TestReport:
    def test_lists_every_locality_and_national_page_with_its_state(self, toolkit, national, localities, users):
        hackney, bristol = localities
        extra = NationalPageFactory(parent=toolkit["home"], title="Tiers", slug="tiers")  # no mirrors yet: missing
        hackney_page = InheritedPage.objects.child_of(hackney.home_page).get()
        AdaptNationalPage(user=users["national"], page=hackney_page).execute()
        rows = {(row.locality, row.national_page): row for row in drift_report_rows(toolkit["home"])}
        assert rows["Hackney", "Principles"].status == UP_TO_DATE
        assert rows["Bristol", "Principles"].status == INHERITED
        assert rows["Bristol", extra.title].status == MISSING
        publish_national(national, replace_text(0, "Revised."))
        rows = {(row.locality, row.national_page): row for row in drift_report_rows(toolkit["home"])}
        assert (rows["Hackney", "Principles"].status, rows["Hackney", "Principles"].national_updates) == (BEHIND, 1)
        NationalPage.objects.get(pk=national.pk).unpublish()
        rows = {(row.locality, row.national_page): row for row in drift_report_rows(toolkit["home"])}
        assert rows["Hackney", "Principles"].status == WITHDRAWN


class TestLocks:
    def test_a_page_locked_by_someone_else_is_not_pulled_into(self, national, adapted, users):
        from django.utils import timezone

        InheritedPage.objects.filter(pk=adapted.pk).update(
            locked=True, locked_by=users["publisher"], locked_at=timezone.now()
        )
        publish_national(national, replace_text(0, "Revised."))
        revisions = Revision.objects.count()
        with pytest.raises(AdaptationError, match="cannot be changed now"):
            PullNationalChanges(user=users["editor"], page=adapted).execute()
        assert Revision.objects.count() == revisions

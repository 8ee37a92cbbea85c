"""The audit over HTTP: start, answer, leave, resume, results, reports, versions, bad input."""

import csv
import datetime
import io
import re

from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from wagtail.models import Page, PageLogEntry

import pytest
from pypdf import PdfReader

from audit.actions import TOKEN_BYTES, DeleteStaleAudits, hash_token
from audit.models import AuditAnswer, AuditPage, AuditResponse
from home.models import NationalPage
from resources.factories import ResourcePageFactory
from sites.factories import LocalityFactory

from .conftest import item_ids


def pdf_text(pdf: bytes) -> str:
    """The text a reader copies out of the PDF (the font's glyphs mapped back to characters)."""
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


pytestmark = pytest.mark.django_db

START_URL = "/en/audit/self-assessment/"


def answer(client, url, ratings, notes=None, **extra):
    """POST one section's answers as the plain form does: item ids, ratings, notes."""
    data = {"item": list(ratings)}
    for item_id, rating in ratings.items():
        if rating:
            data[f"rating-{item_id}"] = rating
        data[f"notes-{item_id}"] = (notes or {}).get(item_id, "")
    return client.post(url, data, **extra)


def checked(html, item_id):
    match = re.search(rf'name="rating-{item_id}" value="(\w+)" checked', html)
    return match.group(1) if match else None


class TestStartPage:
    def test_says_how_long_data_is_kept_and_that_no_personal_data_is_asked_for(self, client, audit):
        html = client.get(START_URL).content.decode()
        assert "kept for 365 days after you last open it" in html
        assert "We ask for no personal data" in html
        assert "<li>Governance (2 items)</li>" in html

    def test_retention_period_follows_the_setting(self, client, audit, settings):
        settings.AUDIT_RETENTION_DAYS = 90
        assert "kept for 90 days" in client.get(START_URL).content.decode()

    def test_audit_pages_go_only_under_national_pages(self, audit, toolkit):
        assert AuditPage.can_create_at(audit.get_parent().specific)
        assert not AuditPage.can_create_at(toolkit["home"])
        assert not AuditPage.can_create_at(toolkit["step"])
        assert AuditPage.allowed_subpage_models() == []

    def test_an_unpublished_audit_cannot_be_started(self, client, audit):
        audit.unpublish()
        assert client.get(START_URL).status_code == 404
        assert client.post(START_URL, {"area": ""}).status_code == 404
        assert not AuditResponse.objects.exists()


class TestStart:
    def test_gives_a_private_link_with_an_unguessable_token_stored_only_as_a_hash(self, client, started, audit):
        url, token = started
        assert len(token) >= 43  # 256 bits in URL-safe base64
        assert TOKEN_BYTES * 8 >= 128
        response = AuditResponse.objects.get()
        assert response.token_hash == hash_token(token) and token not in response.token_hash
        assert response.area == "Testshire"
        assert response.revision_id == audit.live_revision_id
        page = client.get(url + "?started=1")
        html = page.content.decode()
        assert page.status_code == 200
        assert f"http://testserver{url}" in html
        assert "keep this private link" in html

    def test_stores_no_client_address_anywhere(self, client, audit):
        client.post(START_URL, {"area": ""}, REMOTE_ADDR="203.0.113.9")
        response = AuditResponse.objects.get()
        assert "203.0.113.9" not in str(vars(response))
        assert all("203.0.113.9" not in str(key) for key in cache._cache)

    def test_an_overlong_area_name_is_refused_with_a_message(self, client, audit):
        page = client.post(START_URL, {"area": "x" * 101})
        assert page.status_code == 400
        assert "Keep the area" in page.content.decode()
        assert not AuditResponse.objects.exists()


class TestAnswering:
    def test_answer_leave_and_resume_from_the_link_in_a_new_browser(self, client, started, audit):
        url, _ = started
        lead, assessments, engagement = item_ids(audit)
        saved = answer(client, url, {lead: "red", assessments: ""}, notes={lead: "No lead named yet."})
        assert saved.status_code == 302
        assert saved["Location"].endswith("?saved=1#section-" + audit.audit_sections[0].id)

        new_browser = Client()
        page = new_browser.get(url)
        html = page.content.decode()
        assert page.status_code == 200
        assert checked(html, lead) == "red"
        assert checked(html, assessments) is None
        assert "No lead named yet." in html
        assert "1 of 2 rated" in html and "0 of 1 rated" in html

    def test_items_ask_in_plain_words_not_the_cms_kind(self, client, started):
        html = client.get(started[0]).content.decode()
        assert "Is this in place?" in html and "How well does this describe you?" in html
        assert "checklist item" not in html and "(statement)" not in html

    def test_changing_an_answer_replaces_it(self, client, started, audit):
        url, _ = started
        lead = item_ids(audit)[0]
        answer(client, url, {lead: "red"})
        answer(client, url, {lead: "green"}, notes={lead: "Named in March."})
        saved = AuditAnswer.objects.get()
        assert (saved.rating, saved.notes) == ("green", "Named in March.")
        assert saved.item_text == "There is a named strategic lead for harm outside the home."

    def test_script_saves_one_answer_and_gets_progress_back(self, client, started, audit):
        url, _ = started
        engagement = item_ids(audit)[2]
        reply = answer(client, url, {engagement: "amber"}, HTTP_ACCEPT="application/json")
        assert reply.status_code == 200
        body = reply.json()
        assert body["saved"] is True
        assert body["progress"][audit.audit_sections[1].id] == "1 of 1 rated"

    def test_each_save_counts_as_use_for_retention(self, client, started, audit):
        url, _ = started
        AuditResponse.objects.update(last_used_at=timezone.now() - datetime.timedelta(days=300))
        answer(client, url, {item_ids(audit)[0]: "green"})
        assert timezone.now() - AuditResponse.objects.get().last_used_at < datetime.timedelta(minutes=1)

    @pytest.mark.parametrize("rating", ["purple", "RED", "1", "green "])
    def test_ratings_outside_red_amber_green_are_refused_and_nothing_is_saved(self, client, started, audit, rating):
        url, _ = started
        lead, assessments, _ = item_ids(audit)
        page = answer(client, url, {lead: "green", assessments: rating}, notes={assessments: "Keep this note"})
        assert page.status_code == 400
        html = page.content.decode()
        assert "Choose red, amber or green." in html
        assert "Keep this note" in html  # what was typed is not lost
        assert not AuditAnswer.objects.exists()

    def test_items_not_in_the_audit_are_refused(self, client, started):
        url, _ = started
        page = answer(client, url, {"not-an-item": "red"})
        assert page.status_code == 400
        assert not AuditAnswer.objects.exists()

    def test_overlong_notes_are_refused_with_a_message(self, client, started, audit):
        url, _ = started
        lead = item_ids(audit)[0]
        page = answer(client, url, {lead: "red"}, notes={lead: "x" * 2001})
        assert page.status_code == 400
        assert "Keep notes to 2,000 characters" in page.content.decode()

    def test_a_post_without_items_is_a_bad_request(self, client, started):
        url, _ = started
        assert client.post(url, {}).status_code == 400

    def test_private_pages_are_not_cached_or_indexed(self, client, started):
        url, _ = started
        page = client.get(url)
        assert "no-store" in page["Cache-Control"]
        assert page["X-Robots-Tag"] == "noindex, nofollow"


class TestTokens:
    @pytest.mark.parametrize("suffix", ["", "results/", "report/pdf/", "report/csv/", "new-version/"])
    def test_unknown_tokens_are_404(self, client, audit, suffix):
        assert client.get(f"{START_URL}r/{'A' * 43}/{suffix}").status_code == 404

    def test_posting_to_an_unknown_token_is_404_and_saves_nothing(self, client, audit):
        lead = item_ids(audit)[0]
        assert answer(client, f"{START_URL}r/{'A' * 43}/", {lead: "red"}).status_code == 404
        assert not AuditAnswer.objects.exists()

    def test_a_token_only_opens_the_audit_it_was_made_for(self, client, started, audit):
        _, token = started
        other = AuditPage.objects.get(pk=audit.pk).copy(
            update_attrs={"slug": "system-review", "title": "System review"}, keep_live=True
        )
        assert other.live
        assert client.get(f"/en/audit/system-review/r/{token}/").status_code == 404

    def test_a_malformed_token_is_404(self, client, audit):
        assert client.get(f"{START_URL}r/{'A' * 400}/").status_code == 404
        assert client.get(f"{START_URL}r/a%00b/").status_code == 404


class TestCsrf:
    def test_starting_without_the_csrf_token_is_refused(self, audit):
        browser = Client(enforce_csrf_checks=True)
        assert browser.post(START_URL, {"area": "Testshire"}).status_code == 403
        assert not AuditResponse.objects.exists()

    def test_answering_without_the_csrf_token_is_refused(self, client, started, audit):
        url, _ = started
        browser = Client(enforce_csrf_checks=True)
        lead = item_ids(audit)[0]
        assert answer(browser, url, {lead: "red"}).status_code == 403
        assert not AuditAnswer.objects.exists()

    def test_the_forms_carry_the_token_that_makes_a_post_succeed(self, audit):
        browser = Client(enforce_csrf_checks=True)
        html = browser.get(START_URL).content.decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        started = browser.post(START_URL, {"area": "", "csrfmiddlewaretoken": csrf})
        assert started.status_code == 302
        url = started["Location"].split("?")[0]
        lead = item_ids(audit)[0]
        saved = browser.post(url, {"item": lead, f"rating-{lead}": "amber", "csrfmiddlewaretoken": csrf})
        assert saved.status_code == 302
        assert AuditAnswer.objects.get().rating == "amber"

    def test_moving_version_without_the_csrf_token_is_refused(self, client, started, audit):
        url, _ = started
        publish_new_version(audit)
        browser = Client(enforce_csrf_checks=True)
        assert browser.post(url + "new-version/").status_code == 403


class TestRateLimit:
    def test_starting_is_limited_per_client_with_a_clear_429_page(self, client, audit, settings):
        settings.AUDIT_START_LIMIT = 2
        for _ in range(2):
            assert client.post(START_URL, {"area": ""}).status_code == 302
        refused = client.post(START_URL, {"area": ""})
        assert refused.status_code == 429
        assert "Too many audits started" in refused.content.decode()
        assert refused["Retry-After"] == "3600"
        assert AuditResponse.objects.count() == 2

    def test_other_clients_can_still_start(self, client, audit, settings):
        settings.AUDIT_START_LIMIT = 1
        assert client.post(START_URL, {"area": ""}, REMOTE_ADDR="198.51.100.1").status_code == 302
        assert client.post(START_URL, {"area": ""}, REMOTE_ADDR="198.51.100.1").status_code == 429
        assert client.post(START_URL, {"area": ""}, REMOTE_ADDR="198.51.100.2").status_code == 302

    def test_resuming_is_not_limited(self, client, started, settings):
        settings.AUDIT_START_LIMIT = 1
        url, _ = started
        for _ in range(3):
            assert client.get(url).status_code == 200


@pytest.fixture
def answered(client, started, audit):
    """Red for the lead (with notes), amber for assessments, green for engagement."""
    url, token = started
    lead, assessments, engagement = item_ids(audit)
    answer(client, url, {lead: "red", assessments: "amber"}, notes={lead: '=HYPERLINK("x") no lead yet'})
    answer(client, url, {engagement: "green"})
    return url, token


class TestResults:
    def test_counts_per_section_and_per_step_in_a_table_beside_an_svg_chart(self, client, answered):
        url, _ = answered
        page = client.get(url + "results/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "Overall: 1 red, 1 amber, 1 green, 0 not rated." in html
        table = re.sub(r"\s+", " ", html)
        assert '<th scope="row">1. Governance</th> <td>1</td><td>1</td><td>0</td><td>0</td>' in table
        assert "<td>0</td><td>0</td><td>1</td><td>0</td>" in table
        assert re.search(r'<th scope="row"><a href="/en/assessment/">Assessment</a></th> <td>0</td><td>1</td>', table)
        svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
        assert '<title id="section-chart-title">Ratings by section</title>' in svg
        assert "1. Governance: 1 red, 1 amber, 0 green, 0 not rated." in svg  # the desc
        assert "R: Red (striped)" in svg  # not colour alone

    def test_amber_and_red_items_link_to_the_step_resources_and_localities(self, client, answered, toolkit):
        hackney = LocalityFactory(name="Hackney", slug="hackney")
        url, _ = answered
        html = client.get(url + "results/").content.decode()
        recommendations = html.split("Where to start")[1]
        assert recommendations.index("1.1 There is a named strategic lead") < recommendations.index("1.2 Assessments")
        assert "Red: Not in place" in recommendations
        assert "Amber: Partly describes us" in recommendations
        assert '<a href="/en/assessment/">Assessment</a>' in recommendations
        assert '<a href="/en/assessment/context-assessment-guide/">Context assessment guide</a>' in recommendations
        assert f'<a href="/en/{hackney.slug}/assessment/">Hackney: Assessment</a>' in recommendations
        assert "Young people" not in recommendations  # green items need no help

    def test_unpublished_resources_and_archived_localities_are_left_out(self, client, answered, toolkit):
        hackney = LocalityFactory(name="Hackney", slug="hackney")
        hackney.status = "archived"
        hackney.save()
        Page.objects.get(slug="context-assessment-guide").unpublish()
        html = client.get(answered[0] + "results/").content.decode()
        assert "Context assessment guide" not in html
        assert "Hackney" not in html

    def test_results_of_an_audit_with_no_answers(self, client, started):
        html = client.get(started[0] + "results/").content.decode()
        assert "No items are rated amber or red yet." in html
        assert "0 red, 0 amber, 0 green, 3 not rated" in html


class TestReports:
    def test_pdf_has_the_date_version_answers_and_recommendations(self, client, answered, audit, uncompressed_pdfs):
        url, _ = answered
        download = client.get(url + "report/pdf/")
        assert download.status_code == 200
        assert download["Content-Type"] == "application/pdf"
        today = timezone.localdate().isoformat()
        assert f'filename="self-assessment-report-{today}.pdf"' in download["Content-Disposition"]
        pdf = download.content
        assert pdf.startswith(b"%PDF")
        text = pdf_text(pdf)
        assert "Self-assessment: report" in text
        assert f"Report date: {today}" in text
        assert "Audit version: Version 1 (" in text
        assert "Area: Testshire" in text
        assert "1.1 There is a named strategic lead for harm outside the home." in text
        assert "Rating: Red (Not in place)" in text
        assert "Toolkit step: Assessment (http://testserver/en/assessment/)" in text
        assert "Resource: Context assessment guide (http://testserver/en/assessment/context-assessment-guide/)" in text

    def test_pdf_is_compressed_by_default_and_still_a_pdf(self, client, answered):
        pdf = client.get(answered[0] + "report/pdf/").content
        assert pdf.startswith(b"%PDF") and b"/FlateDecode" in pdf

    def test_csv_has_the_date_version_and_every_item(self, client, answered, audit):
        download = client.get(answered[0] + "report/csv/")
        assert download.status_code == 200
        assert download["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(download.content.decode())))
        assert rows[0] == ["Audit", "Self-assessment"]
        assert rows[1][0] == "Audit version" and rows[1][1].startswith("Version 1 (")
        assert rows[2] == ["Report date", timezone.localdate().isoformat()]
        assert rows[3] == ["Area", "Testshire"]
        assert rows[5] == ["Section", "Number", "Item", "Type", "Rating", "Notes", "Toolkit step"]
        assert rows[6] == [
            "Governance",
            "1.1",
            "There is a named strategic lead for harm outside the home.",
            "Checklist item",
            "Red (Not in place)",
            '\'=HYPERLINK("x") no lead yet',  # a formula is kept as text
            "",
        ]
        assert rows[7][4:] == ["Amber (Partly describes us)", "", "Assessment"]
        assert rows[8][0] == "Engagement with young people" and rows[8][4] == "Green (Describes us well)"


def publish_new_version(audit, change_text=True, add_item=True):
    """Publish a new revision: item 1.2's text changes, a new item is added to section 2."""
    page = AuditPage.objects.get(pk=audit.pk)
    data = page.sections.get_prep_value()
    if change_text:
        data[0]["value"]["items"][1]["value"]["text"] = "Assessments consider every context a young person names."
    if add_item:
        new_item = {"text": "Young people helped design the audit.", "guidance": "", "step": None, "resources": []}
        data[1]["value"]["items"].append({"type": "statement", "value": new_item, "id": "new-item-id"})
    page.sections = data
    page.save_revision().publish()
    return AuditPage.objects.get(pk=audit.pk)


class TestVersions:
    def test_an_audit_in_progress_keeps_the_version_it_started_on(self, client, answered, audit):
        url, _ = answered
        publish_new_version(audit)
        html = client.get(url).content.decode()
        assert "Assessments consider peer groups, schools and neighbourhoods." in html
        assert "Young people helped design the audit." not in html
        assert "A new version of this audit has been published." in html
        assert "Version 1 (" in html

    def test_new_audits_start_on_the_new_version(self, client, audit):
        new = publish_new_version(audit)
        client.post(START_URL, {"area": ""})
        response = AuditResponse.objects.get()
        assert response.revision_id == new.live_revision_id
        assert response.version_label.startswith("Version 2 (")

    def test_moving_keeps_answers_to_unchanged_items_only(self, client, answered, audit):
        url, _ = answered
        lead, assessments, engagement = item_ids(audit)
        publish_new_version(audit)
        preview = client.get(url + "new-version/").content.decode()
        assert "2 answers to unchanged items will be kept." in preview
        assert "1 answer to items that changed or were removed will be deleted" in preview
        assert "Assessments consider peer groups" in preview

        moved = client.post(url + "new-version/")
        assert moved.status_code == 302 and moved["Location"].endswith("?moved=1")
        response = AuditResponse.objects.get()
        assert response.version_label.startswith("Version 2 (")
        kept = dict(AuditAnswer.objects.values_list("item_id", "rating"))
        assert kept == {lead: "red", engagement: "green"}

        html = client.get(url).content.decode()
        assert "Assessments consider every context a young person names." in html
        assert "Young people helped design the audit." in html
        assert checked(html, lead) == "red" and checked(html, assessments) is None
        assert "A new version of this audit has been published." not in html

    def test_an_audit_on_the_latest_version_has_nothing_to_move_to(self, client, answered):
        url, _ = answered
        assert client.get(url + "new-version/")["Location"] == url
        assert client.post(url + "new-version/")["Location"] == url


class TestRetention:
    def make_stale(self, days):
        AuditResponse.objects.update(last_used_at=timezone.now() - datetime.timedelta(days=days))

    def test_command_deletes_audits_untouched_for_the_retention_period(self, client, answered, audit, capsys):
        self.make_stale(366)
        client.post(START_URL, {"area": "Recent"})
        call_command("delete_stale_audits")
        assert "Deleted 1 audit not used for 365 days." in capsys.readouterr().out
        assert list(AuditResponse.objects.values_list("area", flat=True)) == ["Recent"]
        assert not AuditAnswer.objects.exists()
        assert client.get(answered[0]).status_code == 404

    def test_the_audit_page_history_records_how_many_were_deleted(self, answered, audit):
        self.make_stale(400)
        DeleteStaleAudits().execute()
        entry = PageLogEntry.objects.get(page=audit, action="audit.delete_stale")
        assert entry.data == {"count": 1, "days": 365}
        assert entry.message == "Deleted 1 audit not used for 365 days"

    def test_dry_run_deletes_nothing(self, answered, audit, capsys):
        self.make_stale(400)
        call_command("delete_stale_audits", "--dry-run")
        assert "Would delete 1 audit not used for 365 days." in capsys.readouterr().out
        assert AuditResponse.objects.count() == 1
        assert not PageLogEntry.objects.filter(action="audit.delete_stale").exists()

    def test_period_follows_the_setting(self, answered, settings):
        settings.AUDIT_RETENTION_DAYS = 30
        self.make_stale(31)
        assert DeleteStaleAudits().execute() == 1

    def test_an_audit_used_within_the_period_is_kept(self, answered):
        self.make_stale(364)
        assert DeleteStaleAudits().execute() == 0
        assert AuditResponse.objects.count() == 1


def test_national_audit_page_is_a_national_page(audit):
    assert isinstance(audit.get_parent().specific, NationalPage)


def test_draft_changes_to_a_linked_resource_never_show(client, answered, toolkit):
    draft = ResourcePageFactory(parent=toolkit["step"], title="Draft guide", slug="draft-guide")
    draft.unpublish()
    assert "Draft guide" not in client.get(answered[0] + "results/").content.decode()

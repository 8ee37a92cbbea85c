"""Withdrawn, draft and private content is reachable through no public
history, compare, timeline or feed URL."""

from wagtail.models import PageViewRestriction, Revision
from wagtail.rich_text import RichText

import pytest

from history.withdrawal import WithdrawVersion
from resources.factories import StepPageFactory

from .conftest import DRAFT_SECRET, publish, save_draft

SCHOOL = "Oakfield Academy"
BAD_NOTE = "Added the Oakfield panel"


@pytest.fixture
def corrected(toolkit, superuser):
    """A version that named a school, corrected by the next one, then withdrawn."""
    step = toolkit["step"]
    first = step.live_revision
    mistake = publish(
        step, BAD_NOTE, body=[("paragraph", RichText(f"<p>The panel meets at {SCHOOL} on Tuesdays.</p>"))]
    )
    fixed = publish(step, "Removed a school's name", body=[("paragraph", RichText("<p>The panel meets weekly.</p>"))])
    WithdrawVersion(mistake, user=superuser, reason="Named a school").execute()
    save_draft(step, summary=DRAFT_SECRET)
    return {"first": first, "mistake": mistake, "fixed": fixed}


def public_urls(corrected):
    first, mistake, fixed = corrected["first"].pk, corrected["mistake"].pk, corrected["fixed"].pk
    return [
        "/en/assessment/",
        "/en/assessment/history/",
        f"/en/assessment/history/compare/?from={first}&to={fixed}",
        f"/en/assessment/history/compare/?from={first}&to={mistake}",
        f"/en/assessment/history/compare/?from={mistake}&to={fixed}",
        "/en/updates/",
        f"/en/updates/?year={corrected['fixed'].created_at.year}&step=assessment",
        "/en/updates/feed/",
    ]


@pytest.mark.django_db
def test_withdrawn_and_draft_content_is_nowhere_public(client, corrected):
    for url in public_urls(corrected):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        html = response.content.decode()
        for secret in (SCHOOL, BAD_NOTE, DRAFT_SECRET):
            assert secret not in html, (url, secret)


@pytest.mark.django_db
def test_compares_touching_a_withdrawn_version_are_404(client, corrected):
    first, mistake, fixed = corrected["first"].pk, corrected["mistake"].pk, corrected["fixed"].pk
    for old, new in [(first, mistake), (mistake, fixed)]:
        assert client.get("/en/assessment/history/compare/", {"from": old, "to": new}).status_code == 404
    assert client.get("/en/assessment/history/compare/", {"from": first, "to": fixed}).status_code == 200


@pytest.mark.django_db
def test_guessing_revision_ids_finds_only_this_pages_public_versions(client, corrected, toolkit):
    other = StepPageFactory(parent=toolkit["home"], title="Planning", slug="planning")
    save_draft(other, summary="Planning draft secret")
    public = {corrected["first"].pk, corrected["fixed"].pk}
    ids = sorted(Revision.objects.values_list("pk", flat=True))
    ids += [ids[-1] + 1, 0]
    for old in ids:
        for new in ids:
            response = client.get("/en/assessment/history/compare/", {"from": old, "to": new})
            # Two public versions in the wrong order are shown in order (a redirect).
            expected = (200 if old < new else 302) if {old, new} <= public and old != new else 404
            assert response.status_code == expected, (old, new)
            assert "Planning draft secret" not in response.content.decode()


@pytest.mark.django_db
def test_private_pages_are_in_no_timeline_or_feed(client, corrected, toolkit):
    secret_page = StepPageFactory(parent=toolkit["home"], title="Private step", slug="private-step")
    publish(secret_page, "A private change note")
    PageViewRestriction.objects.create(page=secret_page, restriction_type="password", password="x")
    for url in ["/en/updates/", "/en/updates/feed/", "/en/updates/?step=private-step"]:
        assert "A private change note" not in client.get(url).content.decode()
    response = client.get("/en/private-step/history/")
    assert "A private change note" not in response.content.decode()

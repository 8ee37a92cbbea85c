"""Download counting on Wagtail's document URL, the admin report and the step ZIP."""

import csv
import io
import zipfile

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction

import pytest
import requests

from resources.factories import ResourceDocumentFactory, ResourcePageFactory, StepSubPageFactory, make_pdf
from resources.models import DownloadCount, DownloadEvent

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36"


def downloads(document):
    return sum(DownloadCount.objects.filter(document=document).values_list("count", flat=True))


def test_a_browser_download_is_counted_and_serves_the_file(client, document_resource):
    document = document_resource.document
    response = client.get(document.url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.get(document.url, HTTP_USER_AGENT=BROWSER)
    assert downloads(document) == 2
    assert DownloadCount.objects.get(document=document).month.day == 1


@pytest.mark.parametrize(
    "user_agent",
    ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.5.0", "python-requests/2.32", "AhrefsBot", ""],
)
def test_bots_and_scripts_are_not_counted(client, document_resource, user_agent):
    response = client.get(document_resource.document.url, HTTP_USER_AGENT=user_agent)
    assert response.status_code == 200
    assert downloads(document_resource.document) == 0


def test_head_requests_are_not_counted(client, document_resource):
    client.head(document_resource.document.url, HTTP_USER_AGENT=BROWSER)
    assert downloads(document_resource.document) == 0


def test_counting_sets_no_cookie_and_stores_nothing_about_the_visitor(client, document_resource):
    response = client.get(document_resource.document.url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.9")
    assert not response.cookies
    fields = {field.name for field in DownloadCount._meta.get_fields()}
    assert fields == {"id", "document", "month", "count"}


def test_s3_download_is_counted_then_redirected_to_a_signed_url(client, s3_storage, toolkit):
    pdf = make_pdf("Stored in S3", ["Counted before the redirect."])
    document = ResourceDocumentFactory(title="S3 counted", file=ContentFile(pdf, name="s3-counted.pdf"))
    ResourcePageFactory(parent=toolkit["step"], title="S3 counted", document=document)
    response = client.get(document.url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 302
    assert "X-Amz-Signature=" in response["Location"]
    assert requests.get(response["Location"], timeout=10).content == pdf
    assert downloads(document) == 1


def test_admin_report_shows_counts_per_resource_and_month(admin_client, document_resource):
    admin_client.get(document_resource.document.url, HTTP_USER_AGENT=BROWSER)
    admin_client.get(document_resource.document.url, HTTP_USER_AGENT=BROWSER)
    response = admin_client.get("/admin/reports/downloads/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Assessment guide" in html
    assert ">2<" in html.replace(" ", "").replace("\n", "")


def test_admin_report_exports_csv(admin_client, document_resource):
    admin_client.get(document_resource.document.url, HTTP_USER_AGENT=BROWSER)
    response = admin_client.get("/admin/reports/downloads/", {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["Resource", "Document", "Month", "Downloads"]
    assert rows[1][0] == "Assessment guide" and rows[1][3] == "1"


def test_report_is_refused_to_editors_without_the_permission(client, django_user_model, toolkit):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user("editor", password="pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/admin/reports/downloads/")
    assert response.status_code in (302, 403)
    assert "/admin/reports/downloads/" not in client.get("/admin/").content.decode()


def test_the_national_team_sees_the_report(client, django_user_model, toolkit, document_resource):
    from sites.provisioning import ensure_national_team

    member = django_user_model.objects.create_user("national", password="pw")
    member.groups.add(ensure_national_team(toolkit["home"]))
    client.get(document_resource.document.url, HTTP_USER_AGENT=BROWSER)
    client.force_login(member)
    response = client.get("/admin/reports/downloads/")
    assert response.status_code == 200
    assert document_resource.title in response.content.decode()


def read_zip(response) -> zipfile.ZipFile:
    assert response.streaming
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_step_zip_holds_every_live_public_document_of_the_step(client, toolkit):
    step = toolkit["step"]
    section = StepSubPageFactory(parent=step, title="MASH")
    ResourcePageFactory(parent=step, title="Referral form", document__title="Referral form")
    ResourcePageFactory(parent=section, title="Screening checklist", document__title="Screening checklist")
    draft = ResourcePageFactory(parent=step, title="Unpublished form", document__title="Unpublished form")
    draft.unpublish()
    ResourcePageFactory(parent=step, title="A tip", resource_type="tip", document=None)

    html = client.get("/en/assessment/").content.decode()
    assert 'href="/en/assessment/download-all/"' in html
    response = client.get("/en/assessment/download-all/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="assessment-resources.zip"' in response["Content-Disposition"]
    archive = read_zip(response)
    assert archive.testzip() is None
    names = archive.namelist()
    assert sorted(names) == ["referral-form.pdf", "screening-checklist.pdf"]
    for name in names:
        assert archive.read(name).startswith(b"%PDF")


def test_step_zip_streams_from_s3(client, s3_storage, toolkit):
    pdf = make_pdf("From S3", ["Zipped straight from the bucket."])
    document = ResourceDocumentFactory(title="S3 zipped", file=ContentFile(pdf, name="s3-zipped.pdf"))
    ResourcePageFactory(parent=toolkit["step"], title="S3 zipped", document=document)
    archive = read_zip(client.get("/en/assessment/download-all/"))
    assert archive.read("s3-zipped.pdf") == pdf


def test_step_without_documents_has_no_zip(client, toolkit):
    assert "download-all" not in client.get("/en/assessment/").content.decode()
    assert client.get("/en/assessment/download-all/").status_code == 404


def test_later_byte_ranges_of_a_file_are_not_counted_again(client, document_resource):
    url = document_resource.document.url
    client.get(url, HTTP_USER_AGENT=BROWSER, HTTP_RANGE="bytes=0-")
    client.get(url, HTTP_USER_AGENT=BROWSER, HTTP_RANGE="bytes=1000-2000")
    assert downloads(document_resource.document) == 1


@pytest.fixture
def s3_resource(s3_storage, toolkit, settings):
    """A resource with a document in S3, its download answers kept under the
    content generation as in production (core/render_cache.py), and the
    download counter's fold left to the worker."""
    pdf = make_pdf("Stored in S3", ["Downloaded again and again."])
    document = ResourceDocumentFactory(title="S3 popular", file=ContentFile(pdf, name="s3-popular.pdf"))
    resource = ResourcePageFactory(parent=toolkit["step"], title="S3 popular", document=document)
    settings.PAGE_RENDER_CACHE_SECONDS = 300
    settings.TASKS = settings.TASKS_DATABASE
    cache.clear()
    yield resource, pdf
    cache.clear()


def test_a_visitors_repeated_s3_download_is_one_insert_and_still_counted(
    client, s3_resource, django_assert_num_queries
):
    """Seven queries read the document, its collection and the pages that use it
    on every download; for visitors without a session that answer is kept."""
    resource, pdf = s3_resource
    url = resource.document.url
    assert client.get(url, HTTP_USER_AGENT=BROWSER).status_code == 302
    with django_assert_num_queries(1):  # the counted download's INSERT
        response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 302
    assert requests.get(response["Location"], timeout=10).content == pdf
    client.head(url, HTTP_USER_AGENT=BROWSER)
    client.get(url, HTTP_USER_AGENT="curl/8.5.0")
    assert DownloadEvent.objects.filter(document=resource.document).count() == 2


def test_a_document_whose_page_is_unpublished_stops_downloading_at_once(
    client, s3_resource, django_capture_on_commit_callbacks
):
    resource, _pdf = s3_resource
    url = resource.document.url
    assert client.get(url, HTTP_USER_AGENT=BROWSER).status_code == 302
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        resource.unpublish()
    assert client.get(url, HTTP_USER_AGENT=BROWSER).status_code == 404
    assert client.get(url.replace("s3-popular", "another-name"), HTTP_USER_AGENT=BROWSER).status_code == 404


def test_a_signed_in_editor_downloads_through_wagtails_checks(client, s3_resource, django_user_model):
    resource, _pdf = s3_resource
    client.get(resource.document.url, HTTP_USER_AGENT=BROWSER)  # kept for visitors
    resource.unpublish()  # not committed: only a fresh check can see it
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    assert client.get(resource.document.url, HTTP_USER_AGENT=BROWSER).status_code == 404

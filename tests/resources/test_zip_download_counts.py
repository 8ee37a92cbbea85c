"""A step's "download all" ZIP counts a download for each file in it."""

import io
import zipfile

from django.core.signals import request_finished
from django.db import close_old_connections

import pytest

from resources.factories import ResourcePageFactory
from resources.models import DownloadCount

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36"


def downloads(document):
    return sum(DownloadCount.objects.filter(document=document).values_list("count", flat=True))


@pytest.fixture
def step_documents(toolkit):
    step = toolkit["step"]
    return [
        ResourcePageFactory(parent=step, title=title, document__title=title).document
        for title in ("Referral form", "Screening checklist")
    ]


def test_each_file_in_the_zip_counts_as_a_download(client, step_documents):
    response = client.get("/en/assessment/download-all/", HTTP_USER_AGENT=BROWSER)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert len(archive.namelist()) == 2
    assert [downloads(document) for document in step_documents] == [1, 1]


def test_a_zip_fetched_by_a_bot_counts_nothing(client, step_documents):
    response = client.get("/en/assessment/download-all/", HTTP_USER_AGENT="Googlebot/2.1")
    b"".join(response.streaming_content)
    assert [downloads(document) for document in step_documents] == [0, 0]


def hang_up(response):
    """Close the response as a WSGI server does when the visitor goes away,
    keeping the database connection that holds this test's transaction (the
    server's ``close()`` sends ``request_finished``, whose
    ``close_old_connections`` would close it; Django's test client does the same)."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_an_abandoned_zip_counts_only_what_was_sent(rf, toolkit, step_documents):
    """The step's view is called as the server calls it: through the test client,
    closing a half-read response would close the test's connection (its
    streaming wrapper lets ``close_old_connections`` run when closed early)."""
    request = rf.get("/en/assessment/download-all/", HTTP_USER_AGENT=BROWSER)
    response = toolkit["step"].download_all(request)
    chunks = iter(response.streaming_content)
    while not DownloadCount.objects.exists():
        next(chunks)
    hang_up(response)
    assert sorted(downloads(document) for document in step_documents) == [0, 1]

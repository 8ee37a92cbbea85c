"""Background work runs in the task worker, a separate process here.

These tests commit (transaction=True) so that `manage.py db_worker`, started
as a subprocess against the same PostgreSQL test database, sees the queue.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from resources.factories import make_pdf

pytestmark = pytest.mark.django_db(transaction=True)

SEARCH = "/en/search/"


def search(client, words):
    return client.get(SEARCH, {"q": words}).content.decode()


def test_an_uploaded_pdfs_words_are_searchable_once_the_worker_ran(client, document_resource, superuser, run_worker):
    run_worker()  # indexes the pages the fixture made
    assert "Assessment guide" in search(client, "assessment guide")

    client.force_login(superuser)
    document = document_resource.document
    pdf = make_pdf("Assessment guide", ["Partners mapped the quillwort meadow behind the station."])
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": document.title, "file": SimpleUploadedFile("guide.pdf", pdf), "collection": document.collection_id},
    )
    assert response.status_code == 302
    client.logout()

    queued = DBTaskResult.objects.filter(task_path="resources.tasks.extract_document_text")
    assert queued.filter(status=TaskResultStatus.READY).count() == 1
    assert "Assessment guide" not in search(client, "quillwort meadow")

    run_worker()

    assert queued.get().status == TaskResultStatus.SUCCESSFUL
    assert "Assessment guide" in search(client, "quillwort meadow")


def test_a_failing_task_is_retried_later_and_kept_failed_after_the_last_attempt(settings, run_worker):
    """A purge to a front cache that is down raises; the worker puts the task
    back with a delay, and after TASK_MAX_ATTEMPTS runs keeps it as FAILED."""
    from ops.frontend_cache import purge_urls

    result = purge_urls.enqueue(["http://localhost/en/principles/"])
    cache_down = {"FRONTEND_CACHE_URLS": "http://127.0.0.1:9", "TASK_MAX_ATTEMPTS": "2"}

    output = run_worker(**cache_down)
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY, output
    assert "attempt 1 of 2" in output and "retrying in 5 s" in output
    assert row.exception_class_path == "ops.frontend_cache.FrontCachePurgeError"

    DBTaskResult.objects.filter(pk=row.pk).update(run_after=row.enqueued_at)  # the delay has passed
    output = run_worker(**cache_down)
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert len(row.worker_ids) == 2
    assert "failed for good after 2 attempts" in output


def test_downloads_are_counted_by_the_worker_from_append_only_events(client, document_resource, run_worker):
    """A download only adds an event row (committed on its own, as in
    production); one fold task is queued however many arrive, and the worker
    adds them to the month's counter."""
    from resources.models import DownloadCount, DownloadEvent

    run_worker()
    with connection.cursor() as cursor:
        # Durable, as production's server is (`make test`'s is not: tests/services.py).
        cursor.execute("SET synchronous_commit = on")
    document = document_resource.document
    browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
    for _ in range(5):
        assert client.get(document.url, HTTP_USER_AGENT=browser).status_code == 200
    assert DownloadEvent.objects.count() == 5
    assert not DownloadCount.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        # Each event's INSERT was committed without waiting for the disk; the setting ended with it.
        assert cursor.fetchone() == ("on",)
        cursor.execute("RESET synchronous_commit")
    assert DBTaskResult.objects.filter(task_path="resources.tasks.fold_download_events").count() == 1

    run_worker()

    assert DownloadCount.objects.get(document=document).count == 5
    assert not DownloadEvent.objects.exists()


def test_downloads_made_while_redis_is_down_are_counted_by_the_worker(
    client, document_resource, run_worker, redis_cache
):
    """The cache flag that queues one fold at a time cannot be read while
    Redis is down: each download then queues a fold, and none waits."""
    from resources.models import DownloadCount

    run_worker()
    redis_cache.stop()
    document = document_resource.document
    browser = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"
    for _ in range(3):
        assert client.get(document.url, HTTP_USER_AGENT=browser).status_code == 200

    run_worker()

    assert DownloadCount.objects.get(document=document).count == 3


def test_a_task_left_running_by_a_killed_worker_is_run_by_the_next_one(run_worker):
    import datetime

    from django.utils import timezone

    from ops.frontend_cache import purge_urls

    result = purge_urls.enqueue([])
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=30),
        worker_ids=["a-worker-that-was-killed"],
    )
    output = run_worker(worker_command="run_worker")
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL, output
    assert "Requeued 1 task(s) left running by a worker that stopped" in output


def test_a_purge_for_a_page_deleted_meanwhile_is_skipped_with_a_log_line(toolkit, run_worker):
    from ops.frontend_cache import purge_page_everywhere

    page = toolkit["principles"]
    result = purge_page_everywhere.enqueue(page.pk)
    page.delete()
    output = run_worker(FRONTEND_CACHE_URLS="http://127.0.0.1:9")
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert f"Page {page.pk} was deleted before its purge ran" in output

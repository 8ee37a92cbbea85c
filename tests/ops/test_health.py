"""/healthz: 200 when every part works, 503 naming the part that failed."""

import datetime

from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from ops.frontend_cache import purge_urls

pytestmark = pytest.mark.django_db


def test_all_parts_working(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage", "tasks"}
    assert "no-store" in response["Cache-Control"]


def test_the_shared_cache_down_is_named(client, redis_cache):
    redis_cache.stop()
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["cache"].startswith("failed") and checks["database"].startswith("ok")


def test_a_queue_nobody_works_off_is_named(client, settings):
    settings.TASKS = settings.TASKS_DATABASE
    result = purge_urls.enqueue(["http://localhost/en/"])
    assert client.get("/healthz").status_code == 200  # just queued
    DBTaskResult.objects.filter(pk=result.id).update(enqueued_at=timezone.now() - datetime.timedelta(minutes=10))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "is the worker running?" in response.json()["checks"]["tasks"]

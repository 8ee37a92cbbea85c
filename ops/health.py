"""/healthz for the load balancer and Varnish's probe.

Each part is checked on its own and named in the answer, so a 503 says
which one failed: the database (a query), the shared cache (a write read
back: the tolerant cache turns an outage into a miss, so a plain read would
always pass), file storage (an existence check on the bucket or folder) and
the task queue (the oldest task waiting to run: older than
HEALTHZ_MAX_QUEUE_SECONDS means no worker is taking work).
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import get_random_string

logger = logging.getLogger("ops.health")

HEALTHZ_MAX_QUEUE_SECONDS = 300


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return "ok"


def check_cache() -> str:
    value = get_random_string(12)
    cache.set("healthz", value, timeout=30)
    if cache.get("healthz") != value:
        raise RuntimeError("a value written to the cache could not be read back")
    return "ok"


def check_storage() -> str:
    default_storage.exists("healthz-probe")
    return "ok"


def check_task_queue() -> str:
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return "ok (tasks run in the request)"
    from django.db.models import Q

    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after=get_date_max()) | Q(run_after__lte=now)
    )
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", "run_after").first()
    if oldest is None:
        return "ok (queue empty)"
    enqueued_at, run_after = oldest
    waited = (now - (enqueued_at if run_after == get_date_max() else max(enqueued_at, run_after))).total_seconds()
    if waited > HEALTHZ_MAX_QUEUE_SECONDS:
        raise RuntimeError(f"the oldest queued task has waited {waited:.0f} s: is the worker running?")
    return f"ok (oldest queued task {waited:.0f} s)"


CHECKS = {"database": check_database, "cache": check_cache, "storage": check_storage, "tasks": check_task_queue}


def healthz(request):
    results, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            results[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure is reported, by part
            healthy = False
            results[name] = f"failed: {type(error).__name__}: {error}"
            logger.error("Health check %s failed: %s", name, error)
        results[name] += f" in {1000 * (time.monotonic() - started):.0f} ms"
    response = JsonResponse(
        {"status": "ok" if healthy else "failed", "checks": results}, status=200 if healthy else 503
    )
    add_never_cache_headers(response)
    return response

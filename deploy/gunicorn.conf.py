"""gunicorn settings for one app server: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi`.

Read by gunicorn, not Django: the few knobs come from the environment the
service runs in (GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_THREADS).

Threaded workers (gthread): most answers are now short (kept renders, counted
downloads: a Redis read and an INSERT) and spend part of their time waiting
on PostgreSQL and Redis, which threads overlap; sync workers also close every
connection, where gthread keeps it alive. Measured with 8 clients downloading
from one app server of 2 workers on a busy 2-core machine: sync 90-140
downloads/s, p99 110-185 ms; gthread with 4 threads 180-200/s, p99 95-130 ms.
"""

import gc
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak never becomes an outage. A
# replacement takes 1-2 s of CPU to start, and a worker answers up to ~300
# counted downloads a second: at 2000 (+0-200) requests both workers of a
# server came up for recycling within a second of each other, and for the
# second or two before either replacement was ready nobody answered (a 1.9 s
# stall measured). At 10,000 plus up to as many again, workers of one server
# are recycled far apart, and at ordinary traffic days apart.
max_requests = 10000
max_requests_jitter = 10000
# Only the local front cache may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = "warning"
proc_name = "toolkit"


def post_worker_init(worker):
    # The worker's one S3 connection is built before it accepts a request, not
    # inside one, where it held the GIL for 70-100 ms of CPU while every other
    # thread of the worker waited (core/storage.py).
    from core.storage import prepare_default_storage

    prepare_default_storage()
    # What the worker loaded to start (Django, Wagtail, every model, botocore's
    # service models: ~235,000 objects) lives as long as the worker, yet every
    # full collection of the cyclic garbage collector walked all of it, with
    # the GIL held: 120-280 ms of CPU, 0.4-0.9 s under load, during which all
    # the worker's threads waited. Frozen, those objects are never walked
    # again; what requests create is collected as before. Garbage left by
    # start-up is collected first, so none of it is kept for good.
    gc.collect()
    gc.freeze()

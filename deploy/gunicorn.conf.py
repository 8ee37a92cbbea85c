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

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak never becomes an outage.
max_requests = 2000
max_requests_jitter = 200
# Only the local front cache may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
loglevel = "warning"
proc_name = "toolkit"

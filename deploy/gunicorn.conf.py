"""gunicorn settings for one app server: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi`.

Read by gunicorn, not Django: the few knobs come from the environment the
service runs in (GUNICORN_BIND, GUNICORN_WORKERS). Sync workers: pages are
CPU-bound rendering behind Varnish, and the slow work is in the task worker.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"
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

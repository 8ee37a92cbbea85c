"""S3 storage with one boto3 connection per process instead of one per thread.

django-storages builds a boto3 session and S3 resource for every thread that
touches the storage (boto3 resources are not thread-safe), and building one
loads botocore's service models: 70-100 ms of CPU holding the GIL, and some
36,000 objects the garbage collector then walks for as long as the thread
lives. In a threaded app server (deploy/gunicorn.conf.py) that happened
inside the first download each thread answered (a signed address) and the
first health probe it answered (an existence check), and every other thread
of the worker waited meanwhile: 0.3-1.5 s for the downloads around it under
load, most of the counted downloads' tail (bench --suite stack).

Yet django-storages uses the resource only to reach its low-level client
(signed addresses, existence checks, listings) and to build the Bucket once,
which it already shares between threads for everything else; low-level
clients are safe to share between threads (boto3's documentation). So one
connection is built per process, under a lock (a session is not safe to
build clients from concurrently), before the first request when the app
server calls ``prepare_default_storage``.
"""

import threading

from storages.backends.s3 import S3Storage


class ProcessWideS3Storage(S3Storage):
    _connection_lock = threading.Lock()

    def __init__(self, **settings):
        super().__init__(**settings)
        self._shared_connection = None

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_shared_connection", None)
        return state

    def __setstate__(self, state):
        super().__setstate__(state)
        self._shared_connection = None

    @property
    def connection(self):
        if self._shared_connection is None:
            with self._connection_lock:
                if self._shared_connection is None:
                    self._shared_connection = super().connection
        return self._shared_connection


def prepare_default_storage() -> None:
    """Build what the default storage would otherwise build inside a request (an app server's start)."""
    from django.core.files.storage import default_storage

    if isinstance(default_storage, ProcessWideS3Storage):
        default_storage.connection  # noqa: B018 - built now, not in a request

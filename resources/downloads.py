"""Download counting and "download all resources for this step" ZIPs.

Counting rides on Wagtail's own document URL (``/documents/<id>/<name>``):
its serve view checks collection privacy, sends ``document_served`` and then
streams the local file or redirects to a short-lived signed S3 URL
(``S3_STORAGE`` in settings). We only listen to the signal, so the stable
download URL, the storage handling and the privacy checks stay Wagtail's.

Counts are monthly aggregates per document: no cookie, no IP address, no
user, nothing about the visitor is stored. A download INSERTs an event row
and the task worker adds events to the monthly counter, so concurrent
downloads of one document never queue behind one counter row's lock; the
INSERT does not wait for the disk (``insert_download_event``: a crash of the
database server can lose the last fraction of a second of downloads). HEAD
requests and obvious bots (by User-Agent) are not counted.
"""

import datetime
import re
import zipfile

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|archiver|preview|scanner|monitor|fetch|curl|wget|python-|httpclient|"
    r"go-http-client|java/|okhttp|libwww|headless|lighthouse|facebookexternalhit|validator",
    re.IGNORECASE,
)

ZIP_CHUNK_SIZE = 256 * 1024


def is_countable(request) -> bool:
    """A GET from something that says it is a browser (an empty User-Agent is a
    script), and not a later part of a ranged download."""
    if request is None or request.method != "GET":
        return False
    user_agent = request.headers.get("User-Agent", "")
    if not user_agent.strip() or BOT_USER_AGENT.search(user_agent):
        return False
    # An audio player fetches a file in ranges; only the first one is a new listen.
    byte_range = request.headers.get("Range", "").replace(" ", "")
    return not byte_range or byte_range.startswith("bytes=0-")


def this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


FOLD_QUEUED_KEY = "downloads:fold-queued"
FOLD_QUEUED_TIMEOUT = 10 * 60


def record_download(document) -> None:
    record_download_of(document.pk)


def record_download_of(document_id) -> None:
    """Count one download: an INSERT of an event row, folded into the month's
    counter by the worker. One fold task is queued at a time (a cache flag the
    task clears when it starts), however many downloads arrive meanwhile.
    When the shared cache cannot answer (the project's cache reads a failure
    as a miss), a fold is queued with each download instead: folds are safe
    to run twice, and no event waits for the cache to come back."""
    from django.core.cache import cache

    from .tasks import fold_download_events

    insert_download_event(document_id, this_month())
    if cache.add(FOLD_QUEUED_KEY, 1, timeout=FOLD_QUEUED_TIMEOUT) or not cache.has_key(FOLD_QUEUED_KEY):
        fold_download_events.enqueue()


def insert_download_event(document_id, month) -> None:
    """INSERT one event row; on its own (no transaction around it, as in a
    download request) committed without waiting for the disk.

    A committed transaction normally waits until its WAL is flushed to disk;
    for one row of an anonymous monthly count that wait was the largest part
    of a download's time and of its tail under load (bench --suite stack).
    With ``synchronous_commit`` off for this statement's own transaction
    only, PostgreSQL's WAL writer flushes it within a fraction of a second:
    the database stays consistent, the event is visible to the worker at
    once, and only a crash of the database server itself (not of an app
    server) can lose the downloads of that last fraction of a second. Every
    other write keeps waiting for the disk. Inside a caller's transaction the
    row is written with it, as usual, so nothing else is ever made
    asynchronous. One statement (one round trip): ``set_config(..., true)``
    lasts only until the statement's transaction ends."""
    from .models import DownloadEvent

    if connection.in_atomic_block or connection.vendor != "postgresql":
        DownloadEvent.objects.create(document_id=document_id, month=month)
        return
    quote = connection.ops.quote_name
    table = quote(DownloadEvent._meta.db_table)
    columns = ", ".join(quote(DownloadEvent._meta.get_field(name).column) for name in ("document", "month"))
    asynchronous_commit = "WITH asynchronous_commit AS (SELECT set_config('synchronous_commit', 'off', true))"
    with connection.cursor() as cursor:
        cursor.execute(
            f"{asynchronous_commit} INSERT INTO {table} ({columns}) SELECT %s, %s FROM asynchronous_commit",  # noqa: S608
            [document_id, month],
        )


def add_to_counter(document_id, month, count) -> None:
    """Add ``count`` to a month's counter (safe under concurrent folds)."""
    from .models import DownloadCount

    counters = DownloadCount.objects.filter(document_id=document_id, month=month)
    if counters.update(count=F("count") + count):
        return
    try:
        with transaction.atomic():
            DownloadCount.objects.create(document_id=document_id, month=month, count=count)
    except IntegrityError:
        counters.update(count=F("count") + count)


def count_download(sender, instance, request, **kwargs):
    """``document_served`` receiver (sent once every check has let the visitor through)."""
    request._served_document = instance
    if is_countable(request):
        record_download(instance)


# --- ZIP of a step's documents -----------------------------------------------


class _ZipStream:
    """A write-only file that hands what was written to the response as it goes.

    zipfile writes to unseekable streams with data descriptors, so the
    archive is built while it is sent: memory holds one chunk, never the set.
    """

    def __init__(self):
        self._buffer = bytearray()
        self._position = 0

    def write(self, data):
        self._buffer += data
        self._position += len(data)
        return len(data)

    def tell(self):
        return self._position

    def flush(self):
        pass

    def drain(self) -> bytes:
        data = bytes(self._buffer)
        self._buffer.clear()
        return data


def read_in_chunks(document, chunk_size=ZIP_CHUNK_SIZE):
    """The document's bytes, a chunk at a time, from local files or S3.

    django-storages' S3 file downloads the whole object into memory before the
    first read, so S3 objects are streamed from boto3's response body instead.
    """
    storage = document.file.storage
    bucket = getattr(storage, "bucket", None)
    if bucket is not None:
        body = bucket.Object(document.file.name).get()["Body"]
        try:
            yield from body.iter_chunks(chunk_size)
        finally:
            body.close()
        return
    with storage.open(document.file.name, "rb") as handle:
        while chunk := handle.read(chunk_size):
            yield chunk


def zip_entry_names(documents):
    """A readable, unique file name per document inside the archive."""
    used = set()
    for document in documents:
        extension = document.file_extension
        stem = slugify(document.title) or f"document-{document.pk}"
        name = f"{stem}.{extension}" if extension else stem
        number = 2
        while name in used:
            name = f"{stem}-{number}.{extension}" if extension else f"{stem}-{number}"
            number += 1
        used.add(name)
        yield name, document


def stream_zip(documents, on_sent=None):
    """Yield a ZIP archive of the documents, chunk by chunk, calling
    ``on_sent(document)`` once each document's bytes have gone out (a
    download abandoned half-way counts only the files it delivered)."""
    stream = _ZipStream()
    with zipfile.ZipFile(stream, mode="w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for name, document in zip_entry_names(documents):
            info = zipfile.ZipInfo(name, date_time=timezone.localtime(document.created_at).timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            if document.file_size:
                info.file_size = document.file_size
            with archive.open(info, mode="w", force_zip64=(document.file_size or 0) > 2**31) as entry:
                for chunk in read_in_chunks(document):
                    entry.write(chunk)
                    yield stream.drain()
            yield stream.drain()
            if on_sent is not None:
                on_sent(document)
    yield stream.drain()

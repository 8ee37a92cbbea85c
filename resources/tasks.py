"""Background work for documents: reading the text inside an uploaded file,
and adding counted downloads to the monthly counters.

Extraction reads the whole file (from S3 in production) and parses it, so
it runs in the task worker, not in the editor's upload request; until it
has run, the resource pages using the document are found by their own
words only. Running it twice is harmless (the task may be retried).
"""

import logging

from django_tasks import task

from .text_extraction import extract_text

logger = logging.getLogger(__name__)


@task()
def extract_document_text(document_id: int) -> int:
    from .models import ResourceDocument

    document = ResourceDocument.objects.filter(pk=document_id).first()
    if document is None:
        logger.info("Document %s was deleted before its text was read; nothing to do", document_id)
        return 0
    text = extract_text(document.file)
    ResourceDocument.objects.filter(pk=document_id, file=document.file.name).update(extracted_text=text)
    document.extracted_text = text
    document.reindex_resource_pages()
    return len(text)


@task()
def fold_download_events() -> int:
    """Add waiting download events to their monthly counters, then delete them.

    The events are locked while they are added, so two folds never count one
    event twice; running it again (a retry) only finds what is left.
    """
    from collections import Counter

    from django.core.cache import cache
    from django.db import transaction

    from .downloads import FOLD_QUEUED_KEY, add_to_counter
    from .models import DownloadEvent

    cache.delete(FOLD_QUEUED_KEY)  # downloads from now on queue the next fold
    with transaction.atomic():
        events = list(DownloadEvent.objects.select_for_update().values_list("pk", "document_id", "month"))
        for (document_id, month), count in Counter((doc, month) for _pk, doc, month in events).items():
            add_to_counter(document_id, month, count)
        DownloadEvent.objects.filter(pk__in=[pk for pk, _doc, _month in events]).delete()
    return len(events)

"""Background work for documents: reading the text inside an uploaded file.

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

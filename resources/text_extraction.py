"""The text inside uploaded PDF and Word files, so that search finds a phrase
that appears only inside a document.

pypdf and python-docx are pure Python: no system tools to install. A file
that cannot be read (damaged, encrypted, scanned images without text) gives
no text rather than an error: the upload itself was already checked.
"""

import contextlib
import io
import logging
import re

from .uploads import extension_of

logger = logging.getLogger(__name__)

# Enough for a long guide; a full-text index entry need not hold a whole book.
MAX_EXTRACTED_CHARACTERS = 200_000


def extract_text(file) -> str:
    reader = _READERS.get(extension_of(file.name))
    if reader is None:
        return ""
    try:
        file.open("rb")
        file.seek(0)
        data = file.read()
        text = reader(data)
    except Exception:  # noqa: BLE001 - any unreadable file simply has no searchable text
        logger.warning("Could not extract text from %s", file.name, exc_info=True)
        return ""
    finally:
        with contextlib.suppress(Exception):  # some storages close the file after reading
            file.seek(0)
    return re.sub(r"\s+", " ", text).strip()[:MAX_EXTRACTED_CHARACTERS]


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts = []
    length = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        parts.append(text)
        length += len(text)
        if length > MAX_EXTRACTED_CHARACTERS:
            break
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


_READERS = {"pdf": _pdf_text, "docx": _docx_text}

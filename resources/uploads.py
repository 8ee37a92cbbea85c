"""Upload checks: the file's content must match its extension.

Wagtail checks extensions (WAGTAILDOCS_EXTENSIONS) and size
(WAGTAILDOCS_MAX_UPLOAD_SIZE); a renamed file passes both. The `filetype`
library reads the file's leading bytes, so a `.pdf` that is really an
executable or a text file is refused before anything is stored.
"""

from django.core.exceptions import ValidationError

import filetype

_OLE = {"application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint"}
_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."

# Legacy Office files share one container (OLE2), which filetype cannot always
# tell apart; any OLE2 type is accepted for any legacy Office extension.
EXPECTED_CONTENT = {
    "pdf": {"application/pdf"},
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
    "docx": {_OOXML + "wordprocessingml.document"},
    "xlsx": {_OOXML + "spreadsheetml.sheet"},
    "pptx": {_OOXML + "presentationml.presentation"},
    "odt": {_ODF + "text"},
    "ods": {_ODF + "spreadsheet"},
    "odp": {_ODF + "presentation"},
    "mp3": {"audio/mpeg"},
    "m4a": {"audio/mp4", "audio/x-m4a", "video/mp4"},
    "png": {"image/png"},
    "jpg": {"image/jpeg"},
    "jpeg": {"image/jpeg"},
}

FORMAT_LABELS = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "xls": "Excel",
    "xlsx": "Excel",
    "ppt": "PowerPoint",
    "pptx": "PowerPoint",
    "odt": "OpenDocument text",
    "ods": "OpenDocument spreadsheet",
    "odp": "OpenDocument presentation",
    "mp3": "MP3 audio",
    "m4a": "M4A audio",
    "png": "PNG image",
    "jpg": "JPEG image",
    "jpeg": "JPEG image",
}


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def sniff(uploaded_file) -> str | None:
    """The MIME type the file's leading bytes say it is, or None."""
    position = uploaded_file.tell() if hasattr(uploaded_file, "tell") else 0
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    uploaded_file.seek(position)
    return filetype.guess_mime(head)


def validate_content_matches_extension(uploaded_file) -> None:
    extension = extension_of(uploaded_file.name)
    expected = EXPECTED_CONTENT.get(extension)
    if expected is None:
        allowed = ", ".join(sorted(EXPECTED_CONTENT))
        raise ValidationError(
            f"Files of type “.{extension}” cannot be uploaded. Allowed types: {allowed}.",
            code="disallowed_type",
        )
    found = sniff(uploaded_file)
    if found not in expected:
        label = FORMAT_LABELS[extension]
        raise ValidationError(
            f"This file is named “.{extension}” but its content is not in {label} format. "
            "Check that you chose the right file, or save it again in that format.",
            code="content_mismatch",
        )

"""The document download URL, answered without re-reading what cannot have changed.

Wagtail's serve view (``/documents/<id>/<name>``) reads, for every download,
the document, its collection and the collection's restrictions, and our
privacy rule (resources/document_privacy.py) reads the pages using it and
their restrictions: seven queries before the one INSERT that counts it. With
16 visitors downloading at once, the app servers queued on that work.

For a visitor without a session, whether a document may be downloaded
depends only on the content, so once Wagtail's view has let such a visitor
through to the storage's address, this remembers the document under the
content generation (core/render_cache.py: any change to a document,
collection, restriction or page makes it forgotten) and later answers the
same address with the count and a fresh signed address of the file, without
asking again. Anyone signed in, with a session, or any storage that serves
files itself goes through Wagtail's view as before.
"""

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect

from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve as wagtail_serve

from core.render_cache import anonymous_answer_key

from .downloads import is_countable, record_download_of


def serve_document(request, document_id, document_filename):
    key = anonymous_answer_key(request, "public-document", document_id)
    if key is not None:
        known = cache.get(key)
        if known is not None and known[0] == document_filename:
            if is_countable(request):
                record_download_of(document_id)
            storage = get_document_model()._meta.get_field("file").storage
            return redirect(storage.url(known[1]))
    response = wagtail_serve(request, document_id, document_filename)
    served = getattr(request, "_served_document", None)
    if key is not None and served is not None and response.status_code == 302 and _redirects_to_storage(served):
        cache.set(key, (document_filename, served.file.name), timeout=settings.PAGE_RENDER_CACHE_SECONDS)
    return response


def _redirects_to_storage(document) -> bool:
    """Wagtail's view sends the visitor to the storage's address (S3) rather than serving the file."""
    try:
        document.file.path  # noqa: B018 - a storage with local paths serves the file itself
    except NotImplementedError:
        return getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) in (None, "redirect", "direct")
    return False

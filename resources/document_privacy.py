"""Documents follow the privacy of the pages that use them.

Wagtail serves ``/documents/<id>/<name>`` to anyone unless the document's
collection is restricted. A document uploaded for a private page, a page not
yet published or a draft would then download anonymously by URL. The rule:

- a document with a *public use* (a live page of a public toolkit whose live
  content refers to it, with no view restriction the visitor fails) downloads
  for everyone; a page of an archived locality is no use;
- otherwise it downloads only for visitors who pass the restrictions of a live
  page that uses it (logged in, in the group, or with the page's password),
  and for admin users who may choose or change documents in its collection
  (editors previewing their drafts);
- everyone else gets a 404 (a login prompt when logging in would help), so
  nothing says the document exists.

Uses come from Wagtail's reference index, which is built from a page's row,
that is its live content (drafts live in revisions): a document only in a
draft has no use yet. Collection restrictions still apply first (Wagtail).
"""

from django.contrib.contenttypes.models import ContentType
from django.http import Http404

from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.wagtail_hooks import require_wagtail_login

from toolkits.scope import in_public_toolkits


def pages_using(document):
    """Live pages of public toolkits whose live content refers to the document."""
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return in_public_toolkits(Page.objects.filter(pk__in=[int(pk) for pk in page_ids if pk.isdigit()], live=True))


def may_download(document, request) -> tuple[bool, bool]:
    """(allowed, logging in might help)."""
    login_might_help = False
    for page in pages_using(document):
        restrictions = page.get_view_restrictions()
        if all(restriction.accept_request(request) for restriction in restrictions):
            return True, False
        login_might_help = login_might_help or any(
            restriction.restriction_type in (PageViewRestriction.LOGIN, PageViewRestriction.GROUPS)
            for restriction in restrictions
        )
    user = request.user
    document_permission_policy = policy_registry.get_by_type(get_document_model())
    if user.is_authenticated and document_permission_policy.user_has_any_permission_for_instance(
        user, ["choose", "change"], document
    ):
        return True, False
    return False, login_might_help and not user.is_authenticated


def refuse_documents_without_a_public_use(document, request):
    """``before_serve_document`` hook."""
    allowed, login_might_help = may_download(document, request)
    if allowed:
        return None
    if login_might_help:
        return require_wagtail_login(next=request.get_full_path())  # as Wagtail does for private pages
    raise Http404("No document matches the given query.")

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from wagtail.admin.auth import permission_denied

from history.compare import diff_words

from .adaptation import (
    TRANSLATION_FOLLOWS_ENGLISH,
    AdaptationError,
    AdaptationPermissionError,
    AdaptNationalPage,
    PullNationalChanges,
    RevertToNational,
    UnresolvedConflicts,
    may_change_adaptation,
)
from .admin_fences import log_refusal
from .compare import compare_national_then_with_now, compare_national_with_local, national_then_and_now
from .drift import drift_for
from .merge import block_text
from .models import InheritedPage

# --- Adapt, compare, pull, revert: thin views over sites.adaptation ---------


def _adaptable_page(request, page_id):
    """The inherited page, or a refusal (Wagtail's standard one) for users outside its locality."""

    page = get_object_or_404(InheritedPage, pk=page_id)
    if not may_change_adaptation(request.user, page.english_page()):
        return page, permission_denied(request)
    if page.is_translation:
        messages.error(request, TRANSLATION_FOLLOWS_ENGLISH)
        return page, redirect("wagtailadmin_pages:edit", page.pk)
    return page, None


def _report_error(request, error):
    for message in getattr(error, "messages", [str(error)]):
        messages.error(request, message)


def _execute(request, action, page, success_message, then=None):
    """Run an adaptation action on ``page``: its refusal is reported and the
    editor goes back to the page's place in the explorer; on success, the
    message, and on to ``then`` (a page view's URL name) if given."""
    try:
        page = action(user=request.user, page=page).execute()
    except AdaptationError as error:
        _report_error(request, error)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    messages.success(request, success_message(page))
    if then:
        return redirect(then, page.pk)
    return redirect("wagtailadmin_explore", page.get_parent().pk)


def adapt_view(request, page_id):

    page, refusal = _adaptable_page(request, page_id)
    if refusal:
        return refusal
    if request.method == "POST":
        return _execute(
            request,
            AdaptNationalPage,
            page,
            lambda page: (
                f"“{page.title}” is now your locality's own adapted page. Edit it here; "
                "it will tell you when the national guidance changes."
            ),
            then="wagtailadmin_pages:edit",
        )
    return TemplateResponse(request, "sites/admin/adapt.html", {"page": page, "national": page.source})


def national_changes_view(request, page_id):

    page, refusal = _adaptable_page(request, page_id)
    if refusal:
        return refusal
    if not page.is_adapted:
        messages.error(request, f"“{page.title}” is not adapted: it shows the national page as it is.")
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    versions = national_then_and_now(page)
    local = page.get_latest_revision_as_object()
    context = {
        "page": page,
        "drift": drift_for(page),
        "then_now": compare_national_then_with_now(page),
        "now_local": compare_national_with_local(versions[1], local) if versions else [],
        "national": page.adapted_from,
        "adapted_date": page.adapted_from_revision.created_at if page.adapted_from_revision else None,
    }
    return TemplateResponse(request, "sites/admin/national_changes.html", context)


def pull_view(request, page_id):

    page, refusal = _adaptable_page(request, page_id)
    if refusal:
        return refusal
    choices = {key.removeprefix("choice-"): value for key, value in request.POST.items() if key.startswith("choice-")}
    action = PullNationalChanges(user=request.user, page=page, choices=choices)
    error_message = ""
    if request.method == "POST":
        try:
            _revision, result = action.execute()
        except UnresolvedConflicts as error:
            error_message = error.messages[0]
        except AdaptationError as error:
            _report_error(request, error)
            return redirect("wagtailadmin_pages:edit", page.pk)
        else:
            messages.success(
                request,
                f"National changes taken into a draft of “{page.title}” "
                f"({len(result.taken)} taken, {len(result.kept)} of yours kept). Review it, then publish.",
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
    try:
        result = action.preview()
    except AdaptationError as error:
        _report_error(request, error)
        return redirect("wagtailadmin_pages:edit", page.pk)
    conflicts = [_conflict_view(conflict, choices.get(conflict.key)) for conflict in result.conflicts]
    context = {"page": page, "result": result, "conflicts": conflicts, "error_message": error_message}
    return TemplateResponse(request, "sites/admin/pull.html", context, status=400 if error_message else 200)


def _conflict_view(conflict, chosen):
    """A conflict's two sides rendered for reading, side by side."""

    def text(value):
        if value is None:
            return "(removed)"
        if isinstance(value, dict) and "type" in value:
            return block_text(value)
        return str(value)

    return {
        "key": conflict.key,
        "label": conflict.label,
        "national": text(conflict.national),
        "local": text(conflict.local),
        "national_change": diff_words(text(conflict.base), text(conflict.national)),
        "local_change": diff_words(text(conflict.base), text(conflict.local)),
        "chosen": chosen,
    }


def revert_view(request, page_id):

    page, refusal = _adaptable_page(request, page_id)
    if refusal:
        return refusal
    try:
        RevertToNational(user=request.user, page=page).check_permission()
    except AdaptationPermissionError as error:
        log_refusal(request, "revert needs publish permission")
        messages.error(request, str(error))
        return redirect("wagtailadmin_pages:edit", page.pk)
    if request.method == "POST":
        return _execute(
            request,
            RevertToNational,
            page,
            lambda page: f"“{page.title}” shows the national page again. Your adapted versions stay in its history.",
        )
    return TemplateResponse(request, "sites/admin/revert.html", {"page": page})


def edit_url_for(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])

"""The audit's pages, served through ``AuditPage``'s routes.

Every form is a plain HTML form (POST, then redirect) that works without
JavaScript; audit.js only saves each answer as it changes. Pages behind a
private link are never cached and never indexed.
"""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

from core.languages import in_visitors_language, title_languages
from history.versions import positive_int

from . import ratelimit
from .actions import (
    AuditError,
    AuditNotAvailable,
    InvalidAnswers,
    MoveToLatestVersion,
    RecordAnswers,
    StartAudit,
    find_response,
    touch,
)
from .models import AuditPage, AuditResponse
from .reports import report_csv as build_csv
from .reports import report_date
from .reports import report_pdf as build_pdf
from .results import chart, results_for


def private(response):
    """No cache may keep, and no search engine may list, a page behind a private link."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def page_url(page: AuditPage, request=None) -> str:
    """The audit's address in the visitor's language (an audit not yet in
    Welsh is served from the English tree under /cy/, and stays there)."""
    return in_visitors_language(page.get_url(request))


def response_url(page: AuditPage, token: str, route: str = "answer_route", request=None) -> str:
    return page_url(page, request) + page.reverse_subpage(route, args=[token])


def open_response(page: AuditPage, token: str) -> AuditResponse:
    response = find_response(page, token)
    if response is None:
        raise Http404("No audit has this link.")
    return response


def render(request, page, template, context=None, status=200):
    full_context = page.get_context(request)
    full_context.update(context or {})
    full_context["audit_page_url"] = page_url(page, request)
    # An audit not yet in Welsh is served under /cy/ with its English sections and items.
    full_context["content_lang"] = title_languages([page], request).get(page.pk, "")
    if "token" in full_context:
        full_context["audit_url"] = response_url(page, full_context["token"], request=request)
    return TemplateResponse(request, template, full_context, status=status)


def start(request, page: AuditPage):
    if request.method != "POST":
        return render(request, page, "audit/audit_page.html")
    if not ratelimit.allow_start(request):
        response = render(request, page, "audit/rate_limited.html", status=429)
        response["Retry-After"] = str(settings.AUDIT_START_WINDOW_SECONDS)
        return response
    try:
        started = StartAudit(page, area=request.POST.get("area", "")).execute()
    except InvalidAnswers as error:
        return render(
            request,
            page,
            "audit/audit_page.html",
            {"errors": error.errors, "area": request.POST.get("area", "")},
            status=400,
        )
    except AuditNotAvailable:
        raise Http404("This audit is not published.") from None
    return redirect(response_url(page, started.token, request=request) + "?started=1")


def progress_for(response: AuditResponse, answers) -> list[dict]:
    rows = []
    for section in response.sections:
        answered = sum(1 for item in section.items if item.id in answers and answers[item.id].rating)
        rows.append({"section": section, "answered": answered, "total": len(section.items)})
    return rows


def answer(request, page: AuditPage, token: str):
    response = open_response(page, token)
    errors, posted = {}, {}
    if request.method == "POST":
        item_ids = request.POST.getlist("item")
        if not item_ids:
            return HttpResponseBadRequest("No answers were sent.")
        posted = {
            item_id: (request.POST.get(f"rating-{item_id}", ""), request.POST.get(f"notes-{item_id}", ""))
            for item_id in item_ids
        }
        wants_json = "application/json" in request.headers.get("Accept", "")
        try:
            RecordAnswers(response, posted).execute()
        except InvalidAnswers as error:
            if wants_json:
                return private(JsonResponse({"saved": False, "errors": error.errors}, status=400))
            errors = error.errors
        else:
            if wants_json:
                answers = response.answers_by_item()
                progress = {
                    row["section"].id: f"{row['answered']} of {row['total']} rated"
                    for row in progress_for(response, answers)
                }
                return private(JsonResponse({"saved": True, "progress": progress}))
            section = next((response.items[item_id].section for item_id in item_ids), None)
            anchor = f"#section-{section.id}" if section else ""
            saved = f"?saved={section.number}" if section else ""
            return redirect(response_url(page, token, request=request) + saved + anchor)
    else:
        touch(response)

    answers = response.answers_by_item()
    saved_section = None
    number = positive_int(request.GET.get("saved"))
    if number is not None:
        saved_section = next((section for section in response.sections if section.number == number), None)
    context = {
        "response": response,
        "sections": response.sections,
        "answers": answers,
        "posted": posted,
        "errors": errors,
        "progress": progress_for(response, answers),
        "private_link": request.build_absolute_uri(response_url(page, token, request=request)),
        "token": token,
        "started": request.GET.get("started") == "1",
        "moved": request.GET.get("moved") == "1",
        "saved_section": saved_section,
        "on_latest_version": response.is_on_latest_version(),
    }
    return private(render(request, page, "audit/audit_response.html", context, status=400 if errors else 200))


def results(request, page: AuditPage, token: str):
    response = open_response(page, token)
    touch(response)
    audit_results = results_for(response, request)
    context = {
        "response": response,
        "token": token,
        "results": audit_results,
        "section_chart": chart(audit_results.sections, gettext("Ratings by section")),
        "step_chart": chart(audit_results.steps, gettext("Ratings by toolkit step")) if audit_results.steps else None,
        "on_latest_version": response.is_on_latest_version(),
    }
    return private(render(request, page, "audit/audit_results.html", context))


def attachment(content, content_type: str, filename: str):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return private(response)


def report_pdf(request, page: AuditPage, token: str):
    response = open_response(page, token)
    touch(response)
    content = build_pdf(response, results_for(response, request), absolute_url=request.build_absolute_uri)
    return attachment(content, "application/pdf", f"{page.slug}-report-{report_date()}.pdf")


def report_csv(request, page: AuditPage, token: str):
    response = open_response(page, token)
    touch(response)
    return attachment(build_csv(response), "text/csv; charset=utf-8", f"{page.slug}-report-{report_date()}.csv")


def new_version(request, page: AuditPage, token: str):
    response = open_response(page, token)
    answer_url = response_url(page, token, request=request)
    if response.is_on_latest_version():
        return redirect(answer_url)
    action = MoveToLatestVersion(response)
    if request.method == "POST":
        try:
            action.execute()
        except AuditNotAvailable:
            raise Http404("This audit is not published.") from None
        except AuditError:
            return redirect(answer_url)
        return redirect(answer_url + "?moved=1")
    context = {"response": response, "token": token, "change": action.plan(), "answer_url": answer_url}
    return private(render(request, page, "audit/new_version.html", context))

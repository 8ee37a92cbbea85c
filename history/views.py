"""Public history views: a page's versions, a comparison of two of them, a
toolkit's timeline, and earlier files of a resource's document.

Every refusal is an ordinary 404, whatever was wrong (not a number, another
page's revision, a draft, a minor or withdrawn version, a
private or unpublished page), so that probing ids learns nothing.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from wagtail.models import Page

from toolkits.pages import ContentMirror
from toolkits.scope import toolkit_root_models, toolkit_step_models

from .compare import compare_pages
from .models import DocumentFileVersion
from .notes import public_note
from .versions import (
    comparable_revision,
    first_publish_entry_id,
    is_public,
    page_versions,
    positive_int,
    timeline_entries,
)

VERSIONS_PER_PAGE = 20
TIMELINE_PER_PAGE = 25


class VersionEntry:
    """One published version as the public may see it."""

    def __init__(self, log_entry, *, is_first):
        self.log_entry = log_entry
        self.revision_id = log_entry.revision_id
        self.published_at = log_entry.timestamp
        withdrawal = getattr(log_entry.revision, "withdrawal", None) if _has(log_entry.revision, "withdrawal") else None
        self.withdrawn_at = withdrawal.withdrawn_at if withdrawal else None
        change_note = log_entry.revision.change_note if _has(log_entry.revision, "change_note") else None
        self.note = "" if withdrawal else public_note(change_note, is_first=is_first)
        self.previous = None  # the next older listed, non-withdrawn version, for "compare with previous"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def _has(obj, relation) -> bool:
    try:
        getattr(obj, relation)
    except Exception:  # RelatedObjectDoesNotExist: no row joined
        return False
    return True


def _page_number(request):
    return positive_int(request.GET.get("page"), default=1)


def _public_page_or_404(page):
    if not is_public(page):
        raise Http404("No public history.")
    return page


def page_history(request, page):
    """Mirrors (inherited national pages) and Wagtail aliases show another
    page's content: their history is that page's, so redirect there."""
    is_mirror = isinstance(page, ContentMirror) and page.is_mirroring
    if is_mirror or page.alias_of_id:
        source = page.mirrored_page() if is_mirror else page.alias_of.specific
        if source is None or not is_public(source):
            raise Http404("No public history.")
        return redirect(source.get_url(request) + "history/")
    _public_page_or_404(page)
    versions = page_versions(page).defer("revision__content", "data")
    paginator = Paginator(versions, VERSIONS_PER_PAGE)
    number = _page_number(request)
    if number > paginator.num_pages:
        raise Http404("No such page of history.")
    results = paginator.page(number)
    # One row more than the page shows: the version just before it, so
    # that its last entry can be compared too.
    start = (number - 1) * VERSIONS_PER_PAGE
    rows = list(versions[start : start + VERSIONS_PER_PAGE + 1])
    first_id = first_publish_entry_id([page.pk]).get(page.pk)
    entries = [VersionEntry(row, is_first=row.pk == first_id) for row in rows]
    for index, entry in enumerate(entries):
        if not entry.is_withdrawn:
            entry.previous = next((older for older in entries[index + 1 :] if not older.is_withdrawn), None)
    visible = entries[:VERSIONS_PER_PAGE]
    return TemplateResponse(
        request,
        "history/page_history.html",
        {
            "page": page,
            "versions": visible,
            "page_obj": results,
            "paginator": paginator,
            "comparable": [e for e in visible if not e.is_withdrawn],
            "file_versions": _file_versions(page),
        },
    )


def _file_versions(page):
    document_id = getattr(page, "document_id", None)
    if not document_id:
        return []
    return list(DocumentFileVersion.objects.filter(document_id=document_id).defer("note"))


def compare_versions(request, page):
    _public_page_or_404(page)
    old_entry = comparable_revision(page, request.GET.get("from"))
    new_entry = comparable_revision(page, request.GET.get("to"))
    if old_entry is None or new_entry is None:
        raise Http404("No such versions.")
    if old_entry.pk == new_entry.pk:
        raise Http404("Two different versions are needed.")
    if (old_entry.timestamp, old_entry.pk) > (new_entry.timestamp, new_entry.pk):
        # Chosen the other way round: show them oldest first, at the address that says so.
        query = urlencode({"from": new_entry.revision_id, "to": old_entry.revision_id})
        return redirect(f"{request.path}?{query}")
    old_page = old_entry.revision.as_object()
    new_page = new_entry.revision.as_object()
    first_id = first_publish_entry_id([page.pk]).get(page.pk)
    return TemplateResponse(
        request,
        "history/compare.html",
        {
            "page": page,
            "old": VersionEntry(old_entry, is_first=old_entry.pk == first_id),
            "new": VersionEntry(new_entry, is_first=new_entry.pk == first_id),
            "comparisons": compare_pages(old_page, new_page),
        },
    )


def document_file_version(request, page, version_id):
    """An earlier file of the page's document, while the page is public and
    the file not withdrawn."""
    _public_page_or_404(page)
    document_id = getattr(page, "document_id", None)
    version = DocumentFileVersion.objects.filter(
        pk=version_id, document_id=document_id, withdrawn_at__isnull=True
    ).first()
    if document_id is None or version is None:
        raise Http404("No such file.")
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=version.filename)


# --- Timelines ------------------------------------------------------------------


class TimelineEntry(VersionEntry):
    def __init__(self, log_entry, *, is_first, step):
        super().__init__(log_entry, is_first=is_first)
        self.page = log_entry.page
        self.step = step


def timeline_context(request, home, *, limit=None):
    """Entries of ``home``'s timeline, filtered by ``?step=<slug>`` and
    ``?year=<yyyy>`` (invalid values ignored), paginated (or the first
    ``limit`` for feeds)."""
    national_only = not home.get_ancestors().type(*toolkit_root_models()).exists()
    entries = timeline_entries(home, national_only=national_only)
    steps = list(
        Page.objects.type(*toolkit_step_models())
        .descendant_of(home)
        .live()
        .public()
        .order_by("path")
        .only("id", "title", "slug", "path")
    )
    if national_only:
        locality_paths = list(
            Page.objects.descendant_of(home).type(*toolkit_root_models()).values_list("path", flat=True)
        )
        steps = [s for s in steps if not any(s.path.startswith(p) for p in locality_paths)]
    selected_step = next((s for s in steps if s.slug == request.GET.get("step")), None)
    if selected_step:
        entries = entries.filter(page__path__startswith=selected_step.path)
    year = request.GET.get("year", "")
    selected_year = positive_int(year)
    if selected_year is not None and not 1900 < selected_year < 3000:
        selected_year = None
    if selected_year:
        entries = entries.filter(timestamp__year=selected_year)
    entries = entries.defer("revision__content", "data", "page__draft_title")
    results = None
    if limit is None:
        paginator = Paginator(entries, TIMELINE_PER_PAGE)
        number = _page_number(request)
        if number > paginator.num_pages:
            raise Http404("No such page of updates.")
        results = paginator.page(number)
        rows = list(results.object_list)
    else:
        rows = list(entries[:limit])
    firsts = first_publish_entry_id({row.page_id for row in rows})
    items = [
        TimelineEntry(
            row,
            is_first=firsts.get(row.page_id) == row.pk,
            step=next((s for s in steps if row.page.path.startswith(s.path)), None),
        )
        for row in rows
    ]
    all_dates = timeline_entries(home, national_only=national_only).dates("timestamp", "year")
    years = sorted({d.year for d in all_dates}, reverse=True)
    return {
        "page": home,
        "entries": items,
        "page_obj": results,
        "steps": steps,
        "selected_step": selected_step,
        "years": years,
        "selected_year": selected_year,
    }


def timeline(request, home):
    return TemplateResponse(request, "history/timeline.html", timeline_context(request, home))

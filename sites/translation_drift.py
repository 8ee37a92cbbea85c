"""Translation drift: is a Welsh page behind its English page?

wagtail-localize records when a translation's source was last read from the
English page (``TranslationSource.last_updated_at``, moved on by "Sync
translated pages"), but it shows no status per page (its issue #832 asks for
such a table). We add it, from Wagtail's own records: the English page's
``wagtail.publish`` log entries after that moment are the updates the Welsh
page has not taken. A Welsh page made without wagtail-localize (the demo, code)
counts from its own last publication.

Statuses, per locality x English page x language:
- ``translated``: a Welsh page that is not an alias, up to date, every string translated;
- ``behind``: translated, with English publishes since (how many, since when);
- ``partial``: up to date, but some of its strings are still untranslated
  (wagtail-localize publishes them in English);
- ``missing``: no Welsh page, or still the untranslated alias;
- ``inherited``: a mirror, whose Welsh is the national team's translation.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from wagtail.admin.auth import permission_denied
from wagtail.models import Locale, Page, PageLogEntry

from wagtail_localize.models import TranslationSource

from .models import InheritedPage
from .welsh import WELSH, welsh_locale

STATUS_LABELS = {
    "translated": _("Translated"),
    "behind": _("Behind English"),
    "partial": _("Partly translated"),
    "missing": _("Missing"),
    "inherited": _("National translation"),
}


@dataclass
class TranslationStatus:
    english: Page | None
    welsh: Page | None
    updates: int = 0
    since: datetime | None = None
    english_withdrawn: bool = False

    @cached_property
    def progress(self) -> tuple[int, int] | None:
        from .welsh import translation_progress

        return None if self.welsh is None else translation_progress(self.welsh)

    @property
    def missing(self) -> bool:
        from .welsh import is_untranslated

        return self.welsh is None or is_untranslated(self.welsh, self.progress)

    @property
    def partial(self) -> bool:
        return self.progress is not None and self.progress[1] < self.progress[0]

    @property
    def behind(self) -> bool:
        return not self.missing and not self.english_withdrawn and self.updates > 0

    @property
    def status(self) -> str:
        if self.missing:
            return "missing"
        if self.behind:
            return "behind"
        return "partial" if self.partial else "translated"

    def describe(self) -> str:
        updates = ngettext("%(count)d English update", "%(count)d English updates", self.updates) % {
            "count": self.updates
        }
        if self.since is None:
            return updates
        return _("%(updates)s since %(date)s") % {"updates": updates, "date": date_format(self.since, "j F Y")}


def _baselines(english_pages, locale) -> dict:
    """English page id -> the moment its Welsh translation last took English content."""
    by_key = {page.translation_key: page.pk for page in english_pages}
    if not by_key:
        return {}
    baselines = {}
    sources = TranslationSource.objects.filter(
        object_id__in=list(by_key), locale_id__in={page.locale_id for page in english_pages}
    ).values_list("object_id", "last_updated_at")
    for key, updated in sources:
        baselines[by_key[key]] = updated
    own_publications = Page.objects.filter(
        locale=locale, translation_key__in=list(by_key), alias_of__isnull=True, last_published_at__isnull=False
    ).values_list("translation_key", "last_published_at")
    for key, published in own_publications:
        baselines.setdefault(by_key[key], published)
    return baselines


def statuses(english_pages, locale=None) -> dict:
    """English page id -> TranslationStatus, in a fixed number of queries."""
    locale = locale or welsh_locale()
    english_pages = list(english_pages)
    if locale is None or not english_pages:
        return {}
    welsh_pages = {
        page.translation_key: page
        for page in Page.objects.filter(
            locale=locale, translation_key__in=[page.translation_key for page in english_pages]
        )
    }
    baselines = _baselines(english_pages, locale)
    publishes = {}
    if baselines:
        entries = PageLogEntry.objects.filter(page_id__in=list(baselines), action="wagtail.publish").values_list(
            "page_id", "timestamp"
        )
        for page_id, timestamp in entries:
            if timestamp > baselines[page_id]:
                updates, since = publishes.get(page_id, (0, None))
                publishes[page_id] = (updates + 1, min(since, timestamp) if since else timestamp)
    result = {}
    for page in english_pages:
        updates, since = publishes.get(page.pk, (0, None))
        result[page.pk] = TranslationStatus(
            english=page,
            welsh=welsh_pages.get(page.translation_key),
            updates=updates,
            since=since,
            english_withdrawn=not page.live,
        )
    return result


def translation_status(page) -> TranslationStatus | None:
    """The status of a Welsh (non-default locale) page against its English page; None for English pages."""
    if page.locale_id == Locale.get_default().pk or page.alias_of_id:
        return None
    english = Page.objects.filter(translation_key=page.translation_key, locale=Locale.get_default()).first()
    if english is None:
        return TranslationStatus(english=None, welsh=page, english_withdrawn=True)
    return statuses([english], page.locale).get(english.pk)


@dataclass
class TranslationRow:
    locality: object
    page: Page
    language: str
    status: str
    updates: int
    since: datetime | None
    url: str

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def translation_rows(localities, status=None):
    """Rows for the report and the dashboard: every page of each locality's English tree."""
    locale = welsh_locale()
    if locale is None:
        return []
    rows = []
    mirror_type = ContentType.objects.get_for_model(InheritedPage).pk
    for locality in localities:
        home = locality.home_page
        if home is None:
            continue
        pages = list(home.get_descendants(inclusive=True).order_by("path"))
        mirrors = set(
            InheritedPage.objects.filter(pk__in=[p.pk for p in pages if p.content_type_id == mirror_type])
            .filter(is_adapted=False)
            .values_list("pk", flat=True)
        )
        found = statuses([page for page in pages if page.pk not in mirrors], locale)
        for page in pages:
            if page.pk in mirrors:
                row_status, updates, since, target = "inherited", 0, None, page
            else:
                state = found[page.pk]
                row_status, updates, since = state.status, state.updates, state.since
                target = state.welsh if state.welsh is not None else page
            if status and row_status != status:
                continue
            rows.append(
                TranslationRow(
                    locality=locality,
                    page=page,
                    language=dict(_languages()).get(WELSH, WELSH),
                    status=row_status,
                    updates=updates,
                    since=since,
                    url=reverse("wagtailadmin_pages:edit", args=[target.pk]),
                )
            )
    return rows


def _languages():
    from django.conf import settings

    return settings.LANGUAGES


class TranslationReportView(TemplateView):
    """Reports -> Welsh translations: locality x page x language, translated,
    behind or missing, filterable by locality and status; each row links to
    the page to translate or sync. The national team sees every locality,
    locality editors their own."""

    template_name = "sites/admin/translation_report.html"

    def dispatch(self, request, *args, **kwargs):
        from .provisioning import localities_for_user

        self.localities = list(localities_for_user(request.user).select_related("home_page"))
        if not self.localities:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_slug = {locality.slug: locality for locality in self.localities}
        chosen_locality = self.request.GET.get("locality", "")
        chosen_status = self.request.GET.get("status", "")
        # Values that are not valid choices are ignored, as in the public filters.
        if chosen_locality not in by_slug:
            chosen_locality = ""
        if chosen_status not in STATUS_LABELS:
            chosen_status = ""
        localities = [by_slug[chosen_locality]] if chosen_locality else self.localities
        context.update(
            rows=translation_rows(localities, status=chosen_status or None),
            localities=self.localities,
            statuses=list(STATUS_LABELS.items()),
            chosen_locality=chosen_locality,
            chosen_status=chosen_status,
        )
        return context

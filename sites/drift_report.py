"""The drift report (Reports → National drift): every locality × national page,
its state, and links to the page and to what changed nationally.

The national team sees every locality; a locality's editors and publishers
see their own locality's rows only. Filters by locality, national page and
state are a django-filter FilterSet shown by Wagtail's report view, like
Wagtail's own reports. The rows are a grid built in Python (a "missing" row
has no page behind it), so the FilterSet filters rows rather than a queryset.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

import django_filters

from home.models import NationalPage

from .drift import DriftState, drift_report_rows
from .models import Locality, is_national_team
from .provisioning import localities_for_user, national_home


class DriftReportFilterSet(WagtailFilterSet):
    locality = django_filters.ChoiceFilter(label=_("Locality"), empty_label=_("All localities"))
    national_page = django_filters.ChoiceFilter(label=_("National page"), empty_label=_("All national pages"))
    state = django_filters.ChoiceFilter(label=_("State"), choices=DriftState.choices, empty_label=_("Any state"))

    class Meta:
        model = Locality
        fields = []

    def __init__(self, *args, localities=(), national_pages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["locality"].extra["choices"] = [(locality.slug, locality.name) for locality in localities]
        self.filters["national_page"].extra["choices"] = [(str(page.pk), page.title) for page in national_pages]

    def filter_queryset(self, rows):
        wanted = self.form.cleaned_data
        if wanted.get("locality"):
            rows = [row for row in rows if row.locality_slug == wanted["locality"]]
        if wanted.get("national_page"):
            rows = [row for row in rows if str(row.national_page_id) == wanted["national_page"]]
        if wanted.get("state"):
            rows = [row for row in rows if row.state == wanted["state"]]
        return rows


class LinkColumn(Column):
    """A fixed link text, shown only on rows that have somewhere to go."""

    cell_template_name = "sites/admin/link_cell.html"

    def __init__(self, name, text, get_url, **kwargs):
        super().__init__(name, **kwargs)
        self.text, self.get_url = text, get_url

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context.update(url=self.get_url(instance), text=self.text)
        return context


class NationalDriftReportView(ReportView):
    """Inherited, adapted and up to date, adapted and behind (N updates,
    since), missing, national source withdrawn."""

    page_title = _("National drift")
    header_icon = "site"
    index_url_name = "sites_national_drift_report"
    index_results_url_name = "sites_national_drift_report_results"
    filterset_class = DriftReportFilterSet
    paginate_by = 100
    list_export = ["locality", "national_page", "status", "national_updates", "behind_since"]
    export_headings = {"national_updates": "National updates", "behind_since": "Behind since"}
    columns = [
        Column("locality", label=_("Locality")),
        TitleColumn("national_page", label=_("National page"), get_url=lambda row: row.edit_url),
        Column("status", label=_("Status")),
        Column("national_updates", label=_("National updates")),
        DateColumn("behind_since", label=_("Behind since")),
        LinkColumn("changes", _("What changed nationally"), lambda row: row.changes_url, label=_("National changes")),
    ]

    def dispatch(self, request, *args, **kwargs):
        self.localities = list(localities_for_user(request.user).select_related("home_page").order_by("name"))
        if not (is_national_team(request.user) or self.localities):
            return permission_denied(request)
        self.home = national_home()
        national_pages = NationalPage.objects.child_of(self.home).order_by("path")
        if not is_national_team(request.user):
            national_pages = national_pages.live()  # never a national draft's title
        self.national_pages = list(national_pages)
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "localities": self.localities, "national_pages": self.national_pages}

    def get_queryset(self):
        return drift_report_rows(self.home, localities=self.localities, national_pages=self.national_pages)

"""Who among locality editors hears about which national change, and what they are told.

- A national page *updated*: the editors and publishers of each locality
  that adapted it, with how far behind their page now is and links to the
  what-changed and take-changes screens. Localities still mirroring it see
  the change live, so they are not emailed.
- A national page *added* or *unpublished* (the top-level pages every
  locality mirrors): the editors and publishers of every active locality.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q

from sites.drift import drift_of_annotated, with_drift
from sites.models import InheritedPage, Locality, LocalityStatus

from .changes import is_mirrored_national_page
from .links import admin_url, page_url
from .models import AlertPreference, ChangeKind, EditorFrequency


@dataclass
class EditorEntry:
    change: object
    locality: object
    page_title: str
    national_updates: int = 0
    page_url: str = ""
    changes_url: str = ""
    pull_url: str = ""
    edit_url: str = ""


@dataclass
class Editor:
    user: object
    localities: list = field(default_factory=list)


def active_localities():
    return Locality.objects.filter(status=LocalityStatus.ACTIVE, home_page__isnull=False).select_related("home_page")


def editors_of(localities) -> list[Editor]:
    """Active users with an email address in these localities' editors or publishers groups."""
    by_group = {}
    for locality in localities:
        for group_id in (locality.editors_group_id, locality.publishers_group_id):
            if group_id:
                by_group.setdefault(group_id, []).append(locality)
    if not by_group:
        return []
    User = get_user_model()
    memberships = User.groups.through.objects.filter(
        group_id__in=by_group, user__is_active=True, user__email__gt=""
    ).select_related("user")
    editors = {}
    for membership in memberships.order_by("user_id"):
        editor = editors.setdefault(membership.user_id, Editor(membership.user))
        for locality in by_group[membership.group_id]:
            if locality not in editor.localities:
                editor.localities.append(locality)
    return list(editors.values())


def localities_concerned(change) -> list:
    """The localities whose editors a national change concerns."""
    if not change.is_national:
        return []
    if change.kind == ChangeKind.UPDATED:
        ids = _adapting(change, active_localities()).keys()
        return list(active_localities().filter(pk__in=ids))
    if is_mirrored_national_page(change):
        return list(active_localities())
    return []


def _adapting(change, localities) -> dict:
    """{locality id: adapted page with drift} for the localities that adapted the change's page."""
    homes = {locality.home_page.path: locality for locality in localities if locality.home_page}
    if not homes or change.page_id is None:
        return {}
    in_trees = Q()
    for path in homes:
        in_trees |= Q(path__startswith=path)
    pages = with_drift(
        InheritedPage.objects.filter(in_trees, is_adapted=True, adapted_from_id=change.page_id).select_related(
            "adapted_from"
        )
    )
    return {homes[page.path[: -page.steplen]].pk: page for page in pages if page.path[: -page.steplen] in homes}


def entries_for(changes, localities) -> list[EditorEntry]:
    """What one editor is told about these national changes, for their localities."""
    entries = []
    for change in changes:
        if not change.is_national:
            continue
        if change.kind == ChangeKind.UPDATED:
            adapting = _adapting(change, localities)
            for locality in localities:
                page = adapting.get(locality.pk)
                if page is None:
                    continue
                drift = drift_of_annotated(page)
                entries.append(
                    EditorEntry(
                        change=change,
                        locality=locality,
                        page_title=page.title,
                        national_updates=drift.national_updates,
                        page_url=page_url(page, locality=locality),
                        changes_url=admin_url("sites_national_changes", page.pk),
                        pull_url=admin_url("sites_pull_national", page.pk),
                        edit_url=admin_url("wagtailadmin_pages:edit", page.pk),
                    )
                )
        elif is_mirrored_national_page(change):
            for locality in localities:
                entries.append(
                    EditorEntry(
                        change=change,
                        locality=locality,
                        page_title=change.title,
                        page_url=page_url(change.page, locality=locality) if change.kind == ChangeKind.NEW else "",
                    )
                )
    return entries


def preference_for(user, preferences) -> AlertPreference:
    """The user's preference; one who never chose gets the default, a daily
    digest (saved once something is sent)."""
    return preferences.get(user.pk) or AlertPreference(user=user, frequency=EditorFrequency.DAILY)

"""Localities: one page tree per locality that inherits the national pages.

How inheritance works, and why
------------------------------
A locality's tree (``/en/<slug>/``) holds a ``LocalityHomePage``, its own six
``resources.StepPage`` pages (each pointing at its national step, whose live
guidance it shows beside the local content) and one ``InheritedPage`` per
national page at the same slug.

``InheritedPage`` is a *mirror*: a small row pointing at the national page,
rendering that page's live content (English or Welsh) at request time. We
chose it over Wagtail page aliases from what was measured here
(shared/INHERITANCE.md):

- a national publish with aliases costs ~42 queries per locality inside the
  editor's request (8,300 queries, 10-14 s at 200 localities); with mirrors it
  is flat, and a national publish is visible in every locality at once;
- aliases are full copies, indexed once per locality; mirrors have no search
  fields, so national content is found once, and they stay out of sitemaps
  (the canonical URL is the national page);
- aliases can be converted, unpublished, moved, copied or deleted by locality
  editors; a mirror's permission tester refuses all of these, and admin hooks
  refuse them again as a backstop;
- a national draft never shows through (only the live page is rendered);
  an unpublished national page hides its mirrors; deleting a national page
  that mirrors point at is refused (PROTECT) rather than leaving dead links.

Welsh: a mirror renders ``source.localized``, so under ``/cy/<slug>/...`` it
shows the Welsh national page where one is live. The Welsh national home routes
paths it cannot find through the English tree (``home.ToolkitHomePage.route``),
so locality trees need no Welsh copies.

Adapting (sites/adaptation.py)
------------------------------
A locality adapts a national page by turning its mirror into its own page:
the *same* ``InheritedPage`` row, now carrying content (``summary``, ``body``)
copied from the national page's live revision, with block ids kept so that
national-then, national-now and local blocks line up for a three-way merge.
Keeping the same page object through adapt, pull and revert means one URL and
one revision history: every state is a revision, and going back to national
leaves the adapted versions in that history.

- ``source`` (PROTECT) is set only on plain mirrors: deleting a national page
  that mirrors show is refused, as before.
- ``adapted_from`` (SET_NULL) is set only on adapted pages: a national page
  deleted leaves them in place, marked "national source withdrawn" (as does
  an unpublished national page).
- ``adapted_from_revision`` is the national revision adapted from or last
  pulled; "behind national" is the national publishes after it
  (sites/drift.py).

These state fields belong to the row, not to revisions: ``with_content_json``
keeps them, so publishing or reverting to an old revision never turns a page
back into a mirror (or a mirror into an adapted page) behind the actions' back.

Dependency direction: ``sites`` may import ``home`` and ``resources``; they
never import ``sites``.
"""

from .homes import LocalityHomePage, LocalityIndexPage
from .inherited import AdaptedOnlyFieldPanel, InheritedPage
from .locality import (
    NATIONAL_TEAM_GROUP,
    Geography,
    Locality,
    LocalityStatus,
    Nation,
    hostname_validator,
    is_national_team,
)
from .permissions import InheritedPagePermissionTester, LocalityHomePermissionTester

__all__ = [
    "NATIONAL_TEAM_GROUP",
    "AdaptedOnlyFieldPanel",
    "Geography",
    "InheritedPage",
    "InheritedPagePermissionTester",
    "Locality",
    "LocalityHomePage",
    "LocalityHomePermissionTester",
    "LocalityIndexPage",
    "LocalityStatus",
    "Nation",
    "hostname_validator",
    "is_national_team",
]

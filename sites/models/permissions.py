"""Permission testers for locality homes and inherited pages: what locality
editors may not do to the pages that hold their toolkit together."""

from wagtail.models import PagePermissionTester

from .locality import is_national_team


class Fence:
    """A permission method (``can_move = Fence("_national")``) that grants
    only what the tester's ``guard`` method allows and the parent class
    grants as well: Wagtail's own rule still applies inside the fence."""

    def __init__(self, guard):
        self.guard = guard

    def __set_name__(self, owner, name):
        self.owner, self.name = owner, name

    def __get__(self, tester, owner=None):
        if tester is None:
            return self
        granted_by_parent = getattr(super(self.owner, tester), self.name)

        def check(*args, **kwargs):
            return getattr(tester, self.guard)() and granted_by_parent(*args, **kwargs)

        return check


class LocalityHomePermissionTester(PagePermissionTester):
    """Locality editors edit their home's content, but only the national team
    may unpublish, delete, move or copy it (that would take the whole
    locality offline) or restrict who sees it."""

    def _national(self) -> bool:
        if not hasattr(self, "_is_national"):
            self._is_national = is_national_team(self.user)
        return self._is_national

    can_delete = Fence("_national")
    can_unpublish = Fence("_national")
    can_move = Fence("_national")
    can_copy = Fence("_national")
    can_set_view_restrictions = Fence("_national")


class InheritedPagePermissionTester(LocalityHomePermissionTester):
    """A plain mirror is read-only: on top of the home's fences, only the
    national team may edit, publish or lock it. An adapted page is the
    locality's own to edit, publish (publishers) and lock, but like the home
    it is still not deleted, moved, copied or unpublished by the locality
    (going back to national is RevertToNational). Nobody adds children."""

    def _editable_here(self) -> bool:
        return self._national() or bool(getattr(self.page, "is_adapted", False))

    can_edit = Fence("_editable_here")
    can_publish = Fence("_editable_here")
    can_lock = Fence("_editable_here")

    def can_add_subpage(self):
        return False

    def opens_in_admin(self):
        """Whether the page's admin view opens for this user though they may not
        edit it: a plain mirror, for those who could edit it were it their
        locality's own page. It opens on an explanation that offers to adapt
        it (``sites.admin_guards``), not on Wagtail's refusal."""
        return not getattr(self.page, "is_adapted", False) and super().can_edit()

"""Permission testers for locality homes and inherited pages: what locality
editors may not do to the pages that hold their toolkit together."""

from wagtail.models import PagePermissionTester

from .locality import is_national_team


class LocalityHomePermissionTester(PagePermissionTester):
    """Locality editors edit their home's content, but only the national team
    may unpublish, delete, move or copy it (that would take the whole
    locality offline) or restrict who sees it."""

    def _national(self) -> bool:
        if not hasattr(self, "_is_national"):
            self._is_national = is_national_team(self.user)
        return self._is_national

    def can_delete(self, ignore_bulk=False):
        return self._national() and super().can_delete(ignore_bulk)

    def can_unpublish(self):
        return self._national() and super().can_unpublish()

    def can_move(self):
        return self._national() and super().can_move()

    def can_copy(self):
        return self._national() and super().can_copy()

    def can_set_view_restrictions(self):
        return self._national() and super().can_set_view_restrictions()


class InheritedPagePermissionTester(LocalityHomePermissionTester):
    """A plain mirror is read-only: on top of the home's fences, only the
    national team may edit, publish or lock it. An adapted page is the
    locality's own to edit, publish (publishers) and lock, but like the home
    it is still not deleted, moved, copied or unpublished by the locality
    (going back to national is RevertToNational). Nobody adds children."""

    def _editable_here(self) -> bool:
        return self._national() or bool(getattr(self.page, "is_adapted", False))

    def can_edit(self):
        return self._editable_here() and super().can_edit()

    def can_publish(self):
        return self._editable_here() and super().can_publish()

    def can_lock(self):
        return self._editable_here() and super().can_lock()

    def can_add_subpage(self):
        return False

    def opens_in_admin(self):
        """Whether the page's admin view opens for this user though they may not
        edit it: a plain mirror, for those who could edit it were it their
        locality's own page. It opens on an explanation that offers to adapt
        it (``sites.admin_guards``), not on Wagtail's refusal."""
        return not getattr(self.page, "is_adapted", False) and super().can_edit()

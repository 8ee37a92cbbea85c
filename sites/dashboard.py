"""Dashboard panels about the signed-in user's own localities."""

from wagtail.admin.ui.components import Component

from .provisioning import localities_for_user


class LocalityDashboardPanel(Component):
    """A dashboard panel listing ``rows(localities)`` for the localities the
    user belongs to (none for the national team, who has the reports)."""

    def rows(self, localities) -> list:
        raise NotImplementedError

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        localities = list(localities_for_user(request.user).select_related("home_page"))
        return {"rows": self.rows(localities), "request": request}

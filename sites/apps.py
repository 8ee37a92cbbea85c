"""Localities: their model, provisioning, the inheritance of national pages
and the fences between localities. See sites/models.py for the design.

Dependency direction: `sites` may import every other app (`toolkits`,
`history`, `resources`, `home`, `audit`); none of them imports `sites`.
"""

from django.apps import AppConfig

from wagtail.users.apps import WagtailUsersAppConfig


class SitesConfig(AppConfig):
    name = "sites"
    verbose_name = "Localities"

    def ready(self):
        from . import signals, welsh  # noqa: F401


class SitesUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app with the user pages of ``sites.admin_users``
    (Wagtail's documented way to customise its user views)."""

    user_viewset = "sites.admin_users.UserViewSet"

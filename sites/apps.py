"""Localities: their model, provisioning, the inheritance of national pages
and the fences between localities. See sites/models.py for the design.

Dependency direction: `sites` may import `home` and `resources`; neither of
them imports `sites`.
"""

from django.apps import AppConfig


class SitesConfig(AppConfig):
    name = "sites"
    verbose_name = "Localities"

    def ready(self):
        from resources.toolkits import register_active_localities

        from . import signals, welsh  # noqa: F401
        from .models import Locality, LocalityStatus

        # The resource library, search, tips and compare leave archived localities out.
        register_active_localities(
            lambda: dict(
                Locality.objects.filter(status=LocalityStatus.ACTIVE, home_page__isnull=False).values_list(
                    "home_page_id", "name"
                )
            )
        )

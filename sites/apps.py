"""Localities: their model, provisioning, the inheritance of national pages
and the fences between localities. See sites/models.py for the design.

Dependency direction: `sites` may import every other app (`toolkits`,
`history`, `resources`, `home`, `audit`); none of them imports `sites`.
"""

from django.apps import AppConfig


class SitesConfig(AppConfig):
    name = "sites"
    verbose_name = "Localities"

    def ready(self):
        from . import signals, welsh  # noqa: F401

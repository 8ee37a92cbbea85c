"""Localities, provisioning and the demo toolkit.

Dependency direction: `sites` may import `home` and `resources`; neither of
them imports `sites`.
"""

from django.apps import AppConfig


class SitesConfig(AppConfig):
    name = "sites"
    verbose_name = "Localities"

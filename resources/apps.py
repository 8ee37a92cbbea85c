"""Toolkit steps, resources, shared content blocks, documents and embeds.

Dependency direction (README): `resources` may import `toolkits` and
`history`, nothing from `home`, `audit` or `sites`:

    toolkits  <-  history  <-  resources  <-  home  <-  audit  <-  sites
"""

from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Steps and resources"

    def ready(self):
        from wagtail.documents.models import document_served

        from .downloads import count_download

        document_served.connect(count_download, dispatch_uid="resources_count_download")

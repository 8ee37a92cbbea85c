"""Toolkit steps, resources, shared content blocks, documents and embeds.

Dependency direction: `resources` imports nothing from `home` or `sites`;
`home` may import `resources`; `sites` may import both.
"""

from django.apps import AppConfig


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = "Steps and resources"

"""The national toolkit's home page and national pages, and the site chrome.

Dependency direction (README): `home` may import `toolkits`, `history` and
`resources`; nothing from `audit` or `sites`.
"""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "National toolkit"

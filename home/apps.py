"""The national toolkit's home page and national pages, and the site chrome.

Dependency direction: `home` may import `resources`; it imports nothing
from `sites`. `sites` may import `home`.
"""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "National toolkit"

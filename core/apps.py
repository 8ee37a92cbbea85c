"""The lowest layer: small request and cache helpers every app may use.

`core` imports only Django (and the redis client): no other app of this
project, so `history`, `resources`, `audit` and `sites` can all depend on it.
"""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core helpers"

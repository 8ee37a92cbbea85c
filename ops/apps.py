"""Operations: the task worker's retry policy, front-cache headers and purges,
the health endpoint, backups.

The top layer next to `sites`: it may import every other app (a national
publish must find every locality mirror to purge), and no app imports it.
"""

from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import frontend_cache, task_retry

        task_retry.connect()
        frontend_cache.connect()

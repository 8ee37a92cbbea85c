"""The lowest layer: small request and cache helpers every app may use.

`core` imports only Django, Wagtail (signals, the admin menu) and the redis client: no other app of this
project, so `history`, `resources`, `audit` and `sites` can all depend on it.
"""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core helpers"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .render_cache import content_changed, is_ignored, tree_changed

        # Per model, not for every sender: a receiver on a model turns its
        # bulk deletes into a fetch and a signal per row (Django's Collector),
        # and the ignored ones (download events, task results) delete in bulk.
        for model in apps.get_models(include_auto_created=True):
            if is_ignored(model):
                continue
            signal = m2m_changed if model._meta.auto_created else post_save
            signal.connect(content_changed, sender=model, dispatch_uid=f"render_cache_{model._meta.label}")
            post_delete.connect(content_changed, sender=model, dispatch_uid=f"render_cache_gone_{model._meta.label}")
        tree_signals = {"published": page_published, "unpublished": page_unpublished, "moved": post_page_move}
        for name, signal in tree_signals.items():
            signal.connect(tree_changed, dispatch_uid=f"render_cache_{name}")

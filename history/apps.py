"""Public revision history: change notes, page histories, version compares,
timelines with Atom feeds, and withdrawn versions.

Why a top-level app: history covers every page type of every other app
(home, resources and sites pages all show "history/"), so it must sit *below*
all of them in the dependency graph: ``resources`` may import nothing from
``home`` or ``sites``, yet its pages need the history routes and the change
note form. ``history`` therefore imports only Django, Wagtail and
``toolkits`` (which answers which toolkits are public and which page types
mirror others), and the others import it:

    toolkits  <-  history  <-  resources  <-  home  <-  audit  <-  sites
"""

from django.apps import AppConfig


class HistoryConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "history"
    verbose_name = "Public history"

    def ready(self):
        from .documents import connect_signals

        connect_signals()

"""The interactive audit: an anonymous, token-based self-assessment of a
local system, and the system review (traffic-light) tool of the same shape.

Why a top-level app: an audit is taken by visitors without accounts, reached
only through a private link, and kept for a limited time (its own retention
command). That fits none of ``home`` (national pages and site chrome),
``resources`` (steps and what helps with them) or ``sites`` (localities).
The audit *definition* is an ordinary Wagtail page (``AuditPage``, with
revisions: each published revision is a version); the answers are plain
models that keep the revision they were given against.

Dependency direction: ``audit`` may import ``toolkits``, ``history``,
``resources`` and ``home``; only ``sites`` (the demo loader) imports ``audit``:

    toolkits  <-  history  <-  resources  <-  home  <-  audit  <-  sites
"""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = "Audit"

"""Toolkits: the one answer to "which toolkits and localities are public, and
which toolkit owns this page".

It sits at the bottom of the dependency direction and imports only Django and
Wagtail; every other app asks it:

    toolkits  <-  history  <-  resources  <-  home  <-  audit  <-  sites

Page types take part by subclassing the contracts in ``toolkits.pages``
(a toolkit root, a step, a page that mirrors another page's content); the
questions are answered in ``toolkits.scope`` from the page tree and those
contracts, with no registry filled at start-up and no model looked up by name.
"""

from django.apps import AppConfig


class ToolkitsConfig(AppConfig):
    name = "toolkits"
    verbose_name = "Toolkits"

"""What every public page carries about the site itself: the footer's
accessibility statement, privacy notice and contact, and each page's meta
description.

Dependency direction: `siteinfo` imports none of the other apps; any app's
templates may use its tags.
"""

from django.apps import AppConfig


class SiteInfoConfig(AppConfig):
    name = "siteinfo"
    verbose_name = "Site information"

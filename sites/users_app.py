"""Wagtail's users app with the user pages of ``sites.admin_users`` (Wagtail's
documented way to customise its user views). In its own module: an AppConfig
imported into ``sites/apps.py`` would stop Django choosing ``SitesConfig``
for the sites app."""

from wagtail.users.apps import WagtailUsersAppConfig


class SitesUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "sites.admin_users.UserViewSet"

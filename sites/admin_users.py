"""Wagtail's own user pages, with "Reset two-factor sign-in" for the national
team: in the header of a user's edit page and in the users listing's "More"
menu, leading to a confirmation. The reset is written to the audit log (the
user's History) and the ``sites.security`` log.

Wired the way Wagtail documents it: ``sites.users_app.SitesUsersAppConfig``
replaces ``wagtail.users`` in ``INSTALLED_APPS`` and names this module's
``UserViewSet``; the listing button comes from the
``register_user_listing_buttons`` hook.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.widgets import Button, ListingButton
from wagtail.users.views import users

import django_otp

from .models import is_national_team
from .passkeys import has_passkey
from .two_factor import reset_done_message, reset_second_factor

RESET_LABEL = gettext_lazy("Reset two-factor sign-in")


def may_reset(request_user, user) -> bool:
    return is_national_team(request_user) and django_otp.user_has_device(user, confirmed=None)


def reset_url(user) -> str:
    return reverse("wagtailusers_users:reset_two_factor", args=[user.pk])


class EditView(users.EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if may_reset(self.request.user, self.object):
            buttons.append(Button(RESET_LABEL, url=reset_url(self.object), icon_name="lock", priority=30))
        return buttons


def reset_two_factor_view(request, pk):
    """GET: what a reset does; POST: reset, log, back to the user's edit page."""
    user = get_object_or_404(users.User, pk=pk)
    if not is_national_team(request.user):
        return permission_denied(request)
    edit_url = reverse("wagtailusers_users:edit", args=[user.pk])
    if request.method == "POST":
        reset_second_factor(user, by=request.user)
        messages.success(request, reset_done_message(user))
        return redirect(edit_url)
    context = {
        "user_to_reset": user,
        "edit_url": edit_url,
        "has_device": django_otp.user_has_device(user, None),
        "has_passkey": has_passkey(user),
    }
    return TemplateResponse(request, "sites/two_factor/reset_user.html", context)


class UserViewSet(users.UserViewSet):
    edit_view_class = EditView

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("reset-two-factor/<str:pk>/", reset_two_factor_view, name="reset_two_factor"),
        ]


@hooks.register("register_user_listing_buttons")
def user_listing_reset_button(user, request_user):
    if may_reset(request_user, user):
        yield ListingButton(RESET_LABEL, url=reset_url(user), icon_name="lock", priority=30)


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    actions.register_action(
        "sites.two_factor_reset", gettext_lazy("Reset two-factor sign-in"), gettext_lazy("Reset two-factor sign-in")
    )

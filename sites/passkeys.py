"""Passkeys (WebAuthn) as a second factor beside the authenticator app, on
django-otp-webauthn: a passkey is one more django-otp device, so the
sign-in rules of ``sites.two_factor`` hold for it unchanged.

- Added and removed under the account menu (Passkeys). A user who must set
  up a second factor may add a passkey on the set-up page instead of an app;
  the package refuses to add one in a session that has not given the user's
  existing second factor.
- Offered at the second-factor step to users who have one. A failed passkey
  counts towards the same lockout as wrong codes and is logged on
  ``sites.security``.
- Passwordless sign-in is off (``OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN``): a
  passkey never stands in for the password and its lockout.
- Each user sees and removes only their own passkeys; the national team's
  reset of a user's second factor removes theirs (``reset_second_factor``).

The package's own views and scripts do the WebAuthn ceremonies (no inline
script: its settings travel in a JSON data block, read by a script from this
site). Its URLs live under the admin in its ``otp_webauthn`` namespace, which
its template tags reverse.
"""

import logging

from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.i18n import JavaScriptCatalog

from axes.handlers.proxy import AxesProxyHandler
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp_webauthn import exceptions
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from core.posted import posted_id

from .sign_in_throttling import second_factor_credentials

security_log = logging.getLogger("sites.security")


def passkeys_of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def has_passkey(user) -> bool:
    return user.is_authenticated and passkeys_of(user).exists()


class PasskeyRegistrationCompleteView(CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        security_log.info("passkey added", extra={"event": "passkey_added", "user": self.request.user.get_username()})
        return response


class PasskeyAuthenticationCompleteView(CompleteCredentialAuthenticationView):
    """The package's check of a passkey at the second-factor step, counted
    like a typed code: refused while the code form is locked, and each
    failure logged and counted towards that lockout."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not AxesProxyHandler.is_allowed(request, second_factor_credentials(request.user)):
            raise SecondFactorLockedOut()

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if not isinstance(exc, SecondFactorLockedOut | exceptions.PasswordlessLoginDisabled):
            user = self.request.user
            security_log.warning(
                "second factor failed",
                extra={"event": "second_factor_failed", "user": user.get_username(), "path": self.request.path},
            )
            credentials = second_factor_credentials(user)
            user_login_failed.send(sender=__name__, credentials=credentials, request=self.request)
        return response

    def get_success_url(self):
        return self.get_redirect_url() or reverse("wagtailadmin_home")


class SecondFactorLockedOut(exceptions.OTPWebAuthnApiError):
    status_code = 429
    code = "locked_out"

    def __init__(self):
        super().__init__(detail=_("Too many failed attempts. Ask the national team to lift the lockout, or wait."))


# The package's own endpoints (its URL names, which its scripts reverse), with our views for the two that finish.
WEBAUTHN_STEPS = [
    ("registration/begin/", BeginCredentialRegistrationView, "credential-registration-begin"),
    ("registration/complete/", PasskeyRegistrationCompleteView, "credential-registration-complete"),
    ("authentication/begin/", BeginCredentialAuthenticationView, "credential-authentication-begin"),
    ("authentication/complete/", PasskeyAuthenticationCompleteView, "credential-authentication-complete"),
]

webauthn_urlpatterns = (
    [
        *(path(route, view.as_view(), name=name) for route, view, name in WEBAUTHN_STEPS),
        path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
    ],
    "otp_webauthn",
)

# Let through by ``sites.two_factor.SecondFactorMiddleware``: checking a
# passkey is giving the second factor; adding one is setting one up.
CHECK_VIEW_NAMES = {
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
}
SET_UP_VIEW_NAMES = {"otp_webauthn:credential-registration-begin", "otp_webauthn:credential-registration-complete"}


class PasskeysView(View):
    """Account → Passkeys: the user's own passkeys, "Add a passkey", and
    "Remove" for each. Users who sign in with a passkey and have no
    recovery codes yet are offered them here."""

    template_name = "sites/two_factor/passkeys.html"

    def get(self, request):
        return self.render(request)

    def post(self, request):
        if "recovery_codes" in request.POST:
            return self.make_recovery_codes(request)
        passkey = passkeys_of(request.user).filter(pk=posted_id(request, "remove")).first()
        if passkey is None:
            messages.error(request, _("No such passkey: it may have been removed already."))
            return self.render(request, status=400)
        passkey.delete()
        security_log.info("passkey removed", extra={"event": "passkey_removed", "user": request.user.get_username()})
        messages.success(request, _("The passkey was removed."))
        return redirect("sites_two_factor_passkeys")

    def make_recovery_codes(self, request):
        from .two_factor import new_recovery_codes

        if not has_passkey(request.user) or has_recovery_codes(request.user):
            messages.error(request, _("Recovery codes are made once, with your first passkey."))
            return redirect("sites_two_factor_passkeys")
        codes = new_recovery_codes(request.user)
        return TemplateResponse(request, "sites/two_factor/recovery_codes.html", {"codes": codes})

    def render(self, request, status=200):
        context = {
            "passkeys": passkeys_of(request.user),
            "offer_recovery_codes": has_passkey(request.user) and not has_recovery_codes(request.user),
        }
        return TemplateResponse(request, self.template_name, context, status=status)


def has_recovery_codes(user) -> bool:
    return StaticDevice.objects.filter(user=user, token_set__isnull=False).exists()


def remove_passkeys(user) -> None:
    WebAuthnCredential.objects.filter(user=user).delete()


def passkey_urls():
    return [
        path("two-factor/passkeys/", PasskeysView.as_view(), name="sites_two_factor_passkeys"),
        path("two-factor/passkeys/webauthn/", include(webauthn_urlpatterns)),
    ]

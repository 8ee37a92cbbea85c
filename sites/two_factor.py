"""Two-factor sign-in for the admin, on django-otp.

- A time-based code from an authenticator app (TOTP), plus ten single-use
  recovery codes (django-otp's static tokens) made at enrolment and shown once.
- Required for the national team and every locality's publishers (they can
  publish to the public site); offered to editors. Required users are sent to
  enrolment until they have a device, then asked for a code at each sign-in.
- Enrolment and "new recovery codes" under the account menu; the national
  team resets a user's second factor (Settings → Two-factor sign-in).
- Every failed code is logged on the ``sites.security`` logger, and
  ``AXES_FAILURE_LIMIT`` wrong codes from one address lock the code form like
  wrong passwords lock the sign-in form (django-axes, keyed on
  "<user name> (second factor)", listed and lifted under Settings → Sign-in
  lockouts). django-otp's own back-off only slows guessing down; lifting the
  lockout also clears that back-off so the user can sign in at once.

``TWO_FACTOR_REQUIRED`` (setting) turns the requirement off for the test
settings, whose many admin tests sign in with ``force_login``; the tests of
this module turn it on.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from wagtail.admin.auth import permission_denied
from wagtail.log_actions import log

import django_otp
import segno
from axes.handlers.proxy import AxesProxyHandler
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.posted import posted_id

from .models import Locality, is_national_team
from .passkeys import CHECK_VIEW_NAMES, SET_UP_VIEW_NAMES, has_passkey, remove_passkeys
from .sign_in_throttling import lockout_response, second_factor_credentials

security_log = logging.getLogger("sites.security")

RECOVERY_CODE_COUNT = 10


def second_factor_required(user) -> bool:
    if not user.is_authenticated:
        return False
    if is_national_team(user):
        return True
    return user.groups.filter(pk__in=Locality.objects.values("publishers_group")).exists()


def _next_url(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


def _log_failure(request):
    security_log.warning(
        "second factor failed",
        extra={"event": "second_factor_failed", "user": request.user.get_username(), "path": request.path},
    )


class VerifyView(View):
    """The second step of signing in: a code from the app or a recovery code."""

    template_name = "sites/two_factor/verify.html"

    def dispatch(self, request, *args, **kwargs):
        self.credentials = second_factor_credentials(request.user)
        if not AxesProxyHandler.is_allowed(request, self.credentials):
            return lockout_response(request, credentials=self.credentials)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(request, CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            device = django_otp.match_token(request.user, form.cleaned_data["code"])
            if device is not None:
                django_otp.login(request, device)
                return redirect(_next_url(request, reverse("wagtailadmin_home")))
            _log_failure(request)
            user_login_failed.send(sender=__name__, credentials=self.credentials, request=request)
            if not AxesProxyHandler.is_allowed(request, self.credentials):
                return lockout_response(request, credentials=self.credentials)
            form.add_error("code", "That code is not right. Check your app's clock, or use a recovery code.")
        return self.render(request, form, status=400)

    def render(self, request, form, status=200):
        context = {"form": form, "next": _next_url(request, ""), "has_passkey": has_passkey(request.user)}
        return TemplateResponse(request, self.template_name, context, status=status)


class EnrolView(View):
    """Set up an authenticator app: scan the code, type a code to confirm,
    receive recovery codes. Replaces any earlier second factor of the user."""

    template_name = "sites/two_factor/enrol.html"

    def pending_device(self, request):
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        return device or TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)

    def get(self, request):
        return self.render(request, self.pending_device(request), CodeForm())

    def post(self, request):
        device = self.pending_device(request)
        form = CodeForm(request.POST)
        if form.is_valid() and device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=request.user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save()
                codes = new_recovery_codes(request.user)
            django_otp.login(request, device)
            security_log.info(
                "second factor enrolled", extra={"event": "second_factor_enrolled", "user": request.user.get_username()}
            )
            return TemplateResponse(request, "sites/two_factor/recovery_codes.html", {"codes": codes})
        if form.is_valid():
            _log_failure(request)
            form.add_error("code", "That code is not right. Type the code your app shows now.")
        return self.render(request, device, form, status=400)

    def render(self, request, device, form, status=200):
        qr = segno.make(device.config_url, error="m")
        context = {
            "form": form,
            "qr_svg": qr.svg_inline(scale=4, title="QR code to scan with an authenticator app"),
            "secret": _base32_key(device),
            "required": second_factor_required(request.user),
        }
        return TemplateResponse(request, self.template_name, context, status=status)


def _base32_key(device) -> str:
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))


def new_recovery_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def reset_second_factor(user, by) -> None:
    """Remove the user's app, passkeys and recovery codes (they enrol again at
    their next sign-in), in the audit log (the user's History) and the security log."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        remove_passkeys(user)
        log(instance=user, action="sites.two_factor_reset", user=by)
    security_log.warning(
        "second factor reset",
        extra={"event": "second_factor_reset", "user": user.get_username(), "reset_by": by.get_username()},
    )


def reset_done_message(user) -> str:
    return _("“%(user)s” will set up two-factor sign-in again at their next sign-in.") % {"user": user.get_username()}


class ResetView(View):
    """National team: list users with a second factor and reset one (they
    enrol again at their next sign-in)."""

    def dispatch(self, request, *args, **kwargs):
        if not is_national_team(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        users = (
            get_user_model()
            .objects.filter(Q(totpdevice__confirmed=True) | Q(webauthncredential__confirmed=True))
            .distinct()
        )
        users = users.order_by("username")
        return TemplateResponse(request, "sites/two_factor/reset.html", {"users": users})

    def post(self, request):
        user = get_user_model().objects.filter(pk=posted_id(request, "user")).first()
        if user is None:
            messages.error(request, "No such user.")
        else:
            reset_second_factor(user, by=request.user)
            messages.success(request, reset_done_message(user))
        return redirect("sites_two_factor_reset")


class SecondFactorMiddleware:
    """Admin requests of a signed-in user who has not given a second factor
    this session: to the code page when they have a device, to enrolment
    when their role requires one. Sign-in, sign-out and the code page pass;
    the set-up pages pass only while the user has no second factor, so a
    password alone never replaces one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if user is None or match is None or not user.is_authenticated or user.is_verified():
            return None
        admin_prefix = reverse("wagtailadmin_home")
        if not request.path_info.startswith(admin_prefix) or match.view_name in PASS_THROUGH_VIEW_NAMES:
            return None
        next_query = f"?next={request.get_full_path()}" if request.method == "GET" else ""
        if django_otp.user_has_device(user):
            return redirect(reverse("sites_two_factor_verify") + next_query)
        if match.view_name in ENROLMENT_VIEW_NAMES:
            return None
        if getattr(settings, "TWO_FACTOR_REQUIRED", True) and second_factor_required(user):
            return redirect(reverse("sites_two_factor_enrol") + next_query)
        return None


PASS_THROUGH_VIEW_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",  # the admin's icons, fetched by its script on every page
    "sites_two_factor_verify",
    *CHECK_VIEW_NAMES,
}
ENROLMENT_VIEW_NAMES = {"sites_two_factor_enrol", *SET_UP_VIEW_NAMES}

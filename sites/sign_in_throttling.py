"""Sign-in throttling and lockout, on django-axes.

Ten wrong passwords for one user name from one client address lock that
pair for ``LOGIN_LOCKOUT_MINUTES`` (axes: ``AXES_LOCKOUT_PARAMETERS``). The
same count covers private pages' password forms, keyed on the page instead of
a user name, so a page password cannot be guessed either. The national team
lists current lockouts under Settings and lifts them (``LockoutsView``).

Wrong two-factor codes are counted the same way, keyed on "<user name>
(second factor)" (``sites.two_factor.VerifyView``).

The client's address comes from ``core.client_address.client_ip`` (one place for every
throttle).
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin
from django.utils.timezone import now
from django.views import View

from wagtail.admin.auth import permission_denied

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django_otp import devices_for_user

from core.client_address import client_ip
from core.posted import posted_id

from .models import is_national_team

security_log = logging.getLogger("sites.security")


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: a page that says what happened and when to try again."""
    username = (credentials or {}).get("username", "") or request.POST.get("username", "")
    security_log.warning(
        "sign-in locked out",
        extra={"event": "lockout", "user": username, "path": request.path, "client": client_ip(request)},
    )
    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    # Rendered now: axes returns it from its middleware, after template responses are rendered.
    return render(
        request,
        "sites/security/locked_out.html",
        {
            "minutes": minutes,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "second_factor": username.endswith(SECOND_FACTOR_SUFFIX),
        },
        status=429,
    )


# --- Private pages' password forms -------------------------------------------


def _private_page_credentials(view_kwargs):
    return {"username": f"private-page-{view_kwargs.get('page_id')}"}


class PrivatePagePasswordThrottleMiddleware(MiddlewareMixin):
    """Counts wrong passwords on Wagtail's private-page password form
    (``wagtailcore_authenticate_with_password``) as failed sign-ins for that
    page and client, and refuses the form once locked. Wagtail's view calls
    no authentication backend, so axes cannot see these attempts by itself."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if request.method != "POST" or match is None or match.url_name != "wagtailcore_authenticate_with_password":
            return None
        credentials = _private_page_credentials(view_kwargs)
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout_response(request, credentials=credentials)
        response = view_func(request, *view_args, **view_kwargs)
        if response.status_code == 200:  # the form shown again: a wrong password
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if not AxesProxyHandler.is_allowed(request, credentials):
                return lockout_response(request, credentials=credentials)
        return response


# --- The two-factor code form ---------------------------------------------------

SECOND_FACTOR_SUFFIX = " (second factor)"


def second_factor_credentials(user) -> dict:
    """What axes counts wrong codes against: apart from the user's wrong passwords."""
    return {"username": f"{user.get_username()}{SECOND_FACTOR_SUFFIX}"}


def clear_code_back_off(lockout_username: str) -> None:
    """Lifting a second-factor lockout also clears django-otp's own back-off
    (doubling after each wrong code), which would otherwise refuse the right
    code for minutes more."""
    if not lockout_username.endswith(SECOND_FACTOR_SUFFIX):
        return
    user = get_user_model().objects.filter(username=lockout_username.removesuffix(SECOND_FACTOR_SUFFIX)).first()
    for device in devices_for_user(user, confirmed=None) if user is not None else ():
        if hasattr(device, "throttle_reset"):
            device.throttle_reset()


# --- The national team lifts lockouts -----------------------------------------


def current_lockouts():
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = settings.AXES_COOLOFF_TIME
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=now() - cool_off)
    return attempts.order_by("-attempt_time")


class LockoutsView(View):
    """Settings → Sign-in lockouts: who is locked out, from where, since
    when; "Lift" clears the failures of that user name and address."""

    def dispatch(self, request, *args, **kwargs):
        if not is_national_team(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return TemplateResponse(request, "sites/security/lockouts.html", {"lockouts": current_lockouts()})

    def post(self, request):
        attempt = AccessAttempt.objects.filter(pk=posted_id(request, "attempt")).first()
        if attempt is None:
            messages.error(request, "That lockout has already been lifted or has expired.")
        else:
            reset(ip=attempt.ip_address, username=attempt.username)
            clear_code_back_off(attempt.username)
            security_log.warning(
                "lockout lifted",
                extra={"event": "lockout_lifted", "user": attempt.username, "lifted_by": request.user.get_username()},
            )
            messages.success(request, f"“{attempt.username}” can sign in again from {attempt.ip_address}.")
        return redirect(reverse("sites_lockouts"))

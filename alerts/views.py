"""Visitors' subscriptions: subscribe, confirm (double opt-in), unsubscribe.

No enumeration: whether an address is new, waiting for confirmation or
already subscribed, the visitor sees the same "check your email" page; the
email itself says which. The confirmation email is sent in the request (not
by the worker) so that an address the mail server refuses gets a clear
message there and then, and nothing about it is stored.
"""

import smtplib

from django.db import transaction
from django.db.models import Max
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from wagtail.models import Page

from history.versions import positive_int
from home.models import ToolkitHomePage
from sites.models import Locality

from .emails import already_subscribed_email, confirmation_email
from .forms import SubscribeForm
from .models import GuidanceChange, Subscriber, Subscription
from .ratelimit import allow_address, allow_client
from .tokens import CONFIRM, UNSUBSCRIBE, ExpiredToken, InvalidToken, read_token
from .wording import toolkit_label


class _NoToolkit(Exception):
    def __init__(self, title, text, status):
        self.title, self.text, self.status = title, text, status


def _message(request, title, text, *, status=200, home=None, link=None):
    context = {"title": title, "text": text, "page": home, "link": link}
    return render(request, "alerts/message.html", context, status=status)


def _toolkit(value):
    """(locality or None for national, its home page) from a ``toolkit`` parameter (a toolkit home's id)."""
    if not value:
        return None, _national_home()
    home_id = positive_int(value)
    # A Welsh locality home names the same locality as the English home it translates.
    same_home = Page.objects.filter(pk=home_id).values("translation_key")
    locality = (
        Locality.objects.select_related("home_page").filter(home_page__translation_key__in=same_home).first()
        if home_id
        else None
    )
    if locality is not None:
        if not locality.is_active or not locality.home_page.live:
            raise _NoToolkit(
                _("This toolkit is archived"),
                _("%(name)s's toolkit is no longer published, so it has no updates to send.") % {"name": locality.name},
                410,
            )
        return locality, locality.home_page
    home = ToolkitHomePage.objects.filter(pk=home_id).first() if home_id else None
    if home is None:
        raise _NoToolkit(_("Toolkit not found"), _("There is no toolkit at this address to subscribe to."), 404)
    return None, _national_home()


def _national_home():
    language = translation.get_language()
    homes = ToolkitHomePage.objects.live()
    return homes.filter(locale__language_code=language).first() or homes.first()


@require_http_methods(["GET", "POST"])
def subscribe(request):
    try:
        locality, home = _toolkit(
            request.POST.get("toolkit") if request.method == "POST" else request.GET.get("toolkit")
        )
    except _NoToolkit as missing:
        return _message(request, missing.title, missing.text, status=missing.status)
    language = translation.get_language()
    context = {"page": home, "locality": locality, "toolkit": toolkit_label(locality, language), "toolkit_id": ""}
    if locality is not None:
        context["toolkit_id"] = locality.home_page_id
    if request.method == "GET":
        context["form"] = SubscribeForm()
        return render(request, "alerts/subscribe.html", context)
    if not allow_client(request):
        return _message(
            request,
            _("Too many requests"),
            _("Your connection has asked for a lot of subscriptions in the last hour. Please try again later."),
            status=429,
            home=home,
        )
    form = SubscribeForm(request.POST)
    context["form"] = form
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", context, status=400)
    try:
        with transaction.atomic():
            _subscribe(form.cleaned_data["email"], form.cleaned_data["frequency"], locality, language)
    except smtplib.SMTPRecipientsRefused:
        form.add_error("email", _("We could not send an email to this address. Check it and try again."))
        return render(request, "alerts/subscribe.html", context, status=400)
    except (smtplib.SMTPException, OSError):
        form.add_error(None, _("We could not send email just now, so nothing was saved. Please try again later."))
        return render(request, "alerts/subscribe.html", context, status=503)
    query = urlencode({"toolkit": context["toolkit_id"]}) if locality else ""
    return HttpResponseRedirect(reverse("alerts:subscribe_sent") + (f"?{query}" if query else ""))


def _subscribe(email, frequency, locality, language):
    """Store the subscription and send its email; any sending error rolls it all back."""
    subscriber, _created = Subscriber.objects.get_or_create(email=email, defaults={"language": language})
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber, locality=locality, defaults={"frequency": frequency}
    )
    if subscription.is_confirmed:
        message = already_subscribed_email(subscription)
    else:
        if not created:
            # Asked again before confirming: the latest choice wins and the link's clock restarts.
            subscription.frequency = frequency
            subscription.created_at = timezone.now()
            subscription.save(update_fields=["frequency", "created_at"])
            if subscriber.language != language:
                subscriber.language = language
                subscriber.save(update_fields=["language"])
        message = confirmation_email(subscription)
    if allow_address(email):
        message.send()


def subscribe_sent(request):
    try:
        home = _toolkit(request.GET.get("toolkit"))[1]
    except _NoToolkit:
        home = _national_home()
    return _message(
        request,
        _("Check your email"),
        _(
            "We have sent an email to the address you gave. Follow the link in it to confirm your subscription: "
            "until you do, we send nothing else. If it has not arrived in a few minutes, check your spam folder."
        ),
        home=home,
    )


def _bad_link(request, expired=False):
    if expired:
        return _message(
            request,
            _("This link has expired"),
            _("Confirmation links work for a limited time. Subscribe again and we will send you a new one."),
            status=410,
            home=_national_home(),
            link={"url": reverse("alerts:subscribe"), "text": _("Subscribe again")},
        )
    return _message(
        request,
        _("This link is not valid"),
        _(
            "The link may be incomplete, or the subscription it was for no longer exists. "
            "Check that you copied the whole link from the email."
        ),
        status=404,
        home=_national_home(),
    )


@require_http_methods(["GET"])
def confirm(request, token):
    try:
        subscription = read_token(token, CONFIRM)
    except ExpiredToken:
        return _bad_link(request, expired=True)
    except InvalidToken:
        return _bad_link(request)
    if subscription is None:
        return _bad_link(request, expired=True)
    locality = subscription.locality
    home = locality.home_page if locality else _national_home()
    if locality is not None and not locality.is_active:
        return _message(
            request,
            _("This toolkit is archived"),
            _(
                "%(name)s's toolkit is no longer published, so your subscription was not started "
                "and nothing will be sent."
            )
            % {"name": locality.name},
            status=410,
        )
    if subscription.is_confirmed:
        return _message(request, _("Already confirmed"), _("This subscription was already confirmed."), home=home)
    latest = GuidanceChange.objects.aggregate(latest=Max("pk"))["latest"] or 0
    Subscription.objects.filter(pk=subscription.pk).update(confirmed_at=timezone.now(), last_change_id=latest)
    return _message(
        request,
        _("Subscription confirmed"),
        _(
            "You will get emails about major changes to %(toolkit)s (%(frequency)s). "
            "Every email has a link to unsubscribe."
        )
        % {
            "toolkit": toolkit_label(locality, translation.get_language()),
            "frequency": subscription.get_frequency_display().lower(),
        },
        home=home,
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks (so link checkers that open links unsubscribe nobody); POST
    unsubscribes, from our button or a mail client's one-click request
    (RFC 8058), which carries no CSRF token: the signed token is the proof."""
    try:
        subscription = read_token(token, UNSUBSCRIBE)
    except (InvalidToken, ExpiredToken):
        return _bad_link(request)
    if subscription is None:
        return _message(
            request,
            _("You are not subscribed"),
            _("This address is not subscribed to these emails any more."),
            home=None,
        )
    locality = subscription.locality
    label = toolkit_label(locality, translation.get_language())
    if request.method == "GET":
        context = {"page": locality.home_page if locality else _national_home(), "toolkit": label}
        return render(request, "alerts/unsubscribe.html", context)
    with transaction.atomic():
        subscriber = subscription.subscriber
        subscription.delete()
        if not subscriber.subscriptions.exists():
            subscriber.delete()
    return _message(
        request,
        _("You have unsubscribed"),
        _("You will get no more emails about %(toolkit)s. If you follow nothing else, your address has been deleted.")
        % {"toolkit": label},
        home=locality.home_page if locality and locality.is_active else _national_home(),
    )

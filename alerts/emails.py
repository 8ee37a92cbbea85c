"""Building alert emails: plain text and HTML, in the reader's language.

Every header value is built from one line of text: a page title or locality
name can never add a header (Django also refuses newlines in headers).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .links import page_url, site_url
from .models import ChangeKind
from .tokens import CONFIRM, UNSUBSCRIBE, make_token
from .wording import toolkit_label, words


def one_line(text: str) -> str:
    return " ".join(str(text).split())


class _Blanks(dict):
    def __missing__(self, key):
        return ""


def _phrases(language, context) -> dict:
    """The language's phrases with {toolkit}, {days} and {frequency} filled in."""
    values = _Blanks({key: value for key, value in context.items() if isinstance(value, str | int)})
    return {key: phrase.format_map(values) for key, phrase in words(language).items()}


def subscriber_email(subscription, subject_key, template, links, context, connection, unsubscribe=False):
    """An email to a subscriber, in their language, about their toolkit; with
    one-click unsubscribe headers once the subscription is confirmed."""
    language = subscription.subscriber.language
    return build_email(
        to=subscription.subscriber.email,
        subject=words(language)[subject_key].format(toolkit=links["toolkit"]),
        template=template,
        context=context,
        language=language,
        headers=unsubscribe_headers(links["unsubscribe_url"]) if unsubscribe else None,
        connection=connection,
    )


def build_email(*, to, subject, template, context, language="en", headers=None, connection=None):
    context = {**context, "words": _phrases(language, context), "language": language}
    with translation.override(language):
        text = render_to_string(f"alerts/email/{template}.txt", context)
        html = render_to_string(f"alerts/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers or {},
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def unsubscribe_headers(unsubscribe_url: str) -> dict:
    """RFC 8058 one-click unsubscribe: mail clients POST to the URL."""
    return {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _subscription_links(subscription) -> dict:
    language = subscription.subscriber.language
    locality = subscription.locality
    return {
        "unsubscribe_url": site_url(
            "alerts:unsubscribe", locality=locality, language=language, args=[make_token(subscription, UNSUBSCRIBE)]
        ),
        "toolkit": toolkit_label(locality, language),
        "toolkit_url": page_url(locality.home_page if locality else None, locality=locality, language=language),
    }


def confirmation_email(subscription, connection=None):
    language = subscription.subscriber.language
    links = _subscription_links(subscription)
    context = {
        **links,
        "confirm_url": site_url(
            "alerts:confirm",
            locality=subscription.locality,
            language=language,
            args=[make_token(subscription, CONFIRM)],
        ),
        "days": settings.ALERTS_CONFIRMATION_DAYS,
    }
    return subscriber_email(subscription, "confirm_subject", "confirm_subscription", links, context, connection)


def already_subscribed_email(subscription, connection=None):
    links = _subscription_links(subscription)
    return subscriber_email(
        subscription, "already_subject", "already_subscribed", links, links, connection, unsubscribe=True
    )


def changes_email(subscription, changes, connection=None):
    """The changes a subscriber has not been sent yet, as one email."""
    language = subscription.subscriber.language
    locality = subscription.locality
    links = _subscription_links(subscription)
    table = words(language)
    items = [
        {
            "change": change,
            "title": change.title,
            "kind": table[f"kind_{change.kind}"],
            "national": change.is_national and locality is not None,
            "url": page_url(change.page, locality=locality, language=language)
            if change.kind != ChangeKind.UNPUBLISHED and change.page is not None
            else "",
        }
        for change in changes
    ]
    context = {**links, "items": items, "frequency": table[f"frequency_{subscription.frequency}"]}
    return subscriber_email(
        subscription, "digest_subject", "subscriber_changes", links, context, connection, unsubscribe=True
    )


def editor_email(user, entries, *, digest, connection=None):
    localities = sorted({entry.locality.name for entry in entries})
    if digest:
        subject = f"National guidance changes for {', '.join(localities)}"
    else:
        first = entries[0]
        subject = f"National guidance changed: {first.change.title} ({first.change.get_kind_display().lower()})"
    return build_email(
        to=user.email,
        subject=subject,
        template="editor_alert",
        context={"user": user, "entries": entries, "digest": digest, "preferences_url": _account_url()},
        connection=connection,
    )


def _account_url():
    from .links import admin_url

    return admin_url("wagtailadmin_account")

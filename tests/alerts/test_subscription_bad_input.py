"""Bad input to subscriptions: each gets a clear page, nothing is sent that
shouldn't be, and nothing is lost."""

import html
import time
from datetime import timedelta

from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

import pytest

from alerts.models import Subscriber, Subscription
from alerts.tokens import CONFIRM, UNSUBSCRIBE, make_token
from sites.models import LocalityStatus

from .conftest import links_in, path_and_host, publish_through_admin

ADDRESS = "visitor@example.org"


def text(response) -> str:
    return html.unescape(response.content.decode())


def subscribe(client, story, email=ADDRESS, frequency="daily", **extra):
    data = {"email": email, "frequency": frequency, "toolkit": story["hackney"].home_page_id, **extra}
    return client.post(reverse("alerts:subscribe"), data)


def confirm_link(mailbox):
    [message] = mailbox.to(ADDRESS)
    return path_and_host(next(link for link in links_in(message) if "/alerts/confirm/" in link))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("not-an-address", "Enter an email address like name@example.org."),
        ("", "Enter your email address."),
        ("a" * 288 + "@example.org", "An email address is at most 254 characters"),
        (f"{ADDRESS}\r\nBcc: victim@example.org", "Enter an email address like name@example.org."),
        (f"{ADDRESS}\x00", "Enter an email address like name@example.org."),
    ],
)
def test_bad_addresses_are_refused_clearly_and_nothing_is_stored(client, story, mailbox, email, message):
    response = subscribe(client, story, email=email)
    assert response.status_code == 400
    assert message in text(response)
    assert 'aria-invalid="true"' in text(response)
    assert not Subscriber.objects.exists()
    assert mailbox.messages == []


@pytest.mark.django_db
def test_a_frequency_that_is_not_offered_is_refused(client, story, mailbox):
    response = subscribe(client, story, frequency="hourly\r\nBcc: victim@example.org")
    assert response.status_code == 400
    assert "Choose one of the options." in text(response)
    assert not Subscriber.objects.exists()
    assert mailbox.messages == []


@pytest.mark.django_db
@pytest.mark.parametrize("toolkit_id", ["99999", "abc", "1\x00", "²", "123456789012345678901"])
def test_unknown_toolkits_get_a_clear_page(client, story, mailbox, toolkit_id):
    response = client.get(reverse("alerts:subscribe"), {"toolkit": toolkit_id})
    assert response.status_code == 404
    assert "There is no toolkit at this address to subscribe to." in text(response)
    response = subscribe(client, story, toolkit=toolkit_id)
    assert response.status_code == 404
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_an_address_the_mail_server_refuses_gets_a_clear_message_and_nothing_is_stored(client, story, mailbox):
    mailbox.refused.add("nobody@example.org")
    response = subscribe(client, story, email="nobody@example.org")
    assert response.status_code == 400
    assert "We could not send an email to this address. Check it and try again." in text(response)
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_a_refused_address_keeps_its_other_subscriptions(client, story, mailbox):
    """Nothing lost: a failure rolls back only the new subscription."""
    subscribe(client, story)
    path, host = confirm_link(mailbox)
    client.get(path, HTTP_HOST=host)
    mailbox.refused.add(ADDRESS)
    response = client.post(reverse("alerts:subscribe"), {"email": ADDRESS, "frequency": "daily", "toolkit": ""})
    assert response.status_code == 400
    assert [s.locality for s in Subscription.objects.filter(subscriber__email=ADDRESS)] == [story["hackney"]]


@pytest.mark.django_db
def test_header_injection_through_a_locality_name_adds_no_header(client, story, mailbox):
    hackney = story["hackney"]
    hackney.name = "Hackney\r\nBcc: victim@example.org"
    hackney.save()
    response = subscribe(client, story)
    assert response.status_code == 302
    [message] = mailbox.messages
    assert message.envelope_to == [ADDRESS]
    assert message["Bcc"] is None
    assert message["Subject"] == "Confirm your email updates from Hackney Bcc: victim@example.org's toolkit"


@pytest.mark.django_db
def test_expired_confirmation_link(client, story, mailbox, monkeypatch):
    subscribe(client, story)
    subscription = Subscription.objects.get()
    eight_days_ago = time.time() - 8 * 24 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: eight_days_ago)
    old_token = make_token(subscription, CONFIRM)
    monkeypatch.undo()

    response = client.get(reverse("alerts:confirm", args=[old_token]))
    assert response.status_code == 410
    assert "This link has expired" in text(response)
    assert "Subscribe again" in text(response)
    assert Subscription.objects.get().confirmed_at is None


@pytest.mark.django_db
def test_reused_confirmation_link(client, story, mailbox):
    subscribe(client, story)
    path, host = confirm_link(mailbox)
    assert client.get(path, HTTP_HOST=host).status_code == 200
    confirmed_at = Subscription.objects.get().confirmed_at
    again = client.get(path, HTTP_HOST=host)
    assert again.status_code == 200
    assert "Already confirmed" in text(again)
    assert Subscription.objects.get().confirmed_at == confirmed_at


@pytest.mark.django_db
@pytest.mark.parametrize(
    "token",
    ["nonsense", "WzEsImtleSIsInVuc3Vic2NyaWJlIl0:1xYaKZ:forged", "a\x00b", "%00", "x" * 2000],
)
def test_unsubscribe_tokens_that_do_not_exist(client, story, mailbox, token):
    subscribe(client, story)
    for method in (client.get, client.post):
        response = method(f"/en/alerts/unsubscribe/{token}/")
        assert response.status_code == 404
        assert "This link is not valid" in text(response)
    assert Subscription.objects.count() == 1


@pytest.mark.django_db
def test_a_confirmation_token_does_not_unsubscribe(client, story, mailbox):
    subscribe(client, story)
    subscription = Subscription.objects.get()
    response = client.post(reverse("alerts:unsubscribe", args=[make_token(subscription, CONFIRM)]))
    assert response.status_code == 404
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    response = client.get(reverse("alerts:confirm", args=[make_token(subscription, UNSUBSCRIBE)]))
    assert response.status_code == 404
    assert Subscription.objects.get().confirmed_at is None


@pytest.mark.django_db
def test_locality_archived_before_confirmation(client, story, mailbox):
    subscribe(client, story)
    path, host = confirm_link(mailbox)
    story["hackney"].status = LocalityStatus.ARCHIVED
    story["hackney"].save()
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 410
    assert "Hackney's toolkit is no longer published" in text(response)
    assert Subscription.objects.get().confirmed_at is None


@pytest.mark.django_db
def test_locality_archived_after_confirmation_sends_nothing_and_keeps_the_subscription(
    client, story, mailbox, django_capture_on_commit_callbacks
):
    subscribe(client, story, frequency="immediately")
    path, host = confirm_link(mailbox)
    client.get(path, HTTP_HOST=host)
    mailbox.clear()
    story["hackney"].status = LocalityStatus.ARCHIVED
    story["hackney"].save()
    client.force_login(story["people"]["national"])
    with django_capture_on_commit_callbacks(execute=True):
        publish_through_admin(client, story["adapted"].adapted_from, note="A national change")
    call_command("send_alert_digests")
    assert mailbox.to(ADDRESS) == []
    assert Subscription.objects.filter(subscriber__email=ADDRESS, confirmed_at__isnull=False).exists()
    client.logout()
    response = client.get(reverse("alerts:subscribe"), {"toolkit": story["hackney"].home_page_id})
    assert response.status_code == 410
    assert "Hackney's toolkit is no longer published" in text(response)


@pytest.mark.django_db
def test_subscribing_is_limited_per_client_address(client, story, mailbox, settings):
    settings.ALERTS_SUBSCRIBE_LIMIT = 2
    for number in range(2):
        assert subscribe(client, story, email=f"person{number}@example.org").status_code == 302
    response = subscribe(client, story, email="person3@example.org")
    assert response.status_code == 429
    assert "Please try again later" in text(response)
    assert not Subscriber.objects.filter(email="person3@example.org").exists()
    other_client = client_class_from(client)
    assert subscribe(other_client, story, email="person4@example.org").status_code == 302


def client_class_from(client):
    return type(client)(REMOTE_ADDR="192.0.2.7")


@pytest.mark.django_db
def test_one_address_gets_few_emails_however_often_it_is_entered(client, story, mailbox, settings):
    """Nobody can use the form to flood someone's inbox, and the page still says the same."""
    settings.ALERTS_ADDRESS_LIMIT = 2
    responses = [subscribe(client, story) for _ in range(4)]
    assert {response.status_code for response in responses} == {302}
    assert len(mailbox.to(ADDRESS)) == 2


@pytest.mark.django_db
def test_unconfirmed_subscriptions_are_deleted_when_their_link_expires(client, story, mailbox):
    subscribe(client, story)
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=8))
    call_command("send_alert_digests")
    assert not Subscription.objects.exists()
    assert not Subscriber.objects.exists(), "the address of someone who never confirmed is not kept"

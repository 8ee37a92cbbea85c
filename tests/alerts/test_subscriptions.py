"""Visitors subscribe by email to a toolkit's major changes: double opt-in,
digests, one-click unsubscribe, nothing kept that is not needed."""

import html
import re

from django.core.management import call_command
from django.urls import reverse

import pytest

from alerts.models import Subscriber, Subscription

from .conftest import html_of, links_in, national_change, path_and_host, text_of

ADDRESS = "visitor@example.org"
NOTE = "Added a section on working with transport providers"


def text(response) -> str:
    return html.unescape(response.content.decode())


# What the visitor reads on the way: the timeline's link, the form's heading and its privacy section.
SUBSCRIBE_WORDS = {
    "en": (
        "Get emails about changes to Hackney",
        "Get emails about changes to Hackney",
        "How we use your email address",
    ),
    "cy": (
        "Cael e-byst am newidiadau i Hackney",
        "Cael e-byst am newidiadau i pecyn cymorth Hackney",
        "Sut rydym yn defnyddio eich cyfeiriad e-bost",
    ),
}


def subscribe_from_timeline(client, address=ADDRESS, frequency="daily", language="en", host="testserver"):
    """As a visitor: open Hackney's timeline, follow the email link, fill in the form."""
    link_text, heading, privacy = SUBSCRIBE_WORDS[language]
    timeline = client.get(f"/{language}/hackney/updates/", HTTP_HOST=host)
    assert timeline.status_code == 200
    link = re.search(rf'href="([^"]+)">{link_text}', timeline.content.decode()).group(1)
    link = link.replace("&amp;", "&")
    form_page = client.get(link, HTTP_HOST=host)
    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert heading in html
    assert privacy in html
    toolkit = re.search(r'name="toolkit" value="(\d*)"', html).group(1)
    return client.post(
        link.split("?")[0], {"email": address, "frequency": frequency, "toolkit": toolkit}, HTTP_HOST=host
    )


def confirmation_link(mailbox, address=ADDRESS):
    [message] = mailbox.to(address)
    return next(link for link in links_in(message) if "/alerts/confirm/" in link)


def confirmed_subscriber(client, mailbox, **kwargs):
    response = subscribe_from_timeline(client, **kwargs)
    assert response.status_code == 302
    path, host = path_and_host(confirmation_link(mailbox, kwargs.get("address", ADDRESS)))
    assert "Subscription confirmed" in client.get(path, HTTP_HOST=host).content.decode()
    mailbox.clear()


@pytest.mark.django_db
def test_subscribe_confirm_digest_and_one_click_unsubscribe(client, story, mailbox, django_capture_on_commit_callbacks):
    response = subscribe_from_timeline(client)
    assert response.status_code == 302
    assert "Check your email" in client.get(response["Location"]).content.decode()

    [confirmation] = mailbox.to(ADDRESS)
    assert confirmation["Subject"] == "Confirm your email updates from Hackney's toolkit"
    assert "Hackney's toolkit" in html_of(confirmation)
    path, host = path_and_host(confirmation_link(mailbox))
    assert host == "hackney.localhost", "links use the locality's own host name"
    assert Subscription.objects.get().confirmed_at is None
    mailbox.clear()

    confirmed = client.get(path, HTTP_HOST=host)
    assert confirmed.status_code == 200
    assert "Subscription confirmed" in confirmed.content.decode()

    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    assert mailbox.to(ADDRESS) == [], "a daily subscriber waits for the digest"
    call_command("send_alert_digests")

    [digest] = mailbox.to(ADDRESS)
    assert digest["Subject"] == "Changes to Hackney's toolkit"
    assert NOTE in text_of(digest)
    assert NOTE in html_of(digest)
    assert "Updated (National guidance): Principles" in text_of(digest)
    assert "http://hackney.localhost/en/principles/" in links_in(digest), "Hackney's own copy, on its host"
    unsubscribe_url = digest["List-Unsubscribe"].strip().strip("<>")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe_url in links_in(digest)

    path, host = path_and_host(unsubscribe_url)
    one_click = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded", HTTP_HOST=host
    )
    assert one_click.status_code == 200
    assert "You have unsubscribed" in one_click.content.decode()
    assert not Subscriber.objects.filter(email=ADDRESS).exists(), "the address goes with its last subscription"


@pytest.mark.django_db
def test_unsubscribe_link_asks_before_it_unsubscribes(client, story, mailbox):
    """Opening the link (as a mail scanner does) changes nothing; the button does."""
    confirmed_subscriber(client, mailbox)
    subscribe_from_timeline(client)
    [notice] = mailbox.to(ADDRESS)
    path, host = path_and_host(notice["List-Unsubscribe"].strip().strip("<>"))

    page = client.get(path, HTTP_HOST=host)
    assert page.status_code == 200
    assert "Unsubscribe from emails about Hackney's toolkit" in text(page)
    assert Subscription.objects.filter(subscriber__email=ADDRESS).exists()

    done = client.post(path, HTTP_HOST=host)
    assert "You have unsubscribed" in text(done)
    assert not Subscriber.objects.exists()
    again = client.post(path, HTTP_HOST=host)
    assert again.status_code == 200
    assert "You are not subscribed" in text(again)


@pytest.mark.django_db
def test_minor_change_is_not_sent(client, story, mailbox, django_capture_on_commit_callbacks):
    confirmed_subscriber(client, mailbox, frequency="immediately")
    national_change(client, story, django_capture_on_commit_callbacks, minor=True)
    call_command("send_alert_digests")
    assert mailbox.to(ADDRESS) == []


@pytest.mark.django_db
def test_immediate_subscriber_hears_at_once(client, story, mailbox, django_capture_on_commit_callbacks):
    confirmed_subscriber(client, mailbox, frequency="immediately")
    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    [message] = mailbox.to(ADDRESS)
    assert NOTE in text_of(message)
    call_command("send_alert_digests")
    assert len(mailbox.to(ADDRESS)) == 1, "not sent again in a digest"


@pytest.mark.django_db
def test_unconfirmed_subscription_gets_nothing(client, story, mailbox, django_capture_on_commit_callbacks):
    subscribe_from_timeline(client, frequency="immediately")
    mailbox.clear()
    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    call_command("send_alert_digests")
    assert mailbox.to(ADDRESS) == []


@pytest.mark.django_db
def test_same_answer_whether_or_not_the_address_is_subscribed(client, story, mailbox):
    confirmed_subscriber(client, mailbox)
    again = subscribe_from_timeline(client)
    new = subscribe_from_timeline(client, address="someone-else@example.org")
    assert again.status_code == new.status_code == 302
    assert again["Location"] == new["Location"]
    assert client.get(again["Location"]).content == client.get(new["Location"]).content
    [notice] = mailbox.to(ADDRESS)
    assert "already subscribed" in text_of(notice), "the mailbox owner is told; the visitor's page is the same"
    assert Subscription.objects.filter(subscriber__email=ADDRESS).count() == 1


@pytest.mark.django_db
def test_welsh_subscriber_gets_welsh_emails(client, story, mailbox):
    subscribe_from_timeline(client, language="cy")
    [message] = mailbox.to(ADDRESS)
    assert message["Subject"] == "Cadarnhewch eich diweddariadau e-bost gan pecyn cymorth Hackney"
    assert "Cadarnhewch eich tanysgrifiad" in text_of(message)
    assert 'lang="cy"' in html_of(message)
    assert "/cy/alerts/confirm/" in confirmation_link(mailbox)


@pytest.mark.django_db
def test_national_toolkit_subscription_from_the_home_page(client, story, mailbox, django_capture_on_commit_callbacks):
    home = client.get("/en/").content.decode()
    link = re.search(r'href="([^"]+)">Get emails about changes to this toolkit', home).group(1)
    form = client.get(link).content.decode()
    toolkit = re.search(r'name="toolkit" value="(\d*)"', form).group(1)
    client.post(reverse("alerts:subscribe"), {"email": ADDRESS, "frequency": "weekly", "toolkit": toolkit})
    path, host = path_and_host(confirmation_link(mailbox))
    assert host == "testserver"
    client.get(path)
    mailbox.clear()
    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    call_command("send_alert_digests")
    [digest] = mailbox.to(ADDRESS)
    assert digest["Subject"] == "Changes to the national toolkit"
    assert "http://testserver/en/principles/" in links_in(digest)
    assert "once a week" in text_of(digest)


@pytest.mark.django_db
def test_a_refused_immediate_email_is_sent_by_the_retry_and_nobody_gets_two(
    client, story, mailbox, django_capture_on_commit_callbacks
):
    from alerts.models import GuidanceChange
    from alerts.tasks import send_change_alerts

    confirmed_subscriber(client, mailbox, frequency="immediately")
    confirmed_subscriber(client, mailbox, frequency="immediately", address="other@example.org")
    mailbox.refused.add(ADDRESS)
    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    assert mailbox.to(ADDRESS) == []
    assert len(mailbox.to("other@example.org")) == 1

    mailbox.refused.clear()
    change = GuidanceChange.objects.get()
    send_change_alerts.call(change.pk)  # what the worker's retry runs
    assert len(mailbox.to(ADDRESS)) == 1
    assert len(mailbox.to("other@example.org")) == 1

    send_change_alerts.call(change.pk)  # a third run sends nothing: both were sent
    assert len(mailbox.to(ADDRESS)) == 1
    assert len(mailbox.to("other@example.org")) == 1


@pytest.mark.django_db
def test_an_alert_task_that_could_not_send_fails_so_the_worker_retries_it(
    client, story, mailbox, django_capture_on_commit_callbacks
):
    from alerts.models import GuidanceChange
    from alerts.tasks import AlertsNotSent, send_change_alerts

    confirmed_subscriber(client, mailbox, frequency="immediately")
    mailbox.refused.add(ADDRESS)
    national_change(client, story, django_capture_on_commit_callbacks, note=NOTE)
    with pytest.raises(AlertsNotSent):
        send_change_alerts.call(GuidanceChange.objects.get().pk)


@pytest.mark.django_db
def test_a_locality_adapting_a_page_is_an_update_of_its_toolkit(client, story, mailbox):
    from sites.adaptation import AdaptNationalPage
    from sites.models import InheritedPage

    timeline = client.get("/en/bristol/updates/").content.decode()
    link = re.search(r'href="([^"]+)">Get emails about changes to Bristol', timeline).group(1).replace("&amp;", "&")
    toolkit = link.split("toolkit=")[1]
    client.post(reverse("alerts:subscribe"), {"email": ADDRESS, "frequency": "immediately", "toolkit": toolkit})
    path, host = path_and_host(confirmation_link(mailbox))
    client.get(path, HTTP_HOST=host)
    mailbox.clear()

    mirror = InheritedPage.objects.child_of(story["bristol"].home_page).get(slug="principles")
    from django.db import transaction

    with transaction.atomic():
        AdaptNationalPage(user=story["people"]["bristol-editor"], page=mirror).execute()
    from alerts.models import GuidanceChange
    from alerts.tasks import send_change_alerts

    change = GuidanceChange.objects.get(locality=story["bristol"])
    send_change_alerts.call(change.pk)
    [message] = mailbox.to(ADDRESS)
    assert "Updated: Principles" in text_of(message)
    assert "New page" not in text_of(message)

"""Fixtures for alerts: a real SMTP server on 127.0.0.1 (aiosmtpd), the
national toolkit with Hackney (on its own host name) and Bristol, their
editors, and Hackney's adapted Principles page."""

import email
import html
import re
from email import policy
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from wagtail.fields import StreamField
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

import pytest
from aiosmtpd.controller import Controller

from alerts.models import GuidanceChange
from home.models import NationalPage
from sites.adaptation import AdaptNationalPage
from sites.factories import LocalityFactory
from sites.models import NATIONAL_TEAM_GROUP, InheritedPage
from tests.conftest import fresh_copy_of


class Mailbox:
    """What the SMTP server accepted, parsed; addresses in ``refused`` get a 550."""

    def __init__(self):
        self.messages = []
        self.refused = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message.envelope_to = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address):
        return [message for message in self.messages if address in message.envelope_to]

    def clear(self):
        self.messages.clear()


class LoopbackController(Controller):
    """aiosmtpd's controller on port 0: reads the port the system chose before its readiness check."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Subscribe limits live in the cache: each test starts with none used."""
    cache.clear()


@pytest.fixture
def mailbox(settings):
    """A real SMTP server on 127.0.0.1, and Django's SMTP backend pointed at it."""
    box = Mailbox()
    controller = LoopbackController(box, hostname="127.0.0.1", port=0)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    try:
        yield box
    finally:
        controller.stop()


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    """The HTML part, entities decoded (what a reader sees, tags kept)."""
    return html.unescape(message.get_body(preferencelist=("html",)).get_content())


def links_in(message) -> list[str]:
    return re.findall(r"https?://[^\s<>\"]+", text_of(message))


def path_and_host(url):
    parts = urlsplit(url)
    return parts.path, parts.hostname


def publish_national(toolkit):
    principles = toolkit["principles"]
    principles.save_revision().publish()
    return NationalPage.objects.get(pk=principles.pk)


def build_localities():
    hackney = LocalityFactory(name="Hackney", slug="hackney", hostname="hackney.localhost")
    bristol = LocalityFactory(name="Bristol", slug="bristol")
    return {"hackney": hackney, "bristol": bristol}


def build_people(localities):
    User = get_user_model()

    def user(name, group):
        person = User.objects.create_user(
            name,
            f"{name}@example.org",
            "pw",
            first_name=name.split("-")[0].title(),
            last_name=name.split("-")[-1].title(),
        )
        person.groups.add(group)
        return person

    return {
        "hackney-editor": user("hackney-editor", localities["hackney"].editors_group),
        "hackney-publisher": user("hackney-publisher", localities["hackney"].publishers_group),
        "bristol-editor": user("bristol-editor", localities["bristol"].editors_group),
        "national": user("national", Group.objects.get(name=NATIONAL_TEAM_GROUP)),
    }


@pytest.fixture(scope="module")
def story_data(toolkit_data):
    """Hackney has adapted the national Principles page; the changes made
    while setting this up are not news to anyone. Built once per module."""
    publish_national(toolkit_data)
    localities = build_localities()
    people = build_people(localities)
    mirror = InheritedPage.objects.child_of(localities["hackney"].home_page).get(slug="principles")
    adapted = AdaptNationalPage(user=people["hackney-publisher"], page=mirror).execute()
    GuidanceChange.objects.all().delete()
    return {**localities, "people": people, "adapted": adapted}


story = fresh_copy_of("story_data")


def edit_form(client, page, **changes):
    """The page's admin edit form data, as the form itself would post it
    (StreamFields, drawn by JavaScript, get one paragraph)."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for model_field in type(page.specific)._meta.get_fields():
        if isinstance(model_field, StreamField):
            blocks = [("paragraph", rich_text(changes.pop(model_field.name, "<p>Revised national guidance.</p>")))]
            data.update(nested_form_data({model_field.name: streamfield(blocks)}))
    for name, value in changes.items():
        data[name] = value
    return url, data


def national_change(client, story, capture, **kwargs):
    """The national team publishes the page Hackney adapted through the admin,
    running the alerts queued on commit (``capture`` is django_capture_on_commit_callbacks)."""
    client.force_login(story["people"]["national"])
    with capture(execute=True):
        publish_through_admin(client, story["adapted"].adapted_from, **kwargs)
    client.logout()


def publish_through_admin(client, page, *, note="", minor=False, **changes):
    url, data = edit_form(client, page, **changes)
    data["change_note"] = note
    if minor:
        data["minor_change"] = "on"
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response

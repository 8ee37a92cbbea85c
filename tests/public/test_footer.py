"""The footer: accessibility statement, privacy notice and contact on every
public page, changed by the national team through Settings → Footer, and
not by a locality's editors."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import Page

import pytest

from home.models import NationalPage
from sites.models import NATIONAL_TEAM_GROUP, Locality

from .crawl import Crawl

pytestmark = pytest.mark.django_db

FOOTER_SETTINGS_URL = "/admin/settings/siteinfo/footersettings/"


def footer(client, url="http://localhost/en/"):
    html = Crawl(client, port=80).get(url).content.decode()
    return html[html.index('<footer class="site-footer">') :]


def user_in(group, name):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(group)
    return user


@pytest.mark.parametrize(
    "url", ["http://localhost/en/", "http://localhost/en/hackney/assessment/", "http://hackney.localhost/en/"]
)
def test_every_page_links_to_the_accessibility_statement_privacy_notice_and_contact(client, demo, url):
    html = footer(client, url)
    assert "Accessibility statement</a>" in html
    assert "Privacy notice</a>" in html
    assert 'href="mailto:toolkit@example.org">Contact us</a>' in html
    privacy = Crawl(client, port=80).get("http://localhost/en/privacy/").content.decode()
    assert "no tracking" in privacy and "download" in privacy and "audit" in privacy.lower()


def test_the_national_team_changes_the_footer_in_the_admin(client, demo):
    client.force_login(user_in(Group.objects.get(name=NATIONAL_TEAM_GROUP), "national-footer"))
    principles = NationalPage.objects.get(slug="principles", locale__language_code="en")
    form = client.get(FOOTER_SETTINGS_URL, follow=True)
    assert form.status_code == 200
    edit_url = form.redirect_chain[-1][0] if form.redirect_chain else FOOTER_SETTINGS_URL
    accessibility = Page.objects.get(url_path__endswith="/accessibility/", depth=3)
    response = client.post(
        edit_url,
        {
            "about_text": "A toolkit for practitioners.",
            "accessibility_page": accessibility.pk,
            "privacy_page": principles.pk,
            "contact_email": "help@example.org",
        },
    )
    assert response.status_code == 302
    html = footer(client)
    assert "A toolkit for practitioners." in html
    assert 'href="mailto:help@example.org">Contact us</a>' in html
    assert 'href="/en/principles/">Principles</a>' in html


def test_a_locality_editor_cannot_change_the_footer(client, demo):
    hackney = Locality.objects.get(slug="hackney")
    client.force_login(user_in(hackney.publishers_group, "hackney-footer"))
    for url in (FOOTER_SETTINGS_URL, FOOTER_SETTINGS_URL + "1/"):
        response = client.post(url, {"about_text": "Hijacked.", "contact_email": "x@example.org"})
        assert response.status_code in (302, 403)
    assert "Hijacked." not in footer(client)

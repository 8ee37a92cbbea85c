"""Reports → Audit use: audits started and completed per tool, version and
month, and ratings per area, in totals only, for the national team."""

import html

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

import pytest

from sites.factories import LocalityFactory
from sites.models import NATIONAL_TEAM_GROUP

from .conftest import TOKEN_URL, item_ids

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/audit-use/"


def take_audit(audit, ratings_by_position, area="Testshire", notes=""):
    """A visitor (own browser) starts the self-assessment and rates items by position."""
    visitor = Client()
    response = visitor.post("/en/audit/self-assessment/", {"area": area})
    url = TOKEN_URL.search(response["Location"]).group(0)
    ids = item_ids(audit)
    data = {"item": ids}
    for position, rating in ratings_by_position.items():
        data[f"rating-{ids[position]}"] = rating
        data[f"notes-{ids[position]}"] = notes
    assert visitor.post(url, data).status_code == 302


@pytest.fixture
def used(audit):
    take_audit(audit, {0: "red", 1: "amber", 2: "green"}, area="Northshire", notes="Our lead left in May")
    take_audit(audit, {0: "green", 1: "green", 2: "green"})
    take_audit(audit, {0: "amber"})
    LocalityFactory(name="Hackney", slug="hackney")
    User = get_user_model()
    national = User.objects.create_user("national", "national@example.org", "pw")
    national.groups.add(Group.objects.get(name=NATIONAL_TEAM_GROUP))
    return {"national": national}


def rows(response):
    return html.unescape(response.content.decode())


def test_national_team_sees_audits_started_and_completed(client, used):
    client.force_login(used["national"])
    assert REPORT in client.get("/admin/").content.decode()
    response = client.get(REPORT)
    assert response.status_code == 200
    page = " ".join(rows(response).split())
    assert "Self-assessment</td><td>Version 1</td><td>3</td><td>2</td>" in page


def test_ratings_per_area_are_shares_and_an_average(client, used):
    client.force_login(used["national"])
    page = " ".join(rows(client.get(REPORT)).split())
    # Governance: 3 audits, 5 ratings: 1 red, 2 amber, 2 green -> 20%, 40%, 40%, average (0 + 2 + 4) / 5 = 1.2
    assert "<td>Governance</td> <td>3</td><td>20%</td><td>40%</td><td>40%</td><td>1.2</td>" in page
    # Engagement was rated by two audits only: no figures that could point at one.
    assert '<td>Engagement with young people</td> <td colspan="5">Fewer than 3 audits</td>' in page


def test_nothing_identifies_an_audit(client, used):
    client.force_login(used["national"])
    page = rows(client.get(REPORT))
    assert "Northshire" not in page
    assert "Testshire" not in page
    assert "Our lead left in May" not in page


def test_locality_people_and_the_public_cannot_see_it(client, used):
    hackney = LocalityFactory(name="Bristol", slug="bristol")
    publisher = get_user_model().objects.create_user("bristol-publisher", "p@example.org", "pw")
    publisher.groups.add(hackney.publishers_group)
    client.force_login(publisher)
    assert REPORT not in client.get("/admin/").content.decode()
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "Governance" not in response.content.decode()
    client.logout()
    assert client.get(REPORT).status_code == 302

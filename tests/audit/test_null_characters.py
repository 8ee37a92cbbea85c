"""A NUL byte in audit form input (issue 14, finding 9) was a 500 on
PostgreSQL. Now a 400 that says what to fix, and nothing is saved."""

import pytest

from audit.models import AuditAnswer, AuditResponse

from .conftest import item_ids

START_URL = "/en/audit/self-assessment/"


@pytest.mark.django_db
def test_an_area_with_a_nul_byte_is_refused_with_a_message(client, audit):
    response = client.post(START_URL, {"area": "nul\x00area"})
    assert response.status_code == 400
    assert "invisible null character" in response.content.decode()
    assert AuditResponse.objects.count() == 0


@pytest.mark.django_db
def test_notes_with_a_nul_byte_are_refused_and_nothing_is_saved(client, audit, started):
    url, _token = started
    first, second = item_ids(audit)[:2]
    data = {
        "item": [first, second],
        f"rating-{first}": "green",
        f"notes-{first}": "fine",
        f"rating-{second}": "red",
        f"notes-{second}": "bad\x00note",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "invisible null character" in response.content.decode()
    assert AuditAnswer.objects.count() == 0
    as_json = client.post(url, data, HTTP_ACCEPT="application/json")
    assert as_json.status_code == 400
    assert as_json.json()["saved"] is False

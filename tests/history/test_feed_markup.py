"""Change notes in the Atom feed are text (issue 14, finding 8).

Django's Atom feed wrote them as ``<summary type="html">`` escaped once, so
a feed reader turned a note such as ``<img src=x onerror=...>`` into live
markup. Read here with feedparser, as a feed reader does."""

import feedparser
import pytest

from resources.models import StepPage

from .conftest import publish

NOTE = '<img src="x" onerror="alert(1)"> Added <b>bold</b> contacts & links'


@pytest.mark.django_db
def test_a_change_note_with_markup_reaches_feed_readers_as_text(client, localities):
    step = StepPage.objects.get(pk=localities["step"].pk)
    publish(step, NOTE, summary="A summary with a new sentence.")
    response = client.get("/en/hackney/updates/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    entry = next(entry for entry in feed.entries if "Added" in entry.title and "contacts" in entry.title)
    assert entry.summary_detail.type == "text/plain"
    assert entry.summary.startswith(NOTE)
    assert "<img" not in response.content.decode()

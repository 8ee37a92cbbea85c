"""What a publish asks the worker to purge, and when."""

import datetime

from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult, get_date_max

from history.notes import publish_with_note
from ops.frontend_cache import urls_showing
from resources.factories import StepPageFactory
from sites.factories import LocalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_content_types(db):
    """The transactional tests beside these empty and refill the database: content
    type ids an earlier test cached in this process must not leak in here."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture
def localities(toolkit):
    return [
        LocalityFactory(name="Hackney", slug="hackney", hostname="hackney.localhost"),
        LocalityFactory(name="Bristol", slug="bristol"),
    ]


def test_a_national_page_is_purged_wherever_it_shows(localities, toolkit):
    urls = urls_showing(toolkit["principles"])
    for address in [
        "http://localhost/en/principles/",
        "http://localhost/en/principles/history/",
        "http://localhost/en/hackney/principles/",
        "http://localhost/en/bristol/principles/",
        "http://hackney.localhost/en/principles/",
        "http://localhost/en/",
        "http://localhost/en/updates/",
        "http://localhost/en/updates/feed/",
        "http://localhost/en/hackney/updates/",
    ]:
        assert address in urls, address


def test_a_national_step_purges_the_local_steps_that_show_it(toolkit):
    step = StepPageFactory(parent=toolkit["home"], title="Referrals", slug="referrals")
    LocalityFactory(name="Hackney", slug="hackney", hostname="hackney.localhost")  # gets its own Referrals step
    urls = urls_showing(step)
    assert "http://localhost/en/hackney/referrals/" in urls
    assert "http://hackney.localhost/en/referrals/" in urls
    assert "http://localhost/en/compare/referrals/" in urls


def test_a_publish_queues_a_purge_now_and_again_shortly_after(
    settings, toolkit, localities, django_capture_on_commit_callbacks
):
    settings.TASKS = settings.TASKS_DATABASE
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "ops.frontend_cache.RetryingHTTPBackend", "LOCATION": "http://127.0.0.1:9"}
    }
    with django_capture_on_commit_callbacks(execute=True):
        publish_with_note(toolkit["principles"], "Reworded.")
    purges = DBTaskResult.objects.filter(task_path="ops.frontend_cache.purge_page_everywhere")
    run_after = sorted(purges.values_list("run_after", flat=True))
    assert len(run_after) == 2
    assert run_after[1] == get_date_max()  # now
    assert timezone.now() < run_after[0] <= timezone.now() + datetime.timedelta(seconds=3)
    assert purges.first().priority > 0  # ahead of index updates

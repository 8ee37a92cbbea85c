"""Browser tests: Debian's Chromium through Playwright against pytest-django's live server.

Every test here is marked ``browser`` and runs on a transactional database
(``live_server`` serves from another thread, so data must be committed); it is
flushed after each test and ``serialized_rollback`` restores what the
migrations made (Wagtail's root page, default Site and Locale). The data
fixtures are therefore built per test here, from the same builders that the
other test packages run once per module.
"""

from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import build_toolkit
from tests.history.conftest import build_versions
from tests.resources.conftest import build_library
from tests.sites.conftest import build_localities, build_national

BROWSER_TESTS = Path(__file__).parent
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(autouse=True)
def orm_beside_playwright(monkeypatch):
    """Playwright's sync API runs an event loop in the test thread; the ORM
    calls that fixtures and tests make in that thread are still synchronous
    and safe. Allowed for browser tests only."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def serialized_rollback_across_playwright(request, django_db_setup):
    """Keep `serialized_rollback` working once Playwright has started.

    Django keeps its connections in asgiref Locals (context variables) and
    the test database's serialized contents on the connection object.
    Starting Playwright's sync API switches the test's context, after which
    `connections[alias]` is a fresh wrapper without those contents, and
    TransactionTestCase silently restores nothing: when other tests set up
    the database first (the whole suite), the second browser test finds no
    Site. Carry the contents over to the connections of the new context.
    """
    from django.db import connections

    saved = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    request.getfixturevalue("playwright")
    for alias, contents in saved.items():
        if contents is not None and not hasattr(connections[alias], "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def offline(request):
    """Abort every request that does not go to the live server (video players
    on youtube-nocookie.com and player.vimeo.com, anything else): no test
    touches the network. Returns the list of aborted addresses."""
    page = request.getfixturevalue("page")
    blocked = []

    def handle(route):
        url = route.request.url
        if urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    page.route("**/*", handle)
    yield blocked


def assert_no_axe_violations(page):
    """axe-core ran rules on the page and found no violation."""
    results = Axe().run(page)
    assert results.response["passes"], "axe-core evaluated no rules"
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture
def toolkit(db):
    return build_toolkit()


@pytest.fixture
def library(toolkit):
    return build_library(toolkit)


@pytest.fixture
def versions(toolkit):
    return build_versions(toolkit)


@pytest.fixture
def national(toolkit):
    return build_national(toolkit)


@pytest.fixture
def localities(national):
    return build_localities()

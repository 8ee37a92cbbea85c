"""Browser tests: Debian's Chromium through Playwright against pytest-django's live server.

Every test here is marked ``browser`` and runs on a transactional database
(``live_server`` serves from another thread, so data must be committed); it is
flushed after each test, and the next starts from the migrated contents. The
data fixtures are therefore committed per test here, from the same builders
that the other test packages run once per module: the first test to build a
combination snapshots the database (``tests.snapshots``), and later tests
restore it in a fraction of the time.
"""

import hashlib
import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests import snapshots
from tests.conftest import build_toolkit, fresh, restore_demo
from tests.history.conftest import build_versions
from tests.resources.conftest import build_library
from tests.sites.conftest import build_localities, build_national

BROWSER_TESTS = Path(__file__).parent
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_TESTS in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


# Playwright runs once per browser test module (pytest-playwright's own
# fixtures are session-wide): its sync API keeps an event loop running in the
# test thread, and Django refuses ORM calls while one runs unless
# DJANGO_ALLOW_ASYNC_UNSAFE is set. Those calls are still synchronous and safe
# here, so the setting is on while Playwright runs and off again after each
# browser module, for the rest of the suite on the same worker.


@pytest.fixture(scope="module")
def playwright(_pw_api_request_contexts):
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    driver = sync_playwright().start()
    if _pw_api_request_contexts:
        _pw_api_request_contexts.instrument(driver)
    yield driver
    driver.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser_context_args(playwright, device, base_url):
    return {**(playwright.devices[device] if device else {}), **({"base_url": base_url} if base_url else {})}


@pytest.fixture(scope="module")
def browser_type(playwright, browser_name):
    return getattr(playwright, browser_name)


@pytest.fixture(scope="module")
def launch_browser(browser_type_launch_args, browser_type):
    def launch(**kwargs):
        return browser_type.launch(**{**browser_type_launch_args, **kwargs})

    return launch


@pytest.fixture(scope="module")
def browser(launch_browser):
    launched = launch_browser()
    yield launched
    launched.close()


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


BUILT_SO_FAR = pytest.StashKey[list]()


def committed(request, name: str, build):
    """``build()`` committed on top of what this test's earlier fixtures built;
    from the second test that builds the same sequence on, restored from a
    snapshot of the database (builders are deterministic, ids included)."""
    built = request.node.stash.setdefault(BUILT_SO_FAR, [])
    built.append(name)
    key = hashlib.sha256("/".join(built).encode()).hexdigest()[:16]
    return snapshots.snapshots.build_or_restore(key, build, refresh=fresh)


@pytest.fixture
def demo(transactional_db):
    """The demo toolkit, restored from the worker's snapshot of it."""
    restore_demo()


@pytest.fixture
def toolkit(request, db):
    return committed(request, "toolkit", build_toolkit)


@pytest.fixture
def library(request, toolkit):
    return committed(request, "library", lambda: build_library(toolkit))


@pytest.fixture
def versions(request, toolkit):
    return committed(request, "versions", lambda: build_versions(toolkit))


@pytest.fixture
def national(request, toolkit):
    return committed(request, "national", lambda: build_national(toolkit))


@pytest.fixture
def localities(request, national):
    return committed(request, "localities", build_localities)

"""Keeping the front cache (Varnish) fresh.

Wagtail's frontend_cache purges a published page's own URL. Here a publish,
unpublish, move or delete also purges everything else that shows the page
(``urls_showing``): its history pages, its parent (lists), the timelines,
feeds, library, tips and search of each toolkit it belongs to, and, for a
national page, **every locality's mirror and adapted copy** and every local
step that shows a national step beside its own guidance, on every Site
(a locality with its own host name is reachable at two addresses). Each URL
is purged in English and Welsh (WAGTAILFRONTENDCACHE_LANGUAGES).

The URLs are worked out in a task, never in the editor's request (a
national page has one mirror per locality), and sent by
``RetryingHTTPBackend``, which raises when the cache cannot be reached so
the task is retried (ops/task_retry.py) instead of the stale copy
staying. The VCL turns each PURGE into a ban of that path with any query
string, so filtered library pages and ``?page=2`` go too.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_delete

from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from django_tasks import task

logger = logging.getLogger("ops.frontend_cache")

PURGE_TIMEOUT_SECONDS = 5
TOOLKIT_ROUTES = ("", "updates/", "updates/feed/", "resources/", "tips/", "search/")


class FrontCachePurgeError(Exception):
    """The front cache could not be told to drop a URL (the task is retried)."""


class RetryingHTTPBackend(HTTPBackend):
    """Wagtail's HTTP (PURGE) backend, raising instead of logging on failure."""

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        target = urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""])
        request = PurgeRequest(url=target, headers={"Host": host, "User-Agent": "Wagtail-frontendcache"})
        try:
            with urlopen(request, timeout=PURGE_TIMEOUT_SECONDS):  # noqa: S310 - LOCATION comes from settings
                pass
        except HTTPError as error:
            raise FrontCachePurgeError(f"PURGE {url} via {self.cache_netloc}: HTTP {error.code}") from error
        except (URLError, OSError) as error:
            raise FrontCachePurgeError(f"PURGE {url} via {self.cache_netloc}: {error}") from error


def page_addresses(url_path: str) -> list[str]:
    """Every full URL of the page at ``url_path``: one per Site whose root holds it."""
    addresses = []
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            language = root.language_code or settings.LANGUAGE_CODE
            addresses.append(f"{root.root_url}/{language}/{url_path[len(root.root_path) :]}")
    return addresses


def urls_showing(page: Page, url_path: str | None = None) -> set[str]:
    """Every public URL whose content shows ``page`` (see the module docstring)."""
    from resources.models import StepPage
    from sites.models import InheritedPage

    page = page.specific_deferred
    shown_at = [page.url_path if url_path is None else url_path]
    copies = InheritedPage.objects.filter(source=page) | InheritedPage.objects.filter(adapted_from=page)
    shown_at += copies.values_list("url_path", flat=True)
    if isinstance(page, StepPage):
        shown_at += StepPage.objects.filter(national_step=page).values_list("url_path", flat=True)
    urls = set()
    for path in shown_at:
        for address in page_addresses(path):
            urls.update({address, address + "history/"})
        parent_path = path.rstrip("/").rsplit("/", 1)[0] + "/"
        urls.update(page_addresses(parent_path))
    for toolkit_home in _toolkit_homes(shown_at):
        for address in page_addresses(toolkit_home):
            urls.update(address + route for route in TOOLKIT_ROUTES)
            if isinstance(page, StepPage):
                urls.add(f"{address}compare/{page.slug}/")
    return urls


def _toolkit_homes(url_paths) -> set[str]:
    from home.models import ToolkitHomePage
    from sites.models import LocalityHomePage

    homes = set()
    for model in (ToolkitHomePage, LocalityHomePage):
        for home_path in model.objects.values_list("url_path", flat=True):
            if any(path.startswith(home_path) for path in url_paths):
                homes.add(home_path)
    return homes


@task()
def purge_page_everywhere(page_id: int, url_path: str | None = None):
    """Purge every URL showing the page. ``url_path``: where it was (moves)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        logger.info("Page %s was deleted before its purge ran; its URLs were purged on delete", page_id)
        return 0
    urls = urls_showing(page, url_path)
    purge_urls_now(sorted(urls))
    return len(urls)


@task()
def purge_urls(urls: list[str]):
    purge_urls_now(urls)
    return len(urls)


def purge_urls_now(urls):
    """Send the PURGEs from inside a task (Wagtail's helper would enqueue another)."""
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    if urls and settings.WAGTAILFRONTENDCACHE:
        purge_urls_from_cache_task.call(list(urls))


def _enqueue_page_purge(page, url_path=None):
    if settings.WAGTAILFRONTENDCACHE:
        page_id = page.pk
        transaction.on_commit(lambda: purge_page_everywhere.enqueue(page_id, url_path))


def page_changed(sender, instance, **kwargs):
    _enqueue_page_purge(instance)


def page_moved(sender, instance, url_path_before, url_path_after, **kwargs):
    _enqueue_page_purge(instance, url_path_before)
    _enqueue_page_purge(instance)


def page_deleted(sender, instance, **kwargs):
    """The page is gone by the time a task runs: work out its URLs now."""
    if settings.WAGTAILFRONTENDCACHE and isinstance(instance, Page) and instance.live:
        urls = sorted(urls_showing(instance))
        transaction.on_commit(lambda: purge_urls.enqueue(urls))


def connect():
    page_published.connect(page_changed, dispatch_uid="ops.purge_on_publish")
    page_unpublished.connect(page_changed, dispatch_uid="ops.purge_on_unpublish")
    post_page_move.connect(page_moved, dispatch_uid="ops.purge_on_move")
    pre_delete.connect(page_deleted, dispatch_uid="ops.purge_on_delete")

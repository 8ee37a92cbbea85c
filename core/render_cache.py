"""Rendered public pages kept in the shared cache until the content changes.

Varnish keeps public pages, but every miss (the purges after each publish,
expiry, a second front cache) had an app server route and render the page
again: 60-90 ms of CPU for a locality step page, nearly all of it the ORM
building the frame's, the routing's and the page's 40 queries. Here an
app server keeps what it rendered in the shared cache for
``PAGE_RENDER_CACHE_SECONDS`` under a **content generation**: one counter in
the shared cache, bumped after any write that can change what a public page
shows (any model saved or deleted, except the bookkeeping in
``RENDER_CACHE_IGNORED_MODELS``, and Wagtail's publish, unpublish and move
signals; receivers wired in core/apps.py). A bump makes every kept render
unreachable at once on every app server: a publish shows at once
everywhere, and nothing needs to know which pages show what (as
ops/frontend_cache.py must for Varnish, where a purge names URLs).

What is kept is what a shared cache may keep (``is_shareable``), for
anonymous GETs of a page's own view only (``may_keep``). For a request
without a session cookie the answer of Wagtail's page view (routing, view
restrictions, the page's content) depends only on the database, which the
generation stands for, and on the address, language and query string, which
the key holds; so a kept answer is the answer. Drafts never reach the cache
(previews do not go through ``serve``). The bump runs after the transaction
commits, so a render of the old content can only be kept under the old
generation, which nobody reads any more. If the cache is unreachable nothing
is kept or read; a bump lost to an outage is bounded by the entries'
lifetime, as a lost purge is by Varnish's ``s-maxage``.

Hand-written: Django's cache middleware and wagtail-cache key on the URL and
forget only by expiry (or per-URL purges), so a national publish would
leave every locality's mirror stale.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import translation

GENERATION_KEY = "render-cache:generation"


def is_shareable(request, response) -> bool:
    """Nothing in the response belongs to one visitor: a shared cache (ours or
    Varnish, ops/middleware.py) may keep it."""
    if request.method not in {"GET", "HEAD"}:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies or request.META.get("CSRF_COOKIE_USED"):
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.accessed and not session.is_empty())


def content_generation():
    """The current generation, or None when the cache cannot say (then nothing is cached)."""
    generation = cache.get(GENERATION_KEY)
    if generation is None and cache.add(GENERATION_KEY, time.time_ns(), timeout=None):
        generation = cache.get(GENERATION_KEY)
    return generation


def bump_content_generation() -> None:
    """Make every kept render stale, once the current transaction commits.

    One bump per transaction and savepoint, however many rows it writes
    (provisioning a locality writes hundreds): the callback already waiting
    at the same savepoint is found by its place in the connection's list,
    which a savepoint rollback that dropped it would have rebuilt."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _bump()
        return
    waiting = getattr(connection, "_render_cache_bump", None)
    if waiting is not None:
        index, callback = waiting
        hooks = connection.run_on_commit
        if index < len(hooks) and hooks[index][1] is callback and hooks[index][0] == set(connection.savepoint_ids):
            return
    callback = functools.partial(_bump)  # a new object each time: found by identity
    transaction.on_commit(callback, robust=True)
    connection._render_cache_bump = (len(connection.run_on_commit) - 1, callback)


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        # Gone (evicted, Redis restarted): start again from a value never used before.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def is_ignored(model) -> bool:
    """Writes to this model never change a public page (``RENDER_CACHE_IGNORED_MODELS``)."""
    ignored = settings.RENDER_CACHE_IGNORED_MODELS
    return model._meta.app_label in ignored or model._meta.label in ignored


def content_changed(sender, action="post_", **kwargs):
    """``post_save``, ``post_delete`` and ``m2m_changed`` receiver of every other model (core/apps.py)."""
    if action.startswith("post_"):
        bump_content_generation()


def tree_changed(sender=None, **kwargs):
    """Wagtail's publish, unpublish and move signals (moves update paths in bulk, without ``post_save``)."""
    bump_content_generation()


def may_keep(request) -> None:
    """Called by a page's view: its answer to this request may be kept (the
    middleware still keeps it only if it is shareable)."""
    request._render_cache_allowed = True


class RenderCacheMiddleware:
    """Answers Wagtail's page view from a kept render, or keeps what it rendered.

    Consulted only for an anonymous GET (no session cookie): its answer
    depends on nothing but the database, which the generation stands for, and
    the address, language and query string, which the key holds. Kept only
    when the page's view said so (``may_keep``: its own view, with a query
    string in the page's canonical form, so made-up query strings never fill
    the cache) and the answer is a shareable 200.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_render_cache_key", None)
        if key is not None and getattr(request, "_render_cache_allowed", False):
            keep(key, request, response)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail.views import serve

        if view_func is not serve:
            return None
        key = render_key(request)
        if key is None:
            return None
        request._render_cache_key = key
        kept = cache.get(key)
        if kept is None:
            return None
        request._render_cache_key = None  # answered from the cache: nothing to keep
        content, content_type = kept
        return HttpResponse(content, content_type=content_type)


def anonymous_answer_key(request, kind: str, *parts) -> str | None:
    """A key for an answer to this request that depends only on the content
    (the generation) and ``parts``: for a GET without a session cookie (no one
    signed in, no page or collection password passed). None when there is
    nothing to key: caching off, a session, or the cache unreachable."""
    if not settings.PAGE_RENDER_CACHE_SECONDS or request.method != "GET":
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    generation = content_generation()
    if generation is None:
        return None
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return f"{kind}:{generation}:{digest}"


def render_key(request) -> str | None:
    address = f"{request.scheme}://{request.get_host()}{request.path}?{request.META.get('QUERY_STRING', '')}"
    return anonymous_answer_key(request, "render-cache", translation.get_language(), address)


def keep(key, request, response) -> None:
    if response.status_code != 200 or response.streaming or response.has_header("Cache-Control"):
        return
    if is_shareable(request, response):
        cache.set(key, (response.content, response["Content-Type"]), timeout=settings.PAGE_RENDER_CACHE_SECONDS)

"""Cache-Control for a shared front cache.

A response may be kept by Varnish only when nothing in it is personal: an
anonymous GET or HEAD, outside the admin, that set no cookie, used no CSRF
token (a page with a form) and touched no session, and whose view did not
already say how it may be cached (the audit's private-link pages send
``no-cache, no-store``). Everything else is marked ``private``, so neither
Varnish nor any other shared cache keeps it. Browsers get a short
lifetime (``max-age``); the front cache keeps pages for CACHE_MAX_AGE
(``s-maxage``) and is purged on publish (ops/frontend_cache.py).
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

from core.render_cache import is_shareable

BROWSER_MAX_AGE = 60
CACHEABLE_STATUSES = {200, 301, 302, 404, 410}
# Document URLs count the download on every request, so a cache must always ask.
NEVER_CACHED_PREFIXES = ("/admin/", "/django-admin/", "/healthz", "/documents/")


def is_public_response(request, response) -> bool:
    if response.status_code not in CACHEABLE_STATUSES:
        return False
    if request.path.startswith(NEVER_CACHED_PREFIXES) or response.has_header("Cache-Control"):
        return False
    # A session cookie means a signed-in editor (or a session in use): never shared.
    return is_shareable(request, response)


class FrontCacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_public_response(request, response):
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE, s_maxage=settings.CACHE_MAX_AGE)
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response

"""Links that work on the host and port that serves the page.

Wagtail builds a page's URL from the Site records: root-relative when the
page belongs to the Site of the request, otherwise the other Site's
``root_url``. Two gaps showed on the public site:

* rich-text links are expanded without a request (``RichText.__html__``), so
  once a locality has its own Site every internal link became an absolute
  ``http://<default site>/...`` URL, even on the site that serves it;
* a development or test server serves every Site on one port (``make run``:
  8000) while the Site records say 80, so links to another Site pointed at a
  port nothing listens on.

``CurrentRequestMiddleware`` keeps the request in a context variable for the
rich-text link handler (Wagtail passes no request to link handlers and no
maintained library does only this), and, where ``SITES_SHARE_REQUEST_PORT``
is on (development and tests, never production, where every Site record has
its real port), gives Wagtail root paths whose other-Site URLs use the
request's scheme and port.
"""

from contextvars import ContextVar
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils.html import escape

from wagtail.models import Page, Site
from wagtail.models.sites import SiteRootPath
from wagtail.rich_text.pages import PageLinkHandler

current_request: ContextVar = ContextVar("current_request", default=None)

DEFAULT_PORTS = {"http": 80, "https": 443}


def root_paths_on_request_port(request):
    """Wagtail's site root paths, with each other Site's URL moved onto the
    scheme and port this request came in on."""
    scheme, port = request.scheme, int(request.get_port())
    moved = []
    for root_path in Site.get_site_root_paths():
        parts = urlsplit(root_path.root_url)
        netloc = parts.hostname if DEFAULT_PORTS.get(scheme) == port else f"{parts.hostname}:{port}"
        root_url = urlunsplit((scheme, netloc, parts.path, "", ""))
        moved.append(SiteRootPath(root_path.site_id, root_path.root_path, root_url, root_path.language_code))
    return moved


class CurrentRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "SITES_SHARE_REQUEST_PORT", False):
            # Page._get_site_root_paths(request) reads this cache before Site's own.
            request._wagtail_cached_site_root_paths = root_paths_on_request_port(request)
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


def page_url(page: Page, request=None) -> str | None:
    """The page's URL as seen from `request` (root-relative on its own Site)."""
    request = request or current_request.get()
    return page.get_url(request=request)


class RequestPageLinkHandler(PageLinkHandler):
    """Rich-text page links built for the request being served."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        request = current_request.get()
        return [
            f'<a href="{escape(page_url(page.localized, request) or "")}">' if page else "<a>"
            for page in cls.get_many(attrs_list)
        ]

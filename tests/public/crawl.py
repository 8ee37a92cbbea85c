"""A visitor's crawl of the public site with Django's test client.

Starts at a page on a host and port, follows every link on every page it
reaches (anchors, alternate feeds), and records where each answered.
Links are resolved the way a browser resolves them: a root-relative link
stays on the host and port that served the page; an absolute link names its
own. Local hosts are `localhost` and `*.localhost`; anything else is not
followed.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

LOCAL_SUFFIX = ".localhost"
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/django-admin/")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        followed = tag == "a" or (tag == "link" and attributes.get("rel") == "alternate")
        if followed and attributes.get("href"):
            self.links.append(attributes["href"])


def links_in(html: str) -> list[str]:
    parser = LinkParser()
    parser.feed(html)
    return parser.links


def is_local(hostname: str | None) -> bool:
    return hostname is not None and (hostname == "localhost" or hostname.endswith(LOCAL_SUFFIX))


@dataclass
class Crawl:
    client: object
    port: int = 8000
    answers: dict = field(default_factory=dict)  # absolute URL -> status
    found_on: dict = field(default_factory=dict)  # absolute URL -> first page linking to it

    def get(self, url):
        """The response at `url`, or None when it names a port nothing serves."""
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if port != self.port:
            return None
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return self.client.get(
            path,
            HTTP_HOST=parts.netloc,
            SERVER_PORT=str(port),
            secure=parts.scheme == "https",
        )

    def run(self, *start_urls, limit=2000):
        queue = list(start_urls)
        while queue and len(self.answers) < limit:
            url = queue.pop(0)
            if url in self.answers:
                continue
            response, served_from = self.get(url), url
            while response is not None and response.status_code in (301, 302):
                target = urljoin(served_from, response["Location"])
                if not is_local(urlsplit(target).hostname):
                    break
                response, served_from = self.get(target), target
            self.answers[url] = response.status_code if response is not None else "nothing serves this port"
            if response is None or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            for href in links_in(response.content.decode()):
                # A browser resolves links against the address it ended on after redirects.
                target, _fragment = urldefrag(urljoin(served_from, href))
                parts = urlsplit(target)
                if parts.scheme not in ("http", "https") or not is_local(parts.hostname):
                    continue
                if parts.path.startswith(SKIPPED_PREFIXES) or target in self.answers:
                    continue
                self.found_on.setdefault(target, served_from)
                queue.append(target)
        return self

    def failures(self):
        return {url: (status, self.found_on.get(url)) for url, status in self.answers.items() if status != 200}

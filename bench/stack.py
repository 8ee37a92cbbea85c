"""Suite `stack`: the production topology under load while the national team publishes.

Starts `deploy.stack.Stack` (PostgreSQL, Redis, S3, two gunicorn app servers,
the task worker, Varnish), then, over loopback:

1. **Storm**: CONCURRENCY clients read public pages through Varnish for
   STORM_SECONDS while the national Principles page is published every
   PUBLISH_EVERY seconds (by a Django shell in the stack's environment, as
   the admin's publish does) and visitors download documents; app server 1
   is killed (SIGKILL) mid-run and restarted. Measures requests/s, p50/p99,
   errors, cache hit ratio, seconds from each publish until every locality
   mirror through Varnish shows it, and checks no write was lost (every
   publish visible, every counted download in the counters).
2. **Cached page against a static file**: the same clients on a cached step
   page, then on a static file Varnish holds, each for PHASE_SECONDS.
3. **Uncached locality step page**: CPU milliseconds of the app servers per
   request (utime+stime of every gunicorn process, from /proc), sequential
   requests straight to an app server (past Varnish; the app servers' kept
   renders answer, core/render_cache.py); and, without a target, the same
   page rendered every time, as it is once after each publish.
4. **Counted downloads** at 16 concurrent clients straight to the app servers.
"""

import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from .report import report_targets

PROJECT_DIR = Path(__file__).resolve().parent.parent
CONCURRENCY = 8
STORM_SECONDS = 30
PUBLISH_EVERY = 3
PHASE_SECONDS = 8
DOWNLOAD_CLIENTS = 16
DOWNLOAD_SECONDS = 8
CPU_REQUESTS = 100
RENDER_REQUESTS = 30
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"

TARGET_FRESH_SECONDS = 5
TARGET_CACHED_VS_STATIC = 0.5
TARGET_STEP_CPU_MS = 9
TARGET_DOWNLOAD_P99_MS = 100

# Runs inside the stack's environment (production settings, its database):
# answers one JSON command per line.
HELPER = r"""
import json, sys
from django.db.models import Sum
from wagtail.rich_text import RichText
from home.models import NationalPage, ToolkitHomePage
from history.notes import publish_with_note
from ops.frontend_cache import page_addresses
from resources.models import DownloadCount, DownloadEvent, ResourceDocument, StepPage
from sites.models import InheritedPage, Locality

home = ToolkitHomePage.objects.filter(locale__language_code="en").first()
principles = NationalPage.objects.child_of(home).get(slug="principles")
for line in sys.stdin:
    command = json.loads(line)
    if command["do"] == "describe":
        mirrors = [principles.url_path] + list(
            InheritedPage.objects.filter(source=principles, is_adapted=False).values_list("url_path", flat=True))
        hackney = Locality.objects.get(slug="hackney").home_page
        step = StepPage.objects.child_of(hackney).live().first()
        document = ResourceDocument.objects.order_by("pk").first()
        # The addresses that show the English page: the Welsh ones show its Welsh translation.
        english = "/" + principles.locale.language_code + "/"
        answer = {"mirrors": [url for path in mirrors for url in page_addresses(path) if english in url],
                  "step": page_addresses(step.url_path)[0], "document": document.url}
    elif command["do"] == "publish":
        page = NationalPage.objects.get(pk=principles.pk)
        page.body = [("paragraph", RichText("<p>" + command["text"] + "</p>"))]
        publish_with_note(page, command["text"])
        answer = {"published": command["text"]}
    elif command["do"] == "downloads":
        counted = DownloadCount.objects.aggregate(total=Sum("count"))["total"] or 0
        answer = {"counted": counted, "waiting": DownloadEvent.objects.count()}
    print(json.dumps(answer), flush=True)
"""


class Helper:
    def __init__(self, stack):
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "shell", "-c", HELPER],
            cwd=PROJECT_DIR,
            env=stack.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.lock = threading.Lock()

    def ask(self, **command):
        with self.lock:
            self.process.stdin.write(json.dumps(command) + "\n")
            self.process.stdin.flush()
            while True:
                line = self.process.stdout.readline()
                if not line:
                    raise RuntimeError("the helper shell stopped")
                if line.startswith("{"):
                    return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


class Client:
    """One keep-alive HTTP connection, reconnecting after errors."""

    def __init__(self, port):
        self.port = port
        self.connection = None

    def get(self, path, host="localhost", headers=None):
        for _attempt in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.connection.request("GET", path, headers={"Host": host, "User-Agent": BROWSER, **(headers or {})})
                response = self.connection.getresponse()
                body = response.read()
                return response.status, response.getheader("X-Cache", ""), body
            except (OSError, http.client.HTTPException):
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
        return 0, "", b""


def load(port, targets, seconds, clients, stop=None):
    """`clients` threads GET `targets` (host, path) round-robin for `seconds`."""
    results = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(offset):
        client = Client(port)
        mine = []
        index = offset
        while time.monotonic() < deadline and not (stop and stop.is_set()):
            host, path = targets[index % len(targets)]
            index += 1
            started = time.perf_counter()
            status, cache, _ = client.get(path, host)
            mine.append((time.perf_counter() - started, status, cache))
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


def summary(results, elapsed):
    times = sorted(duration for duration, _status, _cache in results)
    errors = sum(1 for _duration, status, _cache in results if not 200 <= status < 400)
    hits = sum(1 for _duration, _status, cache in results if cache == "HIT")
    return {
        "requests": len(results),
        "rps": len(results) / elapsed if elapsed else 0,
        "p50": 1000 * statistics.median(times) if times else 0,
        "p99": 1000 * times[min(len(times) - 1, int(len(times) * 0.99))] if times else 0,
        "errors": errors,
        "hit_ratio": hits / len(results) if results else 0,
    }


def app_server_cpu_seconds(stack) -> float:
    """utime+stime of every gunicorn process of the stack (masters and their workers)."""
    masters = {stack.processes[name].pid for name in stack.processes if name.startswith("app")}
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        if pid in masters or ppid in masters:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def run(log, quick) -> bool:
    from deploy.stack import Stack

    storm_seconds = 12 if quick else STORM_SECONDS
    phase_seconds = 4 if quick else PHASE_SECONDS
    log("bench: starting the stack (PostgreSQL, Redis, S3, 2 app servers, worker, Varnish)")
    with Stack(quiet=True) as stack:
        helper = Helper(stack)
        try:
            return measure(log, stack, helper, storm_seconds, phase_seconds)
        finally:
            helper.close()


def measure(log, stack, helper, storm_seconds, phase_seconds) -> bool:
    port = stack.varnish_port
    described = helper.ask(do="describe")
    mirrors = [(urlsplit(url).hostname, urlsplit(url).path) for url in described["mirrors"]]
    step = (urlsplit(described["step"]).hostname, urlsplit(described["step"]).path)
    document_path = urlsplit(described["document"]).path
    log(f"bench: {len(mirrors)} mirror addresses of Principles; step {step[1]}; document {document_path}")
    pages = [*mirrors, step, ("localhost", "/en/"), ("localhost", "/en/hackney/"), ("localhost", "/en/updates/")]

    # 1. Storm: reads, publishes, downloads, one app server killed and restarted.
    stop = threading.Event()
    freshness, publishes, downloads_sent, stale = [], [], [0], []

    def publisher():
        number = 0
        while not stop.is_set():
            number += 1
            text = f"Bench update {number} {time.time():.0f}"
            helper.ask(do="publish", text=text)
            published = time.monotonic()
            publishes.append(text)
            waiting = set(mirrors)
            client = Client(port)
            while waiting and time.monotonic() - published < 30:
                for host, path in list(waiting):
                    status, _cache, body = client.get(path, host)
                    if status == 200 and text.encode() in body:
                        waiting.discard((host, path))
                time.sleep(0.05)
            freshness.append(None if waiting else time.monotonic() - published)
            if waiting:
                stale.append((text, sorted(waiting)))
            stop.wait(max(0.0, PUBLISH_EVERY - (time.monotonic() - published)))

    def downloader():
        client = Client(port)
        while not stop.is_set():
            status, _cache, _body = client.get(document_path)
            if status in (200, 302):
                downloads_sent[0] += 1
            time.sleep(0.05)

    def killer():
        if stop.wait(storm_seconds / 3):
            return
        stack.stop_app_server(1)
        log("bench: app server 1 killed")
        stop.wait(2)
        stack.start_app_server(1)
        log("bench: app server 1 restarted")

    helpers = [threading.Thread(target=target) for target in (publisher, downloader, killer)]
    for thread in helpers:
        thread.start()
    results, elapsed = load(port, pages, storm_seconds, CONCURRENCY)
    stop.set()
    for thread in helpers:
        thread.join()
    storm = summary(results, elapsed)

    deadline = time.monotonic() + 30
    while True:
        counts = helper.ask(do="downloads")
        if counts["waiting"] == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.5)

    # 2. Cached step page against a static file held by Varnish.
    static_path = "/static/site.css"
    Client(port).get(static_path)
    cached, cached_elapsed = load(port, [step], phase_seconds, CONCURRENCY)
    static, static_elapsed = load(port, [("localhost", static_path)], phase_seconds, CONCURRENCY)
    cached_summary, static_summary = summary(cached, cached_elapsed), summary(static, static_elapsed)

    # 3. App-server CPU per uncached step page, straight to an app server.
    app_port = stack.app_ports[1]
    direct = Client(app_port)
    for _ in range(10):
        direct.get(step[1], step[0])
    before = app_server_cpu_seconds(stack)
    started = time.perf_counter()
    statuses = [direct.get(step[1], step[0])[0] for _ in range(CPU_REQUESTS)]
    step_wall = (time.perf_counter() - started) / CPU_REQUESTS
    step_cpu_ms = 1000 * (app_server_cpu_seconds(stack) - before) / CPU_REQUESTS
    # The same page rendered every time: a session cookie (as a signed-in
    # editor's) is never answered from kept renders (core/render_cache.py),
    # which is what every page costs once after each publish.
    before = app_server_cpu_seconds(stack)
    rendered = [direct.get(step[1], step[0], {"Cookie": "sessionid=bench"})[0] for _ in range(RENDER_REQUESTS)]
    render_cpu_ms = 1000 * (app_server_cpu_seconds(stack) - before) / RENDER_REQUESTS

    # 4. Counted downloads at 16 concurrent clients, straight to the app servers.
    download_targets = [("localhost", document_path)]
    downloads, downloads_elapsed = [], 0.0
    for app in stack.app_ports:
        part, part_elapsed = load(app, download_targets, DOWNLOAD_SECONDS / 2, DOWNLOAD_CLIENTS // 2)
        downloads += part
        downloads_elapsed += part_elapsed
    download_summary = summary(downloads, downloads_elapsed / 2)

    fresh = [seconds for seconds in freshness if seconds is not None]
    for text, addresses in stale:
        log(f"bench: '{text}' never reached {addresses}; the worker's last lines:")
        worker_log = (stack.workdir / "worker.log").read_text(errors="replace").splitlines()
        for line in worker_log[-15:]:
            log(f"  | {line[:200]}")
    log()
    log(
        f"Storm: {CONCURRENCY} clients through Varnish for {storm_seconds}s, "
        f"a national publish every ~{PUBLISH_EVERY}s,"
    )
    log("       downloads alongside, app server 1 killed at 1/3 and restarted 2 s later")
    log(f"  requests {storm['requests']}, {storm['rps']:.0f}/s, p50 {storm['p50']:.1f} ms, p99 {storm['p99']:.1f} ms")
    log(f"  errors {storm['errors']}, cache hit ratio {storm['hit_ratio']:.1%}")
    log(
        f"  publishes {len(publishes)}; every mirror ({len(mirrors)} addresses) fresh after (s): "
        + ", ".join("never" if s is None else f"{s:.2f}" for s in freshness)
    )
    log(
        f"  downloads sent {downloads_sent[0]} during the storm; "
        f"counters now {counts['counted']}, waiting {counts['waiting']}"
    )
    log(
        f"Cached step page {step[1]}: {cached_summary['rps']:.0f}/s (p99 {cached_summary['p99']:.1f} ms, "
        f"hits {cached_summary['hit_ratio']:.0%}); static file via Varnish: {static_summary['rps']:.0f}/s "
        f"(p99 {static_summary['p99']:.1f} ms)"
    )
    log(
        f"Uncached step page, straight to an app server: {step_cpu_ms:.1f} ms CPU per request "
        f"({step_wall * 1000:.1f} ms wall, {statuses.count(200)}/{len(statuses)} OK)"
    )
    log(
        f"  rendered every time (a session cookie: no kept render): {render_cpu_ms:.1f} ms CPU per request "
        f"({rendered.count(200)}/{len(rendered)} OK; no target)"
    )
    log(
        f"Counted downloads, {DOWNLOAD_CLIENTS} clients: {download_summary['requests']} in {DOWNLOAD_SECONDS}s, "
        f"p50 {download_summary['p50']:.1f} ms, p99 {download_summary['p99']:.1f} ms, "
        f"errors {download_summary['errors']}"
    )
    ratio = cached_summary["rps"] / static_summary["rps"] if static_summary["rps"] else 0
    expected_downloads = downloads_sent[0] + sum(1 for _d, status, _c in downloads if status in (200, 302))
    deadline = time.monotonic() + 60
    final_counts = helper.ask(do="downloads")
    while final_counts["waiting"] and time.monotonic() < deadline:
        time.sleep(0.5)
        final_counts = helper.ask(do="downloads")
    targets = [
        (storm["errors"] == 0, f"0 errors during the publish storm with an app server killed ({storm['errors']})"),
        (
            bool(freshness) and len(fresh) == len(freshness) and max(fresh) <= TARGET_FRESH_SECONDS,
            f"every mirror fresh within {TARGET_FRESH_SECONDS}s of each publish (worst "
            f"{max(fresh) if fresh else float('nan'):.2f}s, {len(freshness) - len(fresh)} never)",
        ),
        (
            final_counts["counted"] >= expected_downloads,
            f"0 lost downloads ({final_counts['counted']} counted of {expected_downloads} answered)",
        ),
        (
            ratio >= TARGET_CACHED_VS_STATIC,
            f"cached step page >= {TARGET_CACHED_VS_STATIC:.0%} of the static file's throughput ({ratio:.0%})",
        ),
        (
            step_cpu_ms <= TARGET_STEP_CPU_MS,
            f"uncached locality step page <= {TARGET_STEP_CPU_MS} ms app-server CPU ({step_cpu_ms:.1f} ms)",
        ),
        (
            download_summary["p99"] < TARGET_DOWNLOAD_P99_MS and download_summary["errors"] == 0,
            f"counted downloads p99 < {TARGET_DOWNLOAD_P99_MS} ms at {DOWNLOAD_CLIENTS} clients "
            f"({download_summary['p99']:.1f} ms)",
        ),
    ]
    return report_targets(log, targets)

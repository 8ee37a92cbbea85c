"""Adapt and drift at scale: every locality has adapted every national page,
and the national pages have moved on since.

Measured at a small and a large number of localities (each with one adapted
page per national page, all behind national):

- the national team's drift report (``sites.drift.drift_report_rows``: every
  locality x national page) and the dashboard panel for a user who sees every
  locality (``pages_behind_for``): queries must not grow with localities;
- a national publish: adapted pages are not touched by it, so its queries
  must not grow either (drift is read later, from log entries);
- a public adapted page with its "behind national" notice.

Localities are inserted directly (home and adapted pages as rows, like the
library bench): provisioning is measured by the localities suite.
"""

import statistics
import time

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail.models import Locale

from home.models import NationalPage, ToolkitHomePage
from sites.drift import BEHIND, drift_report_rows, pages_behind_for
from sites.models import InheritedPage, Locality, LocalityHomePage
from sites.provisioning import national_home

from .report import report_targets
from .scenario import NationalOnlyLoader

FULL = (10, 200)
QUICK = (3, 12)
REPEATS = 5
REPORT_TARGET_SECONDS = 1.0
PAGE_TARGET_SECONDS = 0.5


def measure(callable_):
    timings, queries = [], 0
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            callable_()
            timings.append(time.perf_counter() - started)
        queries = len(captured)
    return statistics.median(timings), queries


class DriftBench:
    def __init__(self, log):
        self.log = log
        self.localities = []
        self.counter = 0
        self.client = Client(HTTP_HOST="localhost")

    def setup(self):
        if not ToolkitHomePage.objects.filter(depth=2, locale=Locale.get_default()).exists():
            NationalOnlyLoader(log=lambda *args, **kwargs: None).run()
        self.home = national_home()
        self.national_pages = list(NationalPage.objects.child_of(self.home).order_by("path"))
        # The revision every adapted page starts from; one publish after it puts them all behind.
        self.started_from = {page.pk: page.live_revision for page in self.national_pages}
        for page in self.national_pages:
            page.save_revision().publish()

    def add_localities(self, total):
        while len(self.localities) < total:
            self.counter += 1
            slug = f"drift-bench-{self.counter:03d}"
            with transaction.atomic():
                home = self.home.add_child(instance=LocalityHomePage(title=f"{slug} toolkit", slug=slug, live=True))
                for national in self.national_pages:
                    home.add_child(
                        instance=InheritedPage(
                            title=national.title,
                            slug=national.slug,
                            live=True,
                            is_adapted=True,
                            adapted_from=national,
                            adapted_from_revision=self.started_from[national.pk],
                            summary=national.summary,
                            body=national.body,
                        )
                    )
                self.localities.append(Locality.objects.create(name=slug, slug=slug, home_page=home))

    def figures(self):
        localities = list(Locality.objects.filter(slug__startswith="drift-bench-").select_related("home_page"))
        rows = drift_report_rows(self.home)
        behind = sum(row.status == BEHIND for row in rows)
        first = localities[0].home_page.slug
        national = self.national_pages[0]
        return {
            "drift report": measure(lambda: drift_report_rows(self.home)),
            "dashboard panel": measure(lambda: pages_behind_for(localities)),
            "national publish": measure(lambda: national.save_revision().publish()),
            "adapted page": measure(lambda: self.client.get(f"/en/{first}/{national.slug}/")),
        }, behind


def run(log, quick) -> bool:
    sizes = QUICK if quick else FULL
    bench = DriftBench(log)
    bench.setup()
    stages = []
    for size in sizes:
        started = time.perf_counter()
        bench.add_localities(size)
        figures, behind = bench.figures()
        log(f"bench drift: {size} localities x {len(bench.national_pages)} adapted pages ({behind} behind) "
            f"built and measured in {time.perf_counter() - started:.1f}s")  # fmt: skip
        stages.append((size, figures))
    log()
    log("operation".ljust(20) + "".join(f"{f'{size} localities':>32}" for size, _ in stages))
    log(" " * 20 + "".join(f"{'median ms':>20}{'queries':>12}" for _ in stages))
    for name in stages[0][1]:
        log(name.ljust(20) + "".join(f"{fig[name][0] * 1000:>20.0f}{fig[name][1]:>12}" for _, fig in stages))
    (small_size, small), (large_size, large) = stages[0], stages[-1]
    results = [
        (small[name][1] == large[name][1], f"{name}: queries equal at {small_size} and {large_size} localities "
                                           f"({small[name][1]}, {large[name][1]})")
        for name in ("drift report", "dashboard panel", "national publish", "adapted page")
    ]  # fmt: skip
    results.append(
        (
            large["drift report"][0] < REPORT_TARGET_SECONDS,
            f"drift report: median {large['drift report'][0] * 1000:.0f} ms < {REPORT_TARGET_SECONDS * 1000:.0f} ms "
            f"at {large_size} localities",
        )
    )
    results.append(
        (
            large["adapted page"][0] < PAGE_TARGET_SECONDS,
            f"adapted page: median {large['adapted page'][0] * 1000:.0f} ms < {PAGE_TARGET_SECONDS * 1000:.0f} ms",
        )
    )
    log()
    return report_targets(log, results)

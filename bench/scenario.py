"""The measurements. Imported only after django.setup()."""

import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from home.models import NationalPage
from resources.blocks import RICH_TEXT_FEATURES
from resources.models import StepPage
from sites import provisioning
from sites.demo import DemoLoader
from sites.models import Locality
from sites.provisioning import ProvisionLocality, national_home

HOST = "localhost"
PUBLISHED_PAGE_SLUG = "principles"
STEP_SLUG = "assessment"
VISIBILITY_TIMEOUT = 60.0
PUBLISH_REPEATS = 5
UNCHANGED_TEXT = "Context matters for every young person."


class NationalOnlyLoader(DemoLoader):
    """The demo's national toolkit (home, 5 national pages, 6 steps with
    resources, Welsh home and Principles) without its three demo localities,
    so that N counts only the benchmark's localities."""

    def localities(self, home):
        return None


class SyncTimer:
    """Times sites.provisioning.sync_inherited_pages, which the publish signal
    runs through a django_tasks task (read from the module at call time, so
    wrapping the module attribute is enough; the app code is not changed)."""

    def __init__(self):
        self.seconds = 0.0
        self.calls = 0
        original = provisioning.sync_inherited_pages

        def timed(page):
            started = time.perf_counter()
            try:
                return original(page)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1

        provisioning.sync_inherited_pages = timed

    def reset(self):
        self.seconds, self.calls = 0.0, 0


@dataclass
class Request:
    status: int
    seconds: float
    queries: int
    sql: list[str] = field(default_factory=list)
    response: object = field(default=None, repr=False)
    sql_seconds: float = 0.0
    sync_seconds: float = 0.0


@dataclass
class Publish:
    seconds: float  # median of the repeats
    best_seconds: float  # fastest of the repeats
    sql_seconds: float  # median of the repeats: time spent in the database
    sync_seconds: float  # median of the repeats: time in sync_inherited_pages
    queries: int  # of the last repeat
    query_range: tuple[int, int]
    method: str
    sql: list[str] = field(default_factory=list)


@dataclass
class Stage:
    n: int
    provision_times: list[float] = field(default_factory=list)  # localities created in this stage
    provision_queries: list[int] = field(default_factory=list)
    last_ten: list[float] = field(default_factory=list)  # the ten most recent provisionings
    edit_form: Request | None = None
    publish: Publish | None = None
    visible_seconds: float | None = None
    visible_passes: int = 0
    visible_count: int = 0
    step_page: Request | None = None
    inherited_page: Request | None = None
    locality_home: Request | None = None


def capture_queries() -> CaptureQueriesContext:
    """Django keeps at most 9,000 logged queries per connection and counts by
    difference, so start every capture from an empty log."""
    reset_queries()
    return CaptureQueriesContext(connection)


def sql_seconds(captured) -> float:
    return sum(float(query["time"]) for query in captured.captured_queries)


def timed_request(client, method, path, data=None, capture=True) -> Request:
    call = client.post if method == "POST" else client.get
    kwargs = {"HTTP_HOST": HOST}
    with capture_queries() as captured:
        started = time.perf_counter()
        response = call(path, data, **kwargs) if data is not None else call(path, **kwargs)
        seconds = time.perf_counter() - started
    sql = [query["sql"] for query in captured.captured_queries] if capture else []
    return Request(response.status_code, seconds, len(captured.captured_queries), sql, response, sql_seconds(captured))


def normalise_sql(sql: str) -> str:
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    return re.sub(r"\s+", " ", sql)


def short_sql(sql: str) -> str:
    """The statement with its column list elided, so that the FROM and WHERE show."""
    return re.sub(r"^SELECT (?!1 AS|\? AS).*? FROM ", "SELECT ... FROM ", sql)


def most_repeated(sql: list[str], top: int = 3) -> list[tuple[int, str]]:
    counts = Counter(short_sql(normalise_sql(statement)) for statement in sql)
    return [(count, statement) for statement, count in counts.most_common(top) if count > 1]


class Bench:
    def __init__(self, log=print):
        self.log = log
        self.client = Client()
        self.public = Client()
        self.counter = 0
        self.slugs: list[str] = []
        self.all_provision_times: list[float] = []
        self.publish_method = "admin edit form POST (action-publish)"
        self.fallback_reason = ""
        self.sync_timer = SyncTimer()

    # --- setup ----------------------------------------------------------------

    def load_national_toolkit(self):
        NationalOnlyLoader(log=lambda *args, **kwargs: None).run()
        self.home = national_home()
        self.principles = NationalPage.objects.child_of(self.home).get(slug=PUBLISHED_PAGE_SLUG)
        user_model = get_user_model()
        self.user = user_model.objects.create_superuser("bench", "bench@example.org", password=None)
        self.client.force_login(self.user)
        national = NationalPage.objects.child_of(self.home).count()
        steps = StepPage.objects.child_of(self.home).count()
        return national, steps

    # --- provisioning ---------------------------------------------------------

    def provision_up_to(self, n: int, stage: Stage):
        while len(self.slugs) < n:
            self.counter += 1
            name = f"Bench locality {self.counter:03d}"
            with capture_queries() as captured:
                started = time.perf_counter()
                locality = ProvisionLocality(user=None, name=name, skip_permission_checks=True).execute()
                seconds = time.perf_counter() - started
            stage.provision_times.append(seconds)
            stage.provision_queries.append(len(captured.captured_queries))
            self.all_provision_times.append(seconds)
            self.slugs.append(locality.slug)
            if len(self.slugs) % 50 == 0 and len(self.slugs) < n:
                self.log(f"  {len(self.slugs)} localities provisioned")
            if self.counter == 10 and n > 10:
                mean = statistics.mean(self.all_provision_times)
                self.log(f"  first 10 provisionings: mean {mean:.2f}s, about {mean * (n - 10):.0f}s more to reach {n}")
        stage.last_ten = self.all_provision_times[-10:]
        assert Locality.objects.count() == n

    # --- national publish -------------------------------------------------------

    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.principles.pk])

    def publish_form_data(self, marker: str):
        """The edit form as the editor's browser sends it: every field the
        admin rendered, with a new body and the publish button."""
        form = self.timed_edit_form
        data = querydict_from_html(form.response.content.decode(), form_id="page-edit-form")
        for key in list(data):
            if key == "body" or key.startswith("body-"):
                del data[key]
        # A public change note is required to publish (history app).
        data["change_note"] = f"Bench publish {marker}"
        body = nested_form_data(
            {
                "body": streamfield(
                    [
                        ("paragraph", rich_text(f"<p>{marker}</p>", features=RICH_TEXT_FEATURES)),
                        ("paragraph", rich_text(f"<p>{UNCHANGED_TEXT}</p>", features=RICH_TEXT_FEATURES)),
                    ]
                )
            }
        )
        data.update(body)
        data["action-publish"] = "action-publish"
        return data

    def live_body_has(self, marker: str) -> bool:
        page = NationalPage.objects.get(pk=self.principles.pk)
        return page.live and not page.has_unpublished_changes and marker in str(page.body)

    def publish_once(self, marker: str) -> Request:
        self.timed_edit_form = timed_request(self.client, "GET", self.edit_url())
        if self.fallback_reason == "":
            if self.timed_edit_form.status != 200:
                self.fallback_reason = f"edit form GET returned {self.timed_edit_form.status}"
            else:
                data = self.publish_form_data(marker)
                result = timed_request(self.client, "POST", self.edit_url(), data)
                if result.status == 302 and self.live_body_has(marker):
                    return result
                self.fallback_reason = f"admin POST returned {result.status} without publishing"
                self.publish_method = "page.save_revision(user).publish(user) (fallback: " + self.fallback_reason + ")"
        # Fallback: what the edit view does, without the form.
        page = NationalPage.objects.get(pk=self.principles.pk)
        page.body = [
            ("paragraph", RichText(f"<p>{marker}</p>")),
            ("paragraph", RichText(f"<p>{UNCHANGED_TEXT}</p>")),
        ]
        with capture_queries() as captured:
            started = time.perf_counter()
            page.save_revision(user=self.user).publish(user=self.user)
            seconds = time.perf_counter() - started
        assert self.live_body_has(marker)
        sql = [query["sql"] for query in captured.captured_queries]
        return Request(302, seconds, len(captured.captured_queries), sql, None, sql_seconds(captured))

    def publish(self, label: str, repeats: int = PUBLISH_REPEATS) -> tuple[Publish, Request, str]:
        results = []
        marker = ""
        for attempt in range(repeats):
            marker = f"Bench national update {label}.{attempt} {time.time_ns()}"
            self.sync_timer.reset()
            result = self.publish_once(marker)
            result.sync_seconds = self.sync_timer.seconds
            results.append(result)
        last = results[-1]
        counts = [result.queries for result in results]
        publish = Publish(
            seconds=statistics.median(result.seconds for result in results),
            best_seconds=min(result.seconds for result in results),
            sql_seconds=statistics.median(result.sql_seconds for result in results),
            sync_seconds=statistics.median(result.sync_seconds for result in results),
            queries=last.queries,
            query_range=(min(counts), max(counts)),
            method=self.publish_method,
            sql=last.sql,
        )
        return publish, self.timed_edit_form, marker

    # --- the public side ----------------------------------------------------------

    def wait_until_visible(self, marker: str) -> tuple[float, int, int]:
        """GET every locality's inherited page until all show the marker.
        Returns (seconds from the end of the publish, passes, localities showing it)."""
        started = time.perf_counter()
        pending = list(self.slugs)
        passes = 0
        while pending and time.perf_counter() - started < VISIBILITY_TIMEOUT:
            passes += 1
            still = []
            for slug in pending:
                response = self.public.get(f"/en/{slug}/{PUBLISHED_PAGE_SLUG}/", HTTP_HOST=HOST)
                if response.status_code != 200 or marker not in response.content.decode():
                    still.append(slug)
            pending = still
            if pending:
                time.sleep(0.5)
        return time.perf_counter() - started, passes, len(self.slugs) - len(pending)

    def page_queries(self, path: str) -> Request:
        timed_request(self.public, "GET", path, capture=False)  # warm: site root paths cache
        return timed_request(self.public, "GET", path)

    # --- one stage ----------------------------------------------------------------

    def run_stage(self, n: int) -> Stage:
        stage = Stage(n=n)
        if n:
            self.provision_up_to(n, stage)
        stage.publish, stage.edit_form, marker = self.publish(f"N={n}")
        if self.slugs:
            stage.visible_seconds, stage.visible_passes, stage.visible_count = self.wait_until_visible(marker)
            slug = self.slugs[0]  # the same locality at every N
            stage.step_page = self.page_queries(f"/en/{slug}/{STEP_SLUG}/")
            stage.inherited_page = self.page_queries(f"/en/{slug}/{PUBLISHED_PAGE_SLUG}/")
            stage.locality_home = self.page_queries(f"/en/{slug}/")
        return stage

    def warm_up(self):
        """Unmeasured publishes and a page view, so that N=0 is not a cold start."""
        self.publish("warm-up", repeats=3)
        self.public.get(f"/en/{PUBLISHED_PAGE_SLUG}/", HTTP_HOST=HOST)

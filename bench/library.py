"""The resource library and search at scale: 200 localities, 20,000 resources.

Builds a small scale first (a few localities, a few hundred resources), measures
the library and search pages, grows to the full scale and measures again.
Targets: the same number of queries at both scales for every page measured,
and a median response time under RESPONSE_TARGET_SECONDS at full scale.
A page that lists nothing skips the queries that fetch and place its results,
so the counts are compared only when the page lists results at both scales.

The bench data is made in bulk, not through the editor's path: locality homes
and steps with treebeard's add_child (no revisions, no groups or workflows:
the library does not read them), and resource pages as rows inserted in
batches, then indexed with the search backend's bulk add. Provisioning and
publishing costs are the localities suite's business.
"""

import datetime
import re
import statistics
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection, reset_queries, transaction
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from home.models import ToolkitHomePage
from resources.factories import ResourceDocumentFactory, make_pdf
from resources.models import ResourcePage, ResourceType, StepPage, Tier
from sites.models import Locality, LocalityHomePage
from sites.provisioning import national_home
from toolkits.scope import under_any

from .report import report_targets
from .scenario import NationalOnlyLoader

FULL = {"localities": 200, "resources": 20_000, "small_localities": 5, "small_resources": 250}
QUICK = {"localities": 12, "resources": 600, "small_localities": 3, "small_resources": 60}
REPEATS = 7
RESPONSE_TARGET_SECONDS = 1.0
HOST = "localhost"
DOCUMENT_POOL = 20
SEARCH_PHRASE = "lantern audit"  # appears only inside one pooled PDF
BATCH = 1000
RESULTS_COUNT = re.compile(r'<h2 id="results-count"[^>]*>\s*(\d+)')


class LibraryBench:
    def __init__(self, log):
        self.log = log
        self.client = Client(HTTP_HOST=HOST)
        self.localities: list[Locality] = []
        self.resource_count = 0
        self.document_count = 0
        self.per_step: dict[int, int] = {}  # bench resources made in each step so far
        self.counter = 0

    def setup(self):
        if not ToolkitHomePage.objects.filter(depth=2, locale=Locale.get_default()).exists():
            NationalOnlyLoader(log=lambda *args, **kwargs: None).run()
        self.home = national_home()
        self.national_steps = list(StepPage.objects.child_of(self.home).order_by("path"))
        self.content_type = ContentType.objects.get_for_model(ResourcePage)
        self.locale = Locale.get_default()
        self.documents = [
            ResourceDocumentFactory(
                title=f"Library bench document {number}",
                file=ContentFile(
                    make_pdf(
                        f"Library bench document {number}",
                        [f"Pooled sample text {number}." + (f" The {SEARCH_PHRASE}." if number == 7 else "")],
                    ),
                    name=f"library-bench-{number}.pdf",
                ),
            )
            for number in range(DOCUMENT_POOL)
        ]

    # --- data ---------------------------------------------------------------

    def add_localities(self, total: int):
        while len(self.localities) < total:
            self.counter += 1
            name = f"Library bench {self.counter:03d}"
            slug = f"library-bench-{self.counter:03d}"
            with transaction.atomic():
                locality_home = self.home.add_child(
                    instance=LocalityHomePage(title=f"{name} toolkit", slug=slug, live=True)
                )
                for national_step in self.national_steps:
                    locality_home.add_child(instance=StepPage.following(national_step, live=True))
                self.localities.append(Locality.objects.create(name=name, slug=slug, home_page=locality_home))

    def steps(self) -> list[StepPage]:
        """The national steps and this bench's localities' steps, not those of
        localities another suite made earlier in the run: the data measured
        must be the same whichever suites ran before."""
        homes = [locality.home_page.path for locality in self.localities]
        national = Q(pk__in=[step.pk for step in self.national_steps])
        return list(StepPage.objects.filter(national | under_any(homes)).order_by("path"))

    def add_resources(self, total: int):
        """Resource pages spread over the steps, inserted in batches.

        A step's kinds and tiers follow the order its resources are made in, so
        every step's first resource is a document for both tiers (each page
        measured, filters and all, lists results at the small scale too), and
        documents take the pooled files in turn, so the searched phrase is in
        the eighth document made."""
        steps = self.steps()
        wanted = total - self.resource_count
        kinds = [ResourceType.DOCUMENT, ResourceType.DOCUMENT, ResourceType.TIP, ResourceType.LINK]
        tiers = [Tier.BOTH, Tier.ONE, Tier.TWO]
        now = timezone.now()
        pages, details = [], []
        for number in range(wanted):
            step = steps[number % len(steps)]
            step.numchild += 1
            index = self.resource_count + number
            # 4 kinds and 3 tiers: a step's first 12 resources have every pair.
            rank = self.per_step.get(step.pk, 0)
            self.per_step[step.pk] = rank + 1
            kind = kinds[rank % len(kinds)]
            document = None
            if kind == ResourceType.DOCUMENT:
                document = self.documents[self.document_count % DOCUMENT_POOL]
                self.document_count += 1
            slug = f"bench-resource-{index}"
            title = f"Bench resource {index}: {step.title}"
            pages.append(
                Page(
                    path=Page._get_path(step.path, step.depth + 1, step.numchild),
                    depth=step.depth + 1,
                    numchild=0,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    url_path=f"{step.url_path}{slug}/",
                    content_type=self.content_type,
                    locale=self.locale,
                    translation_key=uuid.uuid4(),
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
            details.append(
                {
                    "summary": f"Sample resource number {index} for practitioners.",
                    "resource_type": kind,
                    "tiers": tiers[rank % len(tiers)],
                    "date": datetime.date(2015 + index % 10, 1 + index % 12, 1),
                    "document": document,
                    "external_url": "https://www.example.org/" if kind == ResourceType.LINK else "",
                }
            )
        for start in range(0, len(pages), BATCH):
            with transaction.atomic():
                created = Page.objects.bulk_create(pages[start : start + BATCH])
                resources = []
                for page, fields in zip(created, details[start : start + BATCH], strict=True):
                    resources.append(ResourcePage(page_ptr_id=page.pk, **fields))
                insert_child_rows(resources)
        for step in steps:
            StepPage.objects.filter(pk=step.pk).update(numchild=step.numchild)
        backend = get_search_backend()
        new = ResourcePage.objects.filter(slug__startswith="bench-resource-").order_by("pk")[self.resource_count :]
        ids = list(new.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            batch = ResourcePage.objects.filter(pk__in=ids[start : start + BATCH]).select_related("document")
            backend.add_bulk(ResourcePage, list(batch))
        self.resource_count = total

    # --- measurements -------------------------------------------------------------

    def urls(self):
        slug = self.localities[0].slug
        return [
            ("library", "/en/resources/"),
            ("library filtered", f"/en/resources/?locality={slug}&tier=two&step=assessment"),
            ("library words", "/en/resources/?q=practitioners&sort=newest&page=3"),
            ("library last page", "/en/resources/?page=9999"),
            ("locality library", f"/en/{slug}/resources/"),
            ("search", f"/en/search/?q={SEARCH_PHRASE.replace(' ', '+')}"),
            ("search common", "/en/search/?q=resource"),
            ("tips", "/en/tips/"),
        ]

    def measure(self, path: str):
        """(median seconds, most queries, results the page says it lists)."""
        self.client.get(path)  # warm
        timings, queries = [], []
        for _ in range(REPEATS):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = self.client.get(path)
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code)
            queries.append(len(captured))
        found = RESULTS_COUNT.search(response.content.decode())
        assert found, (path, "no results count on the page")
        return statistics.median(timings), max(queries), int(found.group(1))

    def measure_all(self):
        return {name: self.measure(path) for name, path in self.urls()}


def insert_child_rows(resources):
    """INSERT the ResourcePage table rows of pages whose Page rows exist
    (Django's bulk_create refuses multi-table inherited models)."""
    fields = ResourcePage._meta.local_concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = connection.ops.quote_name(ResourcePage._meta.db_table)
    rows = [
        [field.get_db_prep_save(getattr(resource, field.attname), connection) for field in fields]
        for resource in resources
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)  # noqa: S608


def run(log, quick) -> bool:
    sizes = QUICK if quick else FULL
    bench = LibraryBench(log)
    bench.setup()
    stages = []
    for localities, resources in (
        (sizes["small_localities"], sizes["small_resources"]),
        (sizes["localities"], sizes["resources"]),
    ):
        started = time.perf_counter()
        bench.add_localities(localities)
        bench.add_resources(resources)
        log(
            f"bench: {len(bench.localities)} localities, {bench.resource_count} resources "
            f"built in {time.perf_counter() - started:.1f}s"
        )
        stages.append((localities, resources, bench.measure_all()))

    log()
    header = "page".ljust(20) + "".join(f"{f'{loc} loc / {res} res':>42}" for loc, res, _ in stages)
    log(header)
    log(" " * 20 + "".join(f"{'median ms':>20}{'queries':>12}{'results':>10}" for _ in stages))
    for name, _path in bench.urls():
        row = name.ljust(20)
        for _loc, _res, figures in stages:
            seconds, queries, listed = figures[name]
            row += f"{seconds * 1000:>20.0f}{queries:>12}{listed:>10}"
        log(row)
    log()
    small, large = stages[0][2], stages[-1][2]
    results = []
    for name, _path in bench.urls():
        (_, small_queries, small_listed), (_, large_queries, large_listed) = small[name], large[name]
        comparable = small_listed > 0 and large_listed > 0
        label = f"{name}: queries equal at both scales ({small_queries}, {large_queries})"
        if not comparable:
            label += f", but it lists {small_listed} and {large_listed} results: an empty page is not comparable"
        results.append((comparable and small_queries == large_queries, label))
        results.append(
            (
                large[name][0] < RESPONSE_TARGET_SECONDS,
                f"{name}: median {large[name][0] * 1000:.0f} ms < {RESPONSE_TARGET_SECONDS * 1000:.0f} ms "
                f"at {stages[-1][0]} localities / {stages[-1][1]} resources",
            )
        )
    return report_targets(log, results)

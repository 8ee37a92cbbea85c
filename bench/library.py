"""The resource library and search at scale: 200 localities, 20,000 resources.

Builds a small scale first (a few localities, a few hundred resources), measures
the library and search pages, grows to the full scale and measures again.
Targets: the same number of queries at both scales for every page measured,
and a median response time under RESPONSE_TARGET_SECONDS at full scale.

The bench data is made in bulk, not through the editor's path: locality homes
and steps with treebeard's add_child (no revisions, no groups or workflows:
the library does not read them), and resource pages as rows inserted in
batches, then indexed with the search backend's bulk add. Provisioning and
publishing costs are the localities suite's business.
"""

import datetime
import statistics
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection, reset_queries, transaction
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


class LibraryBench:
    def __init__(self, log):
        self.log = log
        self.client = Client(HTTP_HOST=HOST)
        self.localities: list[Locality] = []
        self.resource_count = 0
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

    def add_resources(self, total: int):
        """Resource pages spread over every step (national and local), inserted in batches."""
        steps = list(StepPage.objects.filter(path__startswith=self.home.path).order_by("path"))
        wanted = total - self.resource_count
        kinds = [ResourceType.DOCUMENT, ResourceType.DOCUMENT, ResourceType.TIP, ResourceType.LINK]
        tiers = [Tier.BOTH, Tier.ONE, Tier.TWO]
        now = timezone.now()
        pages, details = [], []
        for number in range(wanted):
            step = steps[number % len(steps)]
            step.numchild += 1
            index = self.resource_count + number
            # Shift by the round, so that each step gets every kind and tier.
            turn = index + number // len(steps)
            kind = kinds[turn % len(kinds)]
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
                    "tiers": tiers[turn % len(tiers)],
                    "date": datetime.date(2015 + index % 10, 1 + index % 12, 1),
                    "document": self.documents[index % DOCUMENT_POOL] if kind == ResourceType.DOCUMENT else None,
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
        return statistics.median(timings), max(queries)

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
    header = "page".ljust(20) + "".join(f"{f'{loc} loc / {res} res':>32}" for loc, res, _ in stages)
    log(header)
    log(" " * 20 + "".join(f"{'median ms':>20}{'queries':>12}" for _ in stages))
    for name, _path in bench.urls():
        row = name.ljust(20)
        for _loc, _res, figures in stages:
            seconds, queries = figures[name]
            row += f"{seconds * 1000:>20.0f}{queries:>12}"
        log(row)
    log()
    small, large = stages[0][2], stages[-1][2]
    results = []
    for name, _path in bench.urls():
        same = small[name][1] == large[name][1]
        results.append((same, f"{name}: queries equal at both scales ({small[name][1]}, {large[name][1]})"))
        results.append(
            (
                large[name][0] < RESPONSE_TARGET_SECONDS,
                f"{name}: median {large[name][0] * 1000:.0f} ms < {RESPONSE_TARGET_SECONDS * 1000:.0f} ms "
                f"at {stages[-1][0]} localities / {stages[-1][1]} resources",
            )
        )
    return report_targets(log, results)

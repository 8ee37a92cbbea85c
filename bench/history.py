"""Public history at scale.

* A page with 1,000 published versions: its history page must cost the same
  number of queries as a page with 10 (target), time printed.
* A comparison of two versions of a 200-block page: time printed (target
  under COMPARE_TARGET_SECONDS).
* The timeline and feed of a locality with 500 published pages: time and
  queries printed (target: same queries as with a few pages, median under
  TIMELINE_TARGET_SECONDS).

Versions are made in bulk (revisions, publish log entries and change notes
inserted in batches), not by publishing 1,000 times: publishing costs are
the localities suite's business; this suite measures reading them.
"""

import datetime
import statistics
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.blocks import StreamValue
from wagtail.models import Locale, PageLogEntry, Revision
from wagtail.rich_text import RichText

from history.compare import compare_pages
from history.models import ChangeNote
from history.notes import publish_with_note
from home.models import ToolkitHomePage
from resources.models import ResourcePage, StepPage
from sites.factories import LocalityFactory
from sites.provisioning import national_home

from .scenario import NationalOnlyLoader

FULL = {"versions": 1000, "blocks": 200, "pages": 500}
QUICK = {"versions": 100, "blocks": 50, "pages": 60}
FEW = 10
REPEATS = 5
COMPARE_TARGET_SECONDS = 2.0
TIMELINE_TARGET_SECONDS = 1.0
HOST = "localhost"


def timed_get(client, path, repeats=REPEATS):
    """(median seconds, queries of the last run, status)."""
    times = []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - started)
    return statistics.median(times), len(captured), response.status_code


def add_published_versions(page, count, *, start=None):
    """``count`` published revisions of ``page`` with notes, in bulk."""
    content_type = ContentType.objects.get_for_model(type(page))
    base_type = page.get_base_content_type().pk
    content = page.serializable_data()
    start = start or timezone.now() - datetime.timedelta(days=count)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type_id=base_type,
                object_id=str(page.pk),
                content={**content, "title": f"{page.title} ({number})"},
                created_at=start + datetime.timedelta(hours=number),
                object_str=page.title,
            )
            for number in range(count)
        ],
        batch_size=500,
    )
    PageLogEntry.objects.bulk_create(
        [
            PageLogEntry(
                content_type=content_type,
                label=page.title,
                action="wagtail.publish",
                data={},
                timestamp=revision.created_at,
                uuid=uuid.uuid4(),
                revision=revision,
                page=page,
                content_changed=True,
            )
            for revision in revisions
        ],
        batch_size=500,
    )
    ChangeNote.objects.bulk_create(
        [ChangeNote(revision=revision, note=f"Bench change {number}") for number, revision in enumerate(revisions)],
        batch_size=500,
    )
    return revisions


def run(log, quick) -> bool:
    sizes = QUICK if quick else FULL
    if not ToolkitHomePage.objects.filter(depth=2, locale=Locale.get_default()).exists():
        NationalOnlyLoader(log=lambda *args, **kwargs: None).run()
    home = national_home()
    client = Client(HTTP_HOST=HOST)
    passed = True

    # 1. History page: 10 versions against 1,000.
    few = StepPage(title="History bench (few)", slug="history-bench-few", summary="Bench.")
    many = StepPage(title="History bench (many)", slug="history-bench-many", summary="Bench.")
    for page in (few, many):
        home.add_child(instance=page)
        page.save_revision().publish()
    started = time.perf_counter()
    add_published_versions(few, FEW - 1)
    add_published_versions(many, sizes["versions"] - 1)
    log(f"history: {FEW} and {sizes['versions']} published versions made in {time.perf_counter() - started:.1f}s")
    client.get(few.url + "history/")  # warm caches
    few_seconds, few_queries, few_status = timed_get(client, few.url + "history/")
    many_seconds, many_queries, many_status = timed_get(client, many.url + "history/")
    last_page = (sizes["versions"] + 19) // 20
    last_seconds, last_queries, last_status = timed_get(client, f"{many.url}history/?page={last_page}")
    log(f"history: {FEW} versions: {few_queries} queries, {few_seconds * 1000:.0f} ms (HTTP {few_status})")
    log(f"history: {sizes['versions']} versions: {many_queries} queries, {many_seconds * 1000:.0f} ms")
    log(f"history: last page ({last_page}): {last_queries} queries, {last_seconds * 1000:.0f} ms (HTTP {last_status})")
    ok = few_queries == many_queries == last_queries and {few_status, many_status, last_status} == {200}
    log(f"target: history queries equal at {FEW} and {sizes['versions']} versions: {'PASS' if ok else 'FAIL'}")
    passed &= ok

    # 2. Compare two versions of a 200-block page.
    long_page = StepPage(
        title="Compare bench",
        slug="compare-bench",
        summary="Bench.",
        body=[
            ("paragraph", RichText(f"<p>Paragraph {n}: contexts, peer groups and places of safety.</p>"))
            for n in range(sizes["blocks"])
        ],
    )
    home.add_child(instance=long_page)
    old_revision = long_page.save_revision()
    old_revision.publish()
    long_page = StepPage.objects.get(pk=long_page.pk)
    blocks = [{"type": b.block_type, "value": b.value.source, "id": b.id} for b in long_page.body]
    for index in range(0, len(blocks), 10):  # every tenth block reworded
        blocks[index]["value"] = f"<p>Paragraph {index}: contexts and schools, reworded.</p>"
    blocks.insert(len(blocks) // 2, blocks.pop(1))  # one block moved
    blocks = blocks[:-5]  # five removed
    blocks.append({"type": "paragraph", "value": "<p>A new closing paragraph.</p>", "id": str(uuid.uuid4())})
    long_page.body = StreamValue(long_page.body.stream_block, blocks, is_lazy=True)
    new_revision = publish_with_note(long_page, "Bench: reworded, moved, removed and added blocks")
    started = time.perf_counter()
    comparisons = compare_pages(old_revision.as_object(), new_revision.as_object())
    direct_seconds = time.perf_counter() - started
    changed = sum(len(c.changed_blocks) for c in comparisons)
    compare_url = f"{long_page.url}history/compare/?from={old_revision.pk}&to={new_revision.pk}"
    compare_seconds, compare_queries, compare_status = timed_get(client, compare_url)
    log(f"compare: {sizes['blocks']} blocks, {changed} changed: compare_pages {direct_seconds * 1000:.0f} ms")
    log(f"compare: view {compare_seconds * 1000:.0f} ms, {compare_queries} queries (HTTP {compare_status})")
    ok = compare_status == 200 and compare_seconds < COMPARE_TARGET_SECONDS
    log(f"target: compare view under {COMPARE_TARGET_SECONDS:.1f}s: {'PASS' if ok else 'FAIL'}")
    passed &= ok

    # 3. A locality's timeline over many pages.
    locality = LocalityFactory(name="Timeline Bench", slug="timeline-bench")
    steps = list(StepPage.objects.child_of(locality.home_page).order_by("path"))
    timeline_url = locality.home_page.url + "updates/"

    def add_tips(first, last):
        for number in range(first, last):
            resource = ResourcePage(
                title=f"Bench tip {number}", slug=f"bench-tip-{number}", summary="A tip.", resource_type="tip"
            )
            steps[number % len(steps)].add_child(instance=resource)
            add_published_versions(resource, 1)

    add_tips(0, FEW)
    small_seconds, small_queries, small_status = timed_get(client, timeline_url)
    started = time.perf_counter()
    add_tips(FEW, sizes["pages"])
    log(f"timeline: {sizes['pages']} published pages made in {time.perf_counter() - started:.1f}s")
    seconds, queries, status = timed_get(client, timeline_url)
    filtered_seconds, filtered_queries, _ = timed_get(
        client, f"{timeline_url}?step={steps[0].slug}&year={timezone.now().year}"
    )
    feed_seconds, feed_queries, feed_status = timed_get(client, timeline_url + "feed/")
    log(f"timeline: {FEW} pages: {small_queries} queries, {small_seconds * 1000:.0f} ms (HTTP {small_status})")
    log(f"timeline: {sizes['pages']} pages: {queries} queries, {seconds * 1000:.0f} ms (HTTP {status})")
    log(f"timeline: filtered by step and year: {filtered_queries} queries, {filtered_seconds * 1000:.0f} ms")
    log(f"timeline: feed: {feed_queries} queries, {feed_seconds * 1000:.0f} ms (HTTP {feed_status})")
    ok = status == feed_status == 200 and queries == small_queries and seconds < TIMELINE_TARGET_SECONDS
    log(f"target: timeline queries flat and under {TIMELINE_TARGET_SECONDS:.1f}s: {'PASS' if ok else 'FAIL'}")
    passed &= ok
    return passed

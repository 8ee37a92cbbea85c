"""python -m bench [--quick]: see bench/__init__.py."""

import argparse
import os
import shutil
import signal
import sys
import time

from .database import fresh_database

FULL = (10, 50, 200)
QUICK = (2, 5)

# Each further suite is a module of this package with `run(log, quick) -> bool`
# (True when its targets pass), run on the same fresh, migrated database after
# the localities suite. Listed by module name so a suite costs one line here.
SUITES = {"localities": None, "library": None, "drift": None, "audit": None, "history": None, "stack": None}


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help=f"smoke run with N in {QUICK} instead of {FULL}")
    parser.add_argument("--sizes", help="comma-separated locality counts, e.g. 10,50,200")
    parser.add_argument(
        "--suite",
        action="append",
        choices=sorted(SUITES),
        help="run only this suite (repeatable); default: every suite, in order",
    )
    return parser.parse_args(argv)


def log(message=""):
    print(message, flush=True)


def run(sizes, suites, quick) -> int:
    import importlib

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    django.setup()

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    try:
        started = time.perf_counter()
        vendor = connection.vendor
        with connection.cursor() as cursor:
            cursor.execute("select version()" if vendor == "postgresql" else "select sqlite_version()")
            version = cursor.fetchone()[0]
        log(f"bench: settings {settings.SETTINGS_MODULE}, database engine {settings.DATABASES['default']['ENGINE']}")
        log(f"bench: {vendor} {version.split(' on ')[0]}, database {settings.DATABASES['default']['NAME']}")
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        log(f"bench: {os.cpu_count()} CPUs (load average {load}), suites {', '.join(suites)}")

        call_command("migrate", interactive=False, verbosity=0)
        log(f"bench: migrated in {time.perf_counter() - started:.1f}s")

        outcomes = {}
        for suite in suites:
            suite_started = time.perf_counter()
            log()
            log(f"== suite {suite} ==")
            if suite == "localities":
                outcomes[suite] = run_localities(sizes)
            else:
                outcomes[suite] = importlib.import_module(f"bench.{suite}").run(log, quick)
            verdict = "PASS" if outcomes[suite] else "FAIL"
            log(f"bench: suite {suite} {verdict} in {time.perf_counter() - suite_started:.0f}s")
        log()
        log(f"bench: total {time.perf_counter() - started:.0f}s")
        return 0 if all(outcomes.values()) else 1
    finally:
        media_root = str(getattr(settings, "MEDIA_ROOT", ""))
        if os.path.basename(media_root).startswith("cst-test-media-"):
            shutil.rmtree(media_root, ignore_errors=True)


def run_localities(sizes) -> bool:
    from . import report
    from .scenario import Bench, most_repeated

    log(f"bench: localities N = {', '.join(map(str, sizes))}")
    bench = Bench(log=log)
    national, steps = bench.load_national_toolkit()
    log(f"bench: national toolkit loaded ({national} national pages, {steps} steps) at {bench.home.url_path}")
    bench.warm_up()

    stages = []
    for n in (0, *sizes):
        stage_started = time.perf_counter()
        stage = bench.run_stage(n)
        stages.append(stage)
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        log(f"bench: N={n} done in {time.perf_counter() - stage_started:.1f}s (load average {load})")

    log()
    log(f"Publish method: {bench.publish_method}")
    log(report.LEGEND)
    log()
    log(report.results_table(stages))
    log()
    repeated = most_repeated(stages[-1].publish.sql)
    if repeated:
        log(f"Most repeated statements in the publish request at N={stages[-1].n}:")
        for count, sql in repeated:
            log(f"  {count:4d} x {sql[:260]}")
        log()
    return report.report_targets(log, report.targets(stages))


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    sizes = QUICK if args.quick else FULL
    if args.sizes:
        sizes = tuple(int(size) for size in args.sizes.split(","))

    def terminated(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminated)
    try:
        with fresh_database() as database:
            log(f"bench: fresh {database.engine} database {database.name} (removed at the end)")
            return run(sizes, args.suite or list(SUITES), args.quick)
    except KeyboardInterrupt:
        log("bench: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())

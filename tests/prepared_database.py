"""The test database built once per `make test`, while the linters run, and
cloned by each pytest-xdist worker.

Migrating takes 12-19 s of CPU and loading the demo 10-20 s; each worker
used to do both at its start, after the linters and its own collection.
`make test` now starts this module beside the linters:

    TEST_DATABASE_RUN=<id> python -m tests.prepared_database
    TEST_DATABASE_RUN=<id> python -m tests.prepared_database --clean   (after the run)

It migrates a template database, loads the demo, takes the suite's
snapshots (``tests.snapshots``) and labels the template with the run's id,
holding a PostgreSQL advisory lock meanwhile. Each worker (``django_db_setup``
in tests/conftest.py) waits for that lock and, when the template carries its
run's id, clones it with ``CREATE DATABASE ... TEMPLATE`` in about a second
and copies the template's files into its own media folder;
otherwise (no id, another run's template, a failed build, SQLite) it sets up
its database as pytest-django always did. PostgreSQL's file-level copy is
what Django's own parallel test runner uses for its clones.
"""

import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

RUN_VARIABLE = "TEST_DATABASE_RUN"
LOCK_KEY = 0x7E57DB  # any constant: one template is built at a time per server


def template_name() -> str:
    return f"test_{settings.DATABASES['default']['NAME']}_template"


def media_folder(run: str) -> Path:
    """Where the template's files (the demo's documents) are kept for the clones to copy."""
    return Path(tempfile.gettempdir()) / f"{template_name()}-{run}-media"


def worker_name() -> str:
    test = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    return test or f"test_{settings.DATABASES['default']['NAME']}"


def _maintenance_connection():
    import psycopg2

    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    maintenance = psycopg2.connect(**params)
    maintenance.autocommit = True
    return maintenance


LOCK_WAIT = "300s"  # longer than any build; a build that hangs must not hang the suite


@contextmanager
def _template_lock():
    """The maintenance connection holding the build's lock, or None when the
    lock was not had within LOCK_WAIT."""
    import psycopg2

    maintenance = _maintenance_connection()
    try:
        with maintenance.cursor() as cursor:
            cursor.execute("SET lock_timeout = %s", [LOCK_WAIT])
            try:
                cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
                locked = True
            except psycopg2.errors.LockNotAvailable:
                locked = False
        yield maintenance if locked else None
    finally:
        maintenance.close()


def _label(cursor, name: str) -> str | None:
    cursor.execute(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        [name],
    )
    row = cursor.fetchone()
    return row[0] if row else None


def build(run: str) -> None:
    """Migrate the template, load the demo, snapshot it, label it with `run`."""
    from tests import snapshots
    from tests.conftest import DEMO, MIGRATED, load_demo

    name = template_name()
    shutil.rmtree(media_folder(run), ignore_errors=True)
    settings.MEDIA_ROOT = str(media_folder(run))
    with _template_lock() as maintenance:
        if maintenance is None:
            raise RuntimeError(f"another build held the lock for {LOCK_WAIT}")
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = name
        connection.settings_dict.setdefault("TEST", {})["NAME"] = name
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        snapshots.take(MIGRATED)
        load_demo()
        snapshots.take(DEMO)
        snapshots.restore(MIGRATED)
        connection.close()
        quoted = connection.ops.quote_name(name)
        with maintenance.cursor() as cursor:
            # No one may connect to a template while it is copied (nor autovacuum).
            cursor.execute(f"ALTER DATABASE {quoted} WITH ALLOW_CONNECTIONS false")
            cursor.execute(f"COMMENT ON DATABASE {quoted} IS %s", [run])


def clone_if_prepared() -> str | None:
    """This worker's database cloned from the run's template, named as
    pytest-django names it; None when there is no template for this run."""
    run = os.environ.get(RUN_VARIABLE)
    if not run or connection.vendor != "postgresql":
        return None
    template, clone, media = template_name(), worker_name(), media_folder(run)
    with _template_lock() as maintenance:
        if maintenance is None:
            print(f"prepared database: still building after {LOCK_WAIT}; this worker builds its own", flush=True)
            return None
        cursor = maintenance.cursor()
        if _label(cursor, template) != run:
            return None
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(clone)} WITH (FORCE)")
        cursor.execute(
            f"CREATE DATABASE {connection.ops.quote_name(clone)} TEMPLATE {connection.ops.quote_name(template)}"
        )
    connection.close()
    settings.DATABASES["default"]["NAME"] = clone
    connection.settings_dict["NAME"] = clone
    if media.exists():
        shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return clone


def drop(clone: str) -> None:
    connection.close()
    maintenance = _maintenance_connection()
    try:
        with maintenance.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(clone)} WITH (FORCE)")
    finally:
        maintenance.close()


def main(argv: list[str]) -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    django.setup()
    run = os.environ.get(RUN_VARIABLE)
    if "--clean" in argv:
        if run:
            shutil.rmtree(media_folder(run), ignore_errors=True)
        return 0
    if not run or connection.vendor != "postgresql":
        print("prepared database: not built (needs PostgreSQL and TEST_DATABASE_RUN)", flush=True)
        return 0
    started = time.monotonic()
    build(run)
    print(f"prepared database: migrated, demo loaded and snapshots taken in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Whole-database snapshots for the tests, kept inside the test database.

Building the demo takes about 15 s of CPU and the per-test builders of the
browser tests a few seconds each, while copying every table back from a
snapshot takes a fraction of a second. A snapshot is a PostgreSQL schema
holding a copy of every table of the project's database; restoring it
empties the tables and copies the rows back in one transaction (Django's
foreign keys on PostgreSQL are deferred, so the order of the copies does not
matter), then moves each sequence past the restored ids.

Restoring inside a test's transaction is rolled back with it; restoring in a
transactional test commits, and that test's flush empties the tables again
afterwards. Caches are cleared after each restore: Wagtail caches site root
paths and the page frame, which must not outlive the rows they came from.

Nothing like this is in Django or pytest-django (``serialized_rollback``
re-saves the migrated rows one object at a time, and there is no snapshot of
built data), so it is written here. On SQLite (a suite run without
``make test``) snapshots are not kept and every build runs in full.
"""

from django.apps import apps
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA_PREFIX = "test_snapshot_"
taken: set[str] = set()  # names snapshotted (and committed) in this process


def supported() -> bool:
    return connection.vendor == "postgresql"


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'django_migrations'"
        )
        return sorted(row[0] for row in cursor.fetchall())


def take(name: str) -> None:
    """Copy every table into the schema for `name` (committed or not, as the caller's transaction is)."""
    schema = connection.ops.quote_name(SCHEMA_PREFIX + name)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        for table in _tables():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"CREATE TABLE {schema}.{quoted} AS TABLE public.{quoted}")
    taken.add(name)


def restore(name: str) -> None:
    """Make every table hold exactly the rows of the snapshot `name`."""
    schema = connection.ops.quote_name(SCHEMA_PREFIX + name)
    tables = _tables()
    quoted = [connection.ops.quote_name(table) for table in tables]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(f'public.{table}' for table in quoted)}")
        for table in quoted:
            # Table names come from pg_tables, quoted: no outside input reaches this SQL.
            cursor.execute(f"INSERT INTO public.{table} SELECT * FROM {schema}.{table}")  # noqa: S608
        models = apps.get_models(include_auto_created=True)
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    cache.clear()


class Snapshots:
    """Named snapshots of one worker's test database, each taken once.

    ``build_or_restore(name, build)`` runs ``build()`` the first time and
    snapshots the database it leaves, keeping ``build``'s return value;
    later calls restore the snapshot and return that value read again from
    the database (model instances keep their ids across a restore)."""

    def __init__(self):
        self.values = {}

    def build_or_restore(self, name: str, build, *, refresh=None):
        if not supported():
            return build()
        if name in self.values:
            restore(name)
            return refresh(self.values[name]) if refresh else self.values[name]
        value = build()
        take(name)
        self.values[name] = value
        return value


snapshots = Snapshots()

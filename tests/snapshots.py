"""Whole-database snapshots for the tests, kept inside the test database.

Building the demo takes about 15 s of CPU and the per-test builders of the
browser tests a few seconds each, while copying tables back from a
snapshot takes a fraction of a second. A snapshot is a PostgreSQL schema
holding a copy of every table of the project's database.

Restoring copies back only the tables that can differ from the snapshot:
those written since the last restore (or snapshot), and those whose
contents differ between the snapshot the database was last restored to
and the one asked for. Every table has a statement trigger that advances a
sequence of its own on any write, and the sequences' values at the last
restore are kept in a table beside them, in the same transaction as the
restore: a restore rolled back with a test's transaction takes its record
with it, while sequences are never rolled back, so a write is never missed
(a write rolled back only costs copying that table again). The copies run
with PostgreSQL's replication role where the user may set it, which skips
triggers and the deferred foreign-key checks: the tables end equal to a
consistent snapshot. Each
copied table's sequence is moved past its restored ids.

Caches are cleared after each restore: Wagtail caches site root paths and
the page frame, which must not outlive the rows they came from.

Nothing like this is in Django or pytest-django (``serialized_rollback``
re-saves the migrated rows one object at a time, and there is no snapshot of
built data), so it is written here. On SQLite (a suite run without
``make test``) snapshots are not kept and every build runs in full.
"""

import hashlib
import json
from functools import cache as once

from django.apps import apps
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA_PREFIX = "test_snapshot_"
TRACKING = "test_snapshot_tracking"  # the write sequences, the trigger function and the last restore
TRIGGER = "test_snapshot_written"
taken: set[str] = set()  # names snapshotted (and committed) in this process
_fingerprints: dict[str, dict[str, str]] = {}  # snapshot name -> table -> digest of its rows


def supported() -> bool:
    return connection.vendor == "postgresql"


@once
def _may_skip_triggers() -> bool:
    """The replication role needs a superuser (as the embedded server's is)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return bool(cursor.fetchone()[0])


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'django_migrations'"
        )
        return sorted(row[0] for row in cursor.fetchall())


def _sequence(table: str) -> str:
    return "written_" + hashlib.sha256(table.encode()).hexdigest()[:24]


# Names in the SQL below come from pg_tables or from the digests above, quoted:
# no outside input reaches it.


def _install_tracking(cursor, tables: list[str]) -> None:
    cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {TRACKING}")
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {TRACKING}.last_restore (id int PRIMARY KEY, name text, marks jsonb NOT NULL)"
    )
    cursor.execute(
        f"""CREATE OR REPLACE FUNCTION {TRACKING}.note_write() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM nextval(TG_ARGV[0]); RETURN NULL; END $$"""
    )
    for table in tables:
        sequence = f"{TRACKING}.{_sequence(table)}"
        cursor.execute(f"CREATE SEQUENCE IF NOT EXISTS {sequence}")
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON public.{_quote(table)}")
        cursor.execute(
            f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON public.{_quote(table)} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {TRACKING}.note_write('{sequence}')"
        )


def _tracking_intact(cursor, tables: list[str]) -> bool:
    cursor.execute(
        "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND t.tgname = %s",
        [TRIGGER],
    )
    return cursor.fetchone()[0] == len(tables)


def _marks(cursor) -> dict[str, int]:
    cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = %s", [TRACKING])
    return {name: value or 0 for name, value in cursor.fetchall()}


def _record_restore(cursor, name: str | None, marks: dict[str, int]) -> None:
    cursor.execute(
        f"INSERT INTO {TRACKING}.last_restore VALUES (1, %s, %s) "
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, marks = excluded.marks",
        [name, json.dumps(marks)],
    )


def _last_restore(cursor) -> tuple[str | None, dict[str, int]]:
    cursor.execute(f"SELECT name, marks FROM {TRACKING}.last_restore WHERE id = 1")
    row = cursor.fetchone()
    if row is None:
        return None, {}
    name, marks = row
    return name, json.loads(marks) if isinstance(marks, str) else marks


def _fingerprint(cursor, schema: str, tables: list[str]) -> dict[str, str]:
    selects = [
        f"SELECT %s, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {schema}.{_quote(table)} t"
        for table in tables
    ]
    cursor.execute(" UNION ALL ".join(selects), tables)
    return dict(cursor.fetchall())


def take(name: str) -> None:
    """Copy every table into the schema for `name` (committed or not, as the caller's transaction is)."""
    schema = _quote(SCHEMA_PREFIX + name)
    tables = _tables()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        for table in tables:
            cursor.execute(f"CREATE TABLE {schema}.{_quote(table)} AS TABLE public.{_quote(table)}")
        if not _tracking_intact(cursor, tables):
            _install_tracking(cursor, tables)
        _fingerprints[name] = _fingerprint(cursor, schema, tables)
        _record_restore(cursor, name, _marks(cursor))
    taken.add(name)


def adopt() -> None:
    """Know the snapshots already in this database (cloned from a prepared
    template, ``tests.prepared_database``) as if this process had taken them."""
    tables = _tables()
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE %s", [SCHEMA_PREFIX + "%"])
        names = [schema.removeprefix(SCHEMA_PREFIX) for (schema,) in cursor.fetchall() if schema != TRACKING]
        for name in names:
            _fingerprints[name] = _fingerprint(cursor, _quote(SCHEMA_PREFIX + name), tables)
    taken.update(names)


def _tables_to_copy(cursor, name: str, tables: list[str]) -> list[str]:
    """The tables that may differ from snapshot `name`: all of them unless
    the database is known to equal another snapshot plus tracked writes."""
    if not _tracking_intact(cursor, tables):
        _install_tracking(cursor, tables)
        return tables
    last, marks_then = _last_restore(cursor)
    if last not in _fingerprints or name not in _fingerprints:
        return tables
    marks_now = _marks(cursor)
    before, wanted = _fingerprints[last], _fingerprints[name]
    return [
        table
        for table in tables
        if marks_now.get(_sequence(table), 0) != marks_then.get(_sequence(table), 0)
        or before.get(table) != wanted.get(table)
    ]


def restore(name: str) -> None:
    """Make every table hold exactly the rows of the snapshot `name`."""
    schema = _quote(SCHEMA_PREFIX + name)
    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        to_copy = _tables_to_copy(cursor, name, tables)
        skip_triggers = _may_skip_triggers()
        if skip_triggers:
            cursor.execute("SET LOCAL session_replication_role = replica")
        for table in to_copy:
            cursor.execute(f"DELETE FROM public.{_quote(table)}")
            cursor.execute(f"INSERT INTO public.{_quote(table)} SELECT * FROM {schema}.{_quote(table)}")
        if skip_triggers:
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        copied = set(to_copy)
        models = [model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in copied]
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
        _record_restore(cursor, name, _marks(cursor))
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

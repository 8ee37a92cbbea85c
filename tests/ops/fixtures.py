"""Real operations parts started per test (imported by tests/ops/conftest.py):
a task worker process on the test database, redis-server and varnishd on
free loopback ports, each stopped by the fixture that started it."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.db import connection

import pytest

from tests.conftest import IN_CI

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{process.args[0]} did not listen on {port} within {timeout}s")


def need_program(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if path is None:
        message = f"{name} is not installed (Debian package: see .ci/run)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("ops-admin", "ops@example.org", "pw")


@pytest.fixture
def run_worker(settings):
    """Run `manage.py db_worker --batch` in its own process against the test
    database (which a transaction=True test has committed to): it works off
    every queued task and exits. Returns the worker's output."""
    settings.TASKS = settings.TASKS_DATABASE
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{quote(db['HOST'], safe='')}/{db['NAME']}"
    if connection.vendor != "postgresql":
        pytest.skip("The worker process needs the PostgreSQL test database: run with `make test`.")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url,
        "TASKS_BACKEND": "database",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }

    def run(*extra, **more_env):
        finished = subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload", *extra],
            cwd=PROJECT_DIR,
            env={**env, **more_env},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert finished.returncode == 0, finished.stdout + finished.stderr
        return finished.stdout + finished.stderr

    return run


class RedisServer:
    """A redis-server on a free loopback port; stop() and start() simulate an outage."""

    def __init__(self, workdir: Path):
        self.binary = need_program("redis-server")
        self.workdir = workdir
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        command = [self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no"]
        command += ["--dir", str(self.workdir)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        wait_for_port(self.port, self.process)

    def stop(self):
        stop(self.process)


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(settings, redis_server):
    """Django's default cache on the real Redis, as production configures it."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    return redis_server


VCL_DIR = PROJECT_DIR / "deploy" / "varnish"


class Varnish:
    """varnishd with the project's VCL, in front of one app server, on a free port."""

    def __init__(self, backend_port: int):
        self.binary = need_program("varnishd")
        # Varnish drops privileges: its folder must be readable by its own user.
        self.workdir = Path(tempfile.mkdtemp(prefix="cst-varnish-", dir="/tmp"))
        self.workdir.chmod(0o755)
        shutil.copy(VCL_DIR / "default.vcl", self.workdir / "default.vcl")
        (self.workdir / "backends.vcl").write_text(
            f'backend app1 {{ .host = "127.0.0.1"; .port = "{backend_port}"; }}\n'
            "sub vcl_init { new app = directors.round_robin(); app.add_backend(app1); }\n"
        )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None

    def start(self):
        command = [self.binary, "-F", "-n", str(self.workdir / "n"), "-a", f"127.0.0.1:{self.port}"]
        command += ["-f", str(self.workdir / "default.vcl"), "-p", f"vcl_path={self.workdir}", "-s", "malloc,32m"]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
        wait_for_port(self.port, self.process, timeout=30)

    def stop(self):
        stop(self.process)

    def get(self, path, host="localhost", **headers):
        """GET through Varnish with the Host a visitor would send."""
        request = urllib.request.Request(self.url + path, headers={"Host": host, **headers})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


@pytest.fixture
def varnish(live_server, settings):
    """Varnish in front of the live server; publishing purges it (tasks run at once in tests)."""
    server = Varnish(int(live_server.url.rsplit(":", 1)[1]))
    server.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "ops.frontend_cache.RetryingHTTPBackend", "LOCATION": server.url}
    }
    yield server
    server.stop()
    shutil.rmtree(server.workdir, ignore_errors=True)

"""The production topology on one machine: `make stack` (python -m deploy.stack).

Starts, with production settings: PostgreSQL (embedded), Redis, an S3
endpoint (moto), two gunicorn app servers (deploy/gunicorn.conf.py), the
task worker and Varnish in front (deploy/varnish/default.vcl); migrates,
collects static files, loads the demo and prints the address and an admin
login. Ctrl-C stops everything it started, in reverse order, and removes its
temporary folder. `Stack` is also what `python -m bench --suite stack` runs.

Plain HTTP on localhost: production's Secure cookies still work there
(browsers treat http://localhost as a secure context).
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BUCKET = "toolkit-stack"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen | None, timeout: float = 60, host: str = "localhost") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{' '.join(map(str, process.args[:3]))} exited with {process.returncode}")
        try:
            request = urllib.request.Request(url, headers={"Host": host})  # noqa: S310 - loopback
            with urllib.request.urlopen(request, timeout=5):  # noqa: S310
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


class Stack:
    def __init__(self, *, app_servers: int = 2, workers_per_server: int = 2, quiet: bool = False):
        self.app_servers = app_servers
        self.workers_per_server = workers_per_server
        self.quiet = quiet
        self.workdir = Path(tempfile.mkdtemp(prefix="cst-stack-", dir="/tmp"))
        self.workdir.chmod(0o755)
        self.processes: dict[str, subprocess.Popen] = {}
        self.app_ports: list[int] = []
        self.pgdata = None
        self.s3 = None
        self.env = None
        self.varnish_port = None
        self.admin_password = secrets.token_urlsafe(12)

    @property
    def url(self) -> str:
        return f"http://localhost:{self.varnish_port}"

    def log(self, message):
        if not self.quiet:
            print(f"stack: {message}", flush=True)

    # --- services ---------------------------------------------------------
    def start(self):
        from tests.services import start_postgres, start_s3

        started = time.monotonic()
        _server, self.pgdata, database_url = start_postgres(self.workdir)
        self.s3, s3_url = start_s3()
        redis_port = free_port()
        self.spawn(
            "redis",
            ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
        )
        self.varnish_port = free_port()
        self.app_ports = [free_port() for _ in range(self.app_servers)]
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url,
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "ALLOWED_HOSTS": "localhost,.localhost,127.0.0.1",
            "CSRF_TRUSTED_ORIGINS": f"http://localhost:{self.varnish_port},http://*.localhost:{self.varnish_port}",
            "WAGTAILADMIN_BASE_URL": f"http://localhost:{self.varnish_port}",
            "SECURE_SSL_REDIRECT": "false",
            "TRUSTED_PROXY_COUNT": "1",
            "FRONTEND_CACHE_URLS": f"http://127.0.0.1:{self.varnish_port}",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": s3_url,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "stack",
            "AWS_SECRET_ACCESS_KEY": "stack",
            "DJANGO_SUPERUSER_PASSWORD": self.admin_password,
            "GUNICORN_WORKERS": str(self.workers_per_server),
        }
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.make_bucket(s3_url)
        self.log(f"PostgreSQL, S3 and Redis up in {time.monotonic() - started:.1f}s; preparing the database")
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("load_demo_data")
        self.manage("createsuperuser", "--noinput", "--username", "admin", "--email", "admin@localhost", check=False)
        for number in range(1, self.app_servers + 1):
            self.start_app_server(number)
        self.spawn("worker", [sys.executable, "manage.py", "run_worker", "--no-reload", "--interval", "0.2"])
        self.start_varnish()
        wait_for_http(f"{self.url}/en/", self.processes["varnish"])
        self.log(f"up in {time.monotonic() - started:.0f}s")

    def make_bucket(self, s3_url):
        import boto3

        boto3.client(
            "s3", endpoint_url=s3_url, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
        ).create_bucket(Bucket=BUCKET)

    def manage(self, *args, check=True):
        return subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_DIR,
            env=self.env,
            check=check,
            stdout=subprocess.DEVNULL if self.quiet else None,
        )

    def spawn(self, name, command, env=None):
        log = open(self.workdir / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(  # noqa: S603
            command, cwd=PROJECT_DIR, env=env or self.env, stdout=log, stderr=subprocess.STDOUT
        )
        return self.processes[name]

    def start_app_server(self, number):
        port = self.app_ports[number - 1]
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        gunicorn = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "cms.wsgi"]
        process = self.spawn(f"app{number}", gunicorn, env=env)
        wait_for_http(f"http://127.0.0.1:{port}/healthz", process)
        return process

    def stop_app_server(self, number):
        process = self.processes.pop(f"app{number}")
        process.kill()  # as a crash would
        process.wait()
        # gunicorn's workers outlive a killed master briefly; they exit when they notice.

    def start_varnish(self):
        vcl_dir = self.workdir / "varnish"
        vcl_dir.mkdir()
        vcl_dir.chmod(0o755)
        shutil.copy(PROJECT_DIR / "deploy" / "varnish" / "default.vcl", vcl_dir / "default.vcl")
        probe = (
            "probe healthz {\n"
            '  .request = "GET /healthz HTTP/1.1" "Host: localhost" "Connection: close";\n'
            "  .interval = 1s; .timeout = 2s; .window = 3; .threshold = 2;\n}\n"
        )
        backends = "".join(
            f'backend app{n} {{ .host = "127.0.0.1"; .port = "{port}"; .probe = healthz; }}\n'
            for n, port in enumerate(self.app_ports, start=1)
        )
        director = "".join(f"  app.add_backend(app{n});\n" for n in range(1, len(self.app_ports) + 1))
        (vcl_dir / "backends.vcl").write_text(
            probe + backends + "sub vcl_init {\n  new app = directors.round_robin();\n" + director + "}\n"
        )
        varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
        command = [varnishd, "-F", "-n", str(vcl_dir / "n"), "-a", f"127.0.0.1:{self.varnish_port}"]
        command += ["-f", str(vcl_dir / "default.vcl"), "-p", f"vcl_path={vcl_dir}", "-s", "malloc,256m"]
        self.spawn("varnish", command)

    # --- stop ---------------------------------------------------------------
    def stop(self):
        from tests.services import stop_postgres

        for name in reversed(list(self.processes)):
            process = self.processes[name]
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.s3 is not None:
            self.s3.stop()
        if self.pgdata is not None:
            stop_postgres(self.pgdata)
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()


def main() -> int:
    def interrupted(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        with Stack() as stack:
            print(
                f"\nThe toolkit, through Varnish, with {stack.app_servers} app servers and a task worker:\n"
                f"  {stack.url}/en/   (Hackney: http://hackney.localhost:{stack.varnish_port}/en/)\n"
                f"  admin: {stack.url}/admin/  username: admin  password: {stack.admin_password}\n"
                f"  health: {stack.url}/healthz   logs: {stack.workdir}/*.log\n"
                "Ctrl-C stops everything.",
                flush=True,
            )
            while all(process.poll() is None for process in stack.processes.values()):
                time.sleep(1)
            stopped = [name for name, process in stack.processes.items() if process.poll() is not None]
            print(f"stack: {', '.join(stopped)} stopped; stopping the rest (logs were in {stack.workdir})")
            return 1
    except KeyboardInterrupt:
        print("\nstack: stopped")
        return 0


if __name__ == "__main__":
    sys.exit(main())

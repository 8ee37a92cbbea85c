"""Settings: production refuses to start without its secrets and passes
`check --deploy`; dev needs no environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-key-for-the-deploy-check-0123456789",
    "DATABASE_URL": "sqlite:////tmp/cst-deploy-check.sqlite3",
    "ALLOWED_HOSTS": "toolkit.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args, env):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests only; deployments must not set it.
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_check_deploy_is_clean():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secrets():
    env = {"DJANGO_SETTINGS_MODULE": "cms.settings.production", "ALLOWED_HOSTS": "toolkit.example.org"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY, DATABASE_URL" in result.stderr


def test_bad_typed_variable_is_a_clear_error():
    result = manage("check", env={**PRODUCTION_ENV, "DOCUMENT_MAX_UPLOAD_MB": "lots"})
    assert result.returncode != 0
    assert "DOCUMENT_MAX_UPLOAD_MB must be a whole number" in result.stderr


def test_dev_settings_need_no_environment():
    result = manage("check", env={"DJANGO_SETTINGS_MODULE": "cms.settings.dev"})
    assert result.returncode == 0, result.stderr

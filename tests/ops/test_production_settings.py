"""Production's operations settings: a shared cache is required, proxies are opt-in."""

from tests.test_settings import PRODUCTION_ENV, manage


def test_production_refuses_to_start_without_a_shared_cache():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "REDIS_URL"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "Production settings need these environment variables: REDIS_URL" in result.stderr


def test_production_queues_tasks_for_the_worker_and_trusts_no_proxy_by_default():
    code = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'], settings.TRUSTED_PROXY_COUNT)"
    result = manage("shell", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["django_tasks_db.DatabaseBackend", "0"]


def test_a_bad_tasks_backend_is_a_clear_error():
    result = manage("check", env={**PRODUCTION_ENV, "TASKS_BACKEND": "celery"})
    assert result.returncode != 0
    assert "TASKS_BACKEND must be database or immediate" in result.stderr

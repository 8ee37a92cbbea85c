"""Production security settings (issue 14): the admin's base URL is required,
HSTS preload only when asked for, and `check --deploy` stays clean."""

from django.conf import settings

import pytest

from tests.test_settings import PRODUCTION_ENV, manage


def test_production_refuses_to_start_without_the_admin_base_url():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "WAGTAILADMIN_BASE_URL"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL" in result.stderr


@pytest.mark.parametrize(("preload", "expected"), [("", "False"), ("true", "True")])
def test_hsts_preload_follows_its_setting_and_the_deploy_check_stays_clean(preload, expected):
    env = {**PRODUCTION_ENV, "SECURE_HSTS_PRELOAD": preload}
    shown = manage("shell", "-c", "from django.conf import settings; print(settings.SECURE_HSTS_PRELOAD)", env=env)
    assert shown.stdout.strip().splitlines()[-1] == expected, shown.stderr
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_admin_avatars_make_no_third_party_requests():
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None

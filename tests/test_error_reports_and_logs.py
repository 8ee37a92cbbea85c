"""Errors and logs (issue 14): server errors are emailed to ADMINS, and
LOG_FORMAT=json writes security events as one JSON object a line."""

import json
import logging

from django.core import mail
from django.test import RequestFactory

from tests.test_settings import PRODUCTION_ENV, manage


def test_a_server_error_is_emailed_to_the_admins(settings):
    settings.ADMINS = [("ops", "ops@example.org")]
    request = RequestFactory().get("/en/broken/")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: /en/broken/", exc_info=True, extra={"status_code": 500, "request": request}
        )
    assert [message.to for message in mail.outbox] == [["ops@example.org"]]
    assert "RuntimeError" in mail.outbox[0].body


def test_admins_come_from_the_environment_and_logs_can_be_json():
    env = {**PRODUCTION_ENV, "ADMINS": "ops@example.org,security@example.org", "LOG_FORMAT": "json"}
    script = (
        "from django.conf import settings; print(settings.ADMINS); "
        "import logging; logging.getLogger('sites.security').warning("
        "'admin access refused', extra={'event': 'admin_access_refused', 'user': 'hackney-editor'})"
    )
    result = manage("shell", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    assert "('ops', 'ops@example.org'), ('security', 'security@example.org')" in result.stdout
    line = next(line for line in result.stderr.splitlines() if "admin access refused" in line)
    entry = json.loads(line)
    assert entry["event"] == "admin_access_refused"
    assert entry["user"] == "hackney-editor"
    assert entry["level"] == "WARNING" and entry["logger"] == "sites.security"


def test_an_unknown_log_format_is_a_clear_error():
    result = manage("check", env={**PRODUCTION_ENV, "LOG_FORMAT": "xml"})
    assert result.returncode != 0
    assert "LOG_FORMAT must be text or json" in result.stderr

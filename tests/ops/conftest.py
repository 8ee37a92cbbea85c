import pytest

from tests.audit.conftest import build_audit, clear_rate_limits  # noqa: F401 - autouse fixture shared with audit tests
from tests.conftest import build_toolkit
from tests.ops.fixtures import redis_cache, redis_server, run_worker, superuser, varnish  # noqa: F401 - fixtures


@pytest.fixture
def toolkit(db):
    """Built per test here, not shared by the module: the worker process,
    Varnish's live server and a restore need committed data, which the shared
    module data (one rolled-back transaction per module) cannot give."""
    return build_toolkit()


@pytest.fixture
def audit(toolkit):
    return build_audit(toolkit)

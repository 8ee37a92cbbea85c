from tests.audit.conftest import audit, clear_rate_limits  # noqa: F401 - fixtures shared with the audit tests
from tests.ops.fixtures import redis_cache, redis_server, run_worker, superuser, varnish  # noqa: F401 - fixtures

"""Benchmarks, printed as figures with PASS/FAIL targets (never timed tests).

    python -m bench                      # every suite
    python -m bench --quick              # smaller sizes (smoke run)
    python -m bench --suite localities   # one suite (repeatable)

Suites (listed in ``bench.__main__.SUITES``):
- localities: provisioning, national publishing and locality page rendering
  as the number of localities grows (N = 10, 50, 200; --sizes to change).
- further suites are modules of this package with ``run(log, quick) -> bool``.

Runs against a database it creates itself (a fresh PostgreSQL database on the
server DATABASE_URL points at, or a temporary SQLite file without it) and
removes it at the end. Uses the ``cms.settings.test`` settings.
"""

"""Scaling benchmark for localities: provisioning, national publishing and
locality page rendering as the number of localities grows.

    python -m bench            # N = 10, 50, 200 localities
    python -m bench --quick    # N = 2, 5 (smoke run)

Runs against a database it creates itself (a fresh PostgreSQL database on the
server DATABASE_URL points at, or a temporary SQLite file without it) and
removes it at the end. Uses the ``cms.settings.test`` settings.
"""

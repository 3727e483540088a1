# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Helpers for tests that need PostgreSQL (concurrency, row locks)."""

import pytest
from django.db import connection

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: run with AMUR_DATABASE_URL"
)

# Browser tests drive the live server, whose request threads keep PostgreSQL sessions that
# block dropping the test database at the end of the run; they run on SQLite, where the
# live server shares the test's connection. What they test (pages, forms, languages) does
# not depend on the database engine.
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="browser tests run on SQLite (see tests/pg.py)"
)


def race(worker, count: int) -> list:
    """Run ``worker(n)`` in ``count`` threads released together; return what each returned
    or raised. Each thread closes its own database connection."""
    import threading

    barrier = threading.Barrier(count)
    outcomes: list = []

    def run(n):
        try:
            barrier.wait()
            outcomes.append(worker(n))
        except Exception as exc:  # collected: the tests assert on them
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes

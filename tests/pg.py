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

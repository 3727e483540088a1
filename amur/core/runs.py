# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""One run at a time of a scheduled job, across every machine that shares the database."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def one_at_a_time(name: str) -> Iterator[None]:
    """Run the block in one process at a time: on PostgreSQL a session advisory lock keyed
    by ``name`` (a second run, on this machine or another, waits for the first to finish
    and then finds its work done); SQLite is one machine and serialises its writers."""
    if connection.vendor != "postgresql":
        yield
        return
    key = zlib.crc32(f"amur:{name}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Data versions: one counter per app, raised by every write to the app's tables.

Cached pages and aggregates carry the versions of the apps they show in their cache keys,
so a change makes the next reader compute them afresh instead of waiting for an expiry.
Writes are seen where they reach the database (a wrapper around every query), not by
model signals: queryset updates, bulk inserts and many-to-many changes count as well.

Two counters make one version. The process's own is raised at once, so the process that
wrote never serves what it cached before its write (tests run inside one transaction).
The database's is raised when the transaction commits, so every other process sees the
change, and only then: raised earlier, another process could cache the old data under the
new number.
"""

from __future__ import annotations

import logging
import re
import threading

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+["`]?(\w+)', re.IGNORECASE)
# Tables whose writes change nothing a reader sees: the counters themselves, the audit
# trail (written next to the change it records, which counts already), the outgoing mail
# queue and the rate limits.
UNCOUNTED = {"core_dataversion", "core_auditentry", "core_outgoingmail", "core_throttlehit"}

_local: dict[str, int] = {}
_writes = 0
_local_lock = threading.Lock()
_tables: dict[str, str] = {}


def _app_of(table: str) -> str | None:
    if not _tables:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.app_config.name.startswith("amur."):
                _tables[model._meta.db_table] = model._meta.app_label
    return _tables.get(table)


class _Bump:
    """One callback per transaction, raising each written app's counter once at commit."""

    def __init__(self, using: str):
        self.using = using
        self.apps: set[str] = set()

    def __call__(self) -> None:
        bump_committed(self.apps, using=self.using)


# One statement, no transaction of its own: it may run while the write that caused it
# still has its cursor open (SQLite refuses a commit then).
_RAISE = (
    "INSERT INTO core_dataversion (app, version) VALUES (%s, 1) "
    "ON CONFLICT (app) DO UPDATE SET version = core_dataversion.version + 1"
)


def bump_committed(app_labels, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise the database's counters of ``app_labels``: seen by every process."""
    try:
        with connections[using].cursor() as cursor:
            for app in sorted(app_labels):
                cursor.execute(_RAISE, [app])
    except DatabaseError:
        # Before the migration that makes the table, nothing is cached by version yet.
        logger.warning("data versions of %s not raised", app_labels, exc_info=True)


def written(app: str, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Count a write to ``app``'s tables on connection ``using``."""
    global _writes
    with _local_lock:
        _local[app] = _local.get(app, 0) + 1
        _writes += 1
    connection = connections[using]
    if not connection.in_atomic_block:
        bump_committed({app}, using=using)
        return
    # Django replaces the list of commit callbacks when it runs them or rolls back a
    # savepoint, and only appends otherwise: while the list is the one this connection's
    # callback went into, the callback is still there (and a second one does no harm).
    pending = getattr(connection, "_amur_bump", None)
    if pending is not None and pending[0] is connection.run_on_commit:
        pending[1].apps.add(app)
        return
    bump = _Bump(using)
    bump.apps.add(app)
    connection.on_commit(bump, robust=True)
    connection._amur_bump = (connection.run_on_commit, bump)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    match = _WRITE.match(sql) if isinstance(sql, str) else None
    if match and match.group(1).lower() not in UNCOUNTED:
        app = _app_of(match.group(1).lower())
        if app is not None:
            written(app, using=context["connection"].alias)
    return result


def watch_connection(sender, connection, **kwargs) -> None:
    """connection_created: count the writes made through every new connection."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def writes_seen() -> int:
    """How many writes this process has counted: a page rendered while the number moved
    may show what is not committed yet, and is not kept."""
    return _writes


def versions(app_labels) -> str:
    """The versions of ``app_labels`` as one string for a cache key (one query)."""
    from amur.core.models import DataVersion

    labels = sorted(set(app_labels))
    stored = dict(DataVersion.objects.filter(app__in=labels).values_list("app", "version"))
    return ".".join(f"{stored.get(app, 0)}-{_local.get(app, 0)}" for app in labels)


def remembered(name: str, app_labels, compute, seconds: int = 3600):
    """``compute()``, kept in the cache under ``name`` while the data of ``app_labels`` is
    unchanged (their versions are in the key): for counts that many pages read and few
    writes change. A result computed while this process wrote is not kept (it may show
    what is not committed yet)."""
    from django.core.cache import cache

    key = f"{name}:{versions(app_labels)}"
    value = cache.get(key)
    if value is None:
        writes = writes_seen()
        value = compute()
        if writes_seen() == writes:
            cache.set(key, value, seconds)
    return value

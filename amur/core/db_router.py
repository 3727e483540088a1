# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of public pages from a PostgreSQL streaming replica (AMUR_DATABASE_REPLICA_URL).

A replica is a little behind its primary, so only reads that may be a moment old go there.
The rule, decided per request by ``ReplicaReadsMiddleware`` and per query by
``PrimaryReplicaRouter``:

- Everything is read from the primary unless a request allowed the replica: management
  commands, the task worker (``amur db_worker``, which loads what a request has just
  committed) and the shell never read from it.
- A request may read from the replica when it is a GET or HEAD, carries no
  ``Authorization`` header (API clients with a token seldom keep cookies, so they could not
  be pinned, below) and its client has not written in the last ``PIN_SECONDS``.
- Every write goes to the primary, and so does every read after the request's first write,
  every read inside a transaction (``transaction.atomic``: a service's checks and the locks
  it takes) and every ``select_for_update``.
- A request that wrote, or that was a POST, PUT, PATCH or DELETE, pins its client to the
  primary for ``PIN_SECONDS`` with a cookie, whichever app server answers next: what someone
  has just changed is what they look at next (the page a form redirects to), and the replica
  may not have it yet.
- Migrations run on the primary only; the replica receives them by replication.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
PIN_COOKIE = "amur_primary"
# Far longer than a healthy streaming replica lags (milliseconds on one network), short
# enough that a visitor who wrote once soon reads from the replica again.
PIN_SECONDS = 10
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass
class _Reads:
    replica: bool = False
    wrote: bool = False


# None outside a request that allowed the replica: read from the primary.
_reads: ContextVar[_Reads | None] = ContextVar("amur_reads", default=None)


@contextmanager
def replica_reads(allowed: bool = True):
    """Let the reads in the block go to the replica (when ``allowed``) until the block's
    first write; yields the block's state, whose ``.wrote`` says whether it wrote."""
    state = _Reads(replica=allowed)
    token = _reads.set(state)
    try:
        yield state
    finally:
        _reads.reset(token)


class PrimaryReplicaRouter:
    """Registered in DATABASE_ROUTERS only when AMUR_DATABASE_REPLICA_URL is set."""

    def db_for_read(self, model, **hints):
        state = _reads.get()
        if state is None or not state.replica or state.wrote:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        state = _reads.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: an object read from the replica may be linked
        # to one read from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def pinned(request) -> bool:
    """Has this client written in the last PIN_SECONDS (its pin cookie has not expired)?"""
    try:
        until = int(request.COOKIES.get(PIN_COOKIE, "0"))
    except ValueError:
        return False
    return until > time.time()


class ReplicaReadsMiddleware:
    """Lets safe requests read from the replica and pins writing clients to the primary.

    Placed before the session middleware, so that saving a session counts as a write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in SAFE_METHODS
        allowed = safe and "authorization" not in request.headers and not pinned(request)
        with replica_reads(allowed) as state:
            response = self.get_response(request)
        wrote = state.wrote or not safe
        if wrote:
            response.set_cookie(
                PIN_COOKIE,
                str(int(time.time()) + PIN_SECONDS),
                max_age=PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The audit trail: one function that services call inside their transaction.

Each row says who, when, what changed and from which network address: the address of the
request being served (``AuditAddressMiddleware`` keeps it for the request's duration, so
services need not pass it), none for background tasks and commands.  Rows are never
changed through the application: staff read and export them (``/audit/``, the admin's
read-only list).
"""

from __future__ import annotations

import ipaddress
import json
from contextvars import ContextVar
from typing import Any

from django.db import models

from amur.core.clients import client_address
from amur.core.models import AuditEntry

CURRENT_ADDRESS: ContextVar[str | None] = ContextVar("audit_address", default=None)
CURRENT_USER: ContextVar[Any] = ContextVar("audit_user", default=None)


def current_user():
    """The signed-in user of the request being served, for services that know only the
    organisation acting (inter-library loans); None outside a request or when anonymous."""
    user = CURRENT_USER.get()
    return user if getattr(user, "is_authenticated", False) else None


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


class AuditAddressMiddleware:
    """Keep the request's client address (and user) for the audit rows written while
    serving it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = CURRENT_ADDRESS.set(_valid(client_address(request)))
        user_token = CURRENT_USER.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            CURRENT_USER.reset(user_token)
            CURRENT_ADDRESS.reset(token)


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    old: dict | None = None,
    new: dict | None = None,
    reason: str = "",
    organisation_id: int | None = None,
) -> AuditEntry:
    """Append one audit row for ``obj``; call it inside the service's transaction."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        organisation_id=organisation_id,
        old=old,
        new=new,
        reason=reason,
        address=CURRENT_ADDRESS.get(),
    )


def audit_trail(obj: models.Model):
    """The audit rows of ``obj``, newest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


def audit_entries(
    *, action: str = "", object_type: str = "", actor: str = "", since=None, until=None
):
    """Audit rows for the staff's list and export, newest first: ``action`` and
    ``object_type`` match from their start (``membership.`` gives every membership
    decision), ``actor`` is a username, ``since`` and ``until`` dates (inclusive)."""
    entries = AuditEntry.objects.select_related("actor")
    if action:
        entries = entries.filter(action__startswith=action.strip())
    if object_type:
        entries = entries.filter(object_type__startswith=object_type.strip().lower())
    if actor:
        entries = entries.filter(actor__username=actor.strip())
    if since:
        entries = entries.filter(at__date__gte=since)
    if until:
        entries = entries.filter(at__date__lte=until)
    return entries


AUDIT_COLUMNS = (
    "at",
    "actor",
    "address",
    "action",
    "object_type",
    "object_id",
    "organisation_id",
    "old",
    "new",
    "reason",
)


def audit_rows(entries):
    """The rows of an export, one per entry, in ``AUDIT_COLUMNS`` order."""
    for e in entries.iterator(chunk_size=2000):
        yield [
            e.at.isoformat(),
            e.actor.username if e.actor else "",
            e.address or "",
            e.action,
            e.object_type,
            e.object_id,
            e.organisation_id or "",
            json.dumps(e.old, ensure_ascii=False) if e.old is not None else "",
            json.dumps(e.new, ensure_ascii=False) if e.new is not None else "",
            e.reason,
        ]

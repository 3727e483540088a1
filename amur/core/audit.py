# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The audit trail: one function that services call inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from amur.core.models import AuditEntry


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
    )


def audit_trail(obj: models.Model):
    """The audit rows of ``obj``, newest first."""
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")

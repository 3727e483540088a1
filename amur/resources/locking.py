# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lock order of the resources app: which row each write holds, and in which order.

A resource is the parent of its sharing and of the translations proposed for it: two
organisations proposing a translation into the same language at once queue on the
resource, so the second is told that one is under way (the partial unique constraint
``one_open_proposal_per_language`` stays as the last guard).  A language version is the
parent of its numbered revisions.

=========================================================  ==============================
write                                                      holds, in this order
=========================================================  ==============================
publish or share a resource; propose a translation         the resource
add a revision                                             the version
=========================================================  ==============================

Only the named row is locked, never rows read with it (see amur/events/locking.py).
Call these inside ``transaction.atomic``; the locks last until it ends.
"""

from __future__ import annotations

from amur.resources.models import Resource, ResourceVersion


def resource_locked(resource_id: int) -> Resource:
    return Resource.objects.select_for_update().get(pk=resource_id)


def version_locked(version_id: int) -> ResourceVersion:
    return ResourceVersion.objects.select_for_update().get(pk=version_id)

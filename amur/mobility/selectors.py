# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reusable reads of the mobility app: what a user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from amur.core.permissions import MEMBER, organisations_where
from amur.mobility.models import Mobility


def mobilities_visible_to(user) -> QuerySet[Mobility]:
    """Staff see all stays; a student their own; an office the stays it sends or receives."""
    qs = Mobility.objects.select_related("person", "sending", "receiving")
    if getattr(user, "is_staff", False):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    mine = organisations_where(user, MEMBER)
    return qs.filter(Q(person__user=user) | Q(sending_id__in=mine) | Q(receiving_id__in=mine))


def mobility_get_for(user, *, pk: int) -> Mobility:
    """One stay the user may see; any other is a 404, so its existence stays hidden."""
    return get_object_or_404(mobilities_visible_to(user), pk=pk)

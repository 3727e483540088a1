# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of competitions scoped to the reader: applications are seen by the applicant and
by the organiser's office only; anything else is not found."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from amur.competitions.models import Contestant, Document
from amur.core.permissions import EDITOR, organisations_where


def applications_visible_to(user) -> QuerySet[Contestant]:
    """Applications the user may read: their own, and all of competitions their office runs."""
    qs = Contestant.objects.select_related("discipline__edition__competition")
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if user.is_staff:
        return qs
    return qs.filter(
        Q(user=user)
        | Q(discipline__edition__competition__organiser_id__in=organisations_where(user, EDITOR))
    )


def application_get_for(user, *, pk: int) -> Contestant:
    try:
        return applications_visible_to(user).get(pk=pk)
    except Contestant.DoesNotExist:
        raise Http404 from None


def document_get_for(user, *, pk: int) -> Document:
    """A document of an application the user may read (the applicant, the office)."""
    try:
        return Document.objects.select_related("contestant").get(
            pk=pk, contestant__in=applications_visible_to(user)
        )
    except Document.DoesNotExist:
        raise Http404 from None

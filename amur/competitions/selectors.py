# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reads of competitions scoped to the reader: applications are seen by the applicant and
by the organiser's office only; anything else is not found."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from amur.competitions.enums import RoundStatus
from amur.competitions.models import (
    Contestant,
    Discipline,
    Document,
    Edition,
    PrizeAllocation,
    Round,
)
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


# Editions, disciplines and rounds ------------------------------------------------------
# A round is addressed for one of four purposes, each with its own audience; the page and
# the API ask the same selector, and anyone outside the audience gets 404.

PUBLIC_ROUND_STATUSES = (RoundStatus.CLOSED, RoundStatus.CONFIRMED)


def edition_get_for(user, *, pk: int) -> Edition:
    """An edition (editions are public) with its competition; 404 if there is none."""
    edition = Edition.objects.select_related("competition").filter(pk=pk).first()
    if edition is None:
        raise Http404
    return edition


def discipline_get_for(user, *, pk: int) -> Discipline:
    """A discipline (public, like its edition); 404 if there is none."""
    discipline = Discipline.objects.select_related("edition__competition").filter(pk=pk).first()
    if discipline is None:
        raise Http404
    return discipline


def _round(pk: int) -> Round | None:
    return Round.objects.select_related("discipline__edition__competition").filter(pk=pk).first()


def round_get_for(user, *, pk: int) -> Round:
    """A round for its office: the caller then asks ``manage_competition``; 404 only when
    there is no such round."""
    round_ = _round(pk)
    if round_ is None:
        raise Http404
    return round_


def repertoire_round_get_for(user, *, contestant: Contestant, pk: int) -> Round:
    """A round of the discipline ``contestant`` (found by ``application_get_for``) applied
    to, whose programme is set per round; 404 for a round of any other discipline."""
    round_ = Round.objects.filter(pk=pk, discipline_id=contestant.discipline_id).first()
    if round_ is None:
        raise Http404
    return round_


def jury_contestant_get_for(user, *, round_: Round, pk: int) -> Contestant:
    """A contestant of the discipline of ``round_`` (found by ``jury_round_get_for``, so
    for its jurors only), to be scored; 404 for one of any other discipline."""
    contestant = Contestant.objects.filter(pk=pk, discipline_id=round_.discipline_id).first()
    if contestant is None:
        raise Http404
    return contestant


def results_round_get_for(user, *, pk: int) -> Round:
    """A round whose results are public (closed or confirmed); 404 before that."""
    round_ = _round(pk)
    if round_ is None or round_.status not in PUBLIC_ROUND_STATUSES:
        raise Http404
    return round_


def jury_round_get_for(user, *, pk: int) -> Round:
    """A round for one of its edition's jurors (``competitions.sit_on_jury``); 404 for
    anyone else."""
    round_ = _round(pk)
    if round_ is None or not user.has_perm("competitions.sit_on_jury", round_):
        raise Http404
    return round_


def prize_round_get_for(user, *, pk: int) -> Round:
    """A round's prizes, for its jury and the organiser's office
    (``competitions.view_prizes``); 404 for anyone else."""
    round_ = _round(pk)
    if round_ is None or not user.has_perm("competitions.view_prizes", round_):
        raise Http404
    return round_


def integrity_round_get_for(user, *, pk: int) -> Round:
    """A round's integrity analysis (``competitions.view_integrity``: the chair and the
    office, everyone once published); 404 for anyone else."""
    round_ = _round(pk)
    if round_ is None or not user.has_perm("competitions.view_integrity", round_):
        raise Http404
    return round_


def prize_allocation_get_for(user, *, pk: int) -> PrizeAllocation:
    """A proposed allocation of prizes, seen by whoever sees its round's prizes."""
    allocation = PrizeAllocation.objects.select_related("round").filter(pk=pk).first()
    if allocation is None:
        raise Http404
    prize_round_get_for(user, pk=allocation.round_id)
    return allocation

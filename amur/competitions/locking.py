# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lock order of the competitions app: which row each write holds, and in which order.

A round is the parent of everything scored, submitted, reopened or decided in it.  Every
write that must not interleave with the opening, closing or confirming of a round locks
the round's row first and only then the juror's sheet, so a score, a submitted sheet or a
reopened one is either entirely before the close (and counted, or the close refused) or
entirely after it (and refused):

=========================================================  ==============================
write                                                      holds, in this order
=========================================================  ==============================
enter a score; submit a sheet; reopen a sheet              the round, then the sheet
open; close; confirm; reveal names; publish integrity      the round
put prizes to the vote                                     the round
vote on prizes; end the prize vote                         the allocation
apply                                                      the discipline
move an application; set its programme or documents        the contestant
=========================================================  ==============================

Only the named row is locked (``of=("self",)``), never the rows read with it: locking a
joined parent as well is how the events app once deadlocked (see amur/events/locking.py).
Call these inside ``transaction.atomic``; the locks last until it ends.
"""

from __future__ import annotations

from amur.competitions.models import Contestant, Discipline, Juror, PrizeAllocation, Round, Sheet


def round_locked(round_id: int) -> Round:
    """The round, locked (its discipline and edition are read with it, not locked)."""
    return (
        Round.objects.select_for_update(of=("self",))
        .select_related("discipline__edition")
        .get(pk=round_id)
    )


def sheet_locked(round_: Round, juror: Juror) -> Sheet:
    """A juror's sheet of ``round_`` (created if need be), locked; hold the round first."""
    sheet, _created = Sheet.objects.select_for_update().get_or_create(round=round_, juror=juror)
    return sheet


def allocation_locked(allocation_id: int) -> PrizeAllocation:
    """A prize allocation, locked (its round, discipline and edition read, not locked)."""
    return (
        PrizeAllocation.objects.select_for_update(of=("self",))
        .select_related("round__discipline__edition")
        .get(pk=allocation_id)
    )


def discipline_locked(discipline_id: int) -> Discipline:
    return (
        Discipline.objects.select_for_update(of=("self",))
        .select_related("edition")
        .get(pk=discipline_id)
    )


def contestant_locked(contestant_id: int) -> Contestant:
    return (
        Contestant.objects.select_for_update(of=("self",))
        .select_related("discipline__edition")
        .get(pk=contestant_id)
    )

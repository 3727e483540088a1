# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lock order of the alliances app: which row each write holds, and in which order.

A vote is the parent of everything cast, counted or decided in it.  Every write that must
not interleave with the closing of a vote locks the vote's row first, so a ballot, a tally
or a confirmation is either entirely before the close (and counted) or entirely after it
(and refused):

================================================  ==========================================
write                                             holds, in this order
================================================  ==========================================
add a candidate; set tellers; open                the vote
cast a ballot                                     the vote (then the voter's participation
                                                  and the sealed ballot, written together)
enter a tally; confirm a tally                    the vote (a confirmation re-reads the
                                                  tally under it: a corrected tally is gone)
close                                             the vote, then the membership it admits
                                                  (``membership_transition``) or the
                                                  position it fills
move a membership                                 the membership
assign a mandate                                  the position
mark dues                                         the dues row
================================================  ==========================================

Only the named row is locked (``of=("self",)``), never the rows read with it: locking a
joined parent as well is how the events app once deadlocked (see amur/events/locking.py).
Call these inside ``transaction.atomic``; the locks last until it ends.
"""

from __future__ import annotations

from amur.alliances.models import Dues, Membership, Position, Vote


def vote_locked(vote_id: int) -> Vote:
    return Vote.objects.select_for_update().get(pk=vote_id)


def membership_locked(membership_id: int) -> Membership:
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("alliance")
        .get(pk=membership_id)
    )


def position_locked(position_id: int) -> Position:
    return Position.objects.select_for_update().get(pk=position_id)


def dues_locked(dues_id: int) -> Dues:
    return Dues.objects.select_for_update().get(pk=dues_id)

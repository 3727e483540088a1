# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lock order of the talent app: which row each write holds, and in which order.

A need is the parent of its shortlist: every write that adds a candidate, moves one along
the pipeline (contracting one counts against the need's headcount) or closes the need
locks the need's row first and only then the candidate, so two contractings never both
fill the last place and nobody is shortlisted for a need closed meanwhile.  A task is its
own parent (offer, accept, decline, deliver, cancel, review); a profile's row stands for
its person's load of tasks and for a merge.

=========================================================  ==============================
write                                                      holds, in this order
=========================================================  ==============================
shortlist a candidate; close a need                        the need
move a candidate along the pipeline                        the need, then the candidate
offer a task                                               the task, then the profile
accept, decline, deliver, cancel, review a task            the task
merge two profiles                                         both profiles, by id
=========================================================  ==============================

Only the named row is locked (``of=("self",)``), never the rows read with it: locking a
joined parent as well is how the events app once deadlocked (see amur/events/locking.py).
Call these inside ``transaction.atomic``; the locks last until it ends.
"""

from __future__ import annotations

from amur.talent.models import Candidate, Need


def need_locked(need_id: int) -> Need:
    """The need, locked: the parent row of its shortlist and headcount."""
    return (
        Need.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=need_id)
    )


def candidate_locked(candidate: Candidate) -> Candidate:
    """The candidate's need, then the candidate, both locked (in that order);
    ``candidate.need`` is the locked need."""
    need = need_locked(candidate.need_id)
    locked = (
        Candidate.objects.select_for_update(of=("self",))
        .select_related("profile__person")
        .get(pk=candidate.pk)
    )
    locked.need = need
    return locked

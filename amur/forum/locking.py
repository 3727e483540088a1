# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lock order of the forum: which row each write holds, and in which order.

A track is the parent of its review assignments: the reviewers' caps are counted over the
track's assignments, so every write that adds or removes one (the automatic assignment of
the whole track, the chair's assignment or removal by hand) locks the track's row first;
two of them queue, and a reviewer is never assigned beyond the cap by two at once.  A
submission is its own parent (submit, withdraw, decide, sign off).

=========================================================  ==============================
write                                                      holds, in this order
=========================================================  ==============================
assign a track; assign or remove a reviewer by hand        the track
submit, withdraw, propose or sign off a decision           the submission
=========================================================  ==============================

Only the named row is locked, never rows read with it (see amur/events/locking.py).
Call these inside ``transaction.atomic``; the locks last until it ends.
"""

from __future__ import annotations

from amur.forum.models import Track


def track_locked(track_id: int) -> Track:
    """The track, locked: the parent row of its review assignments."""
    return Track.objects.select_for_update().get(pk=track_id)

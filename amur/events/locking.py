# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lock order of the events app: which row each write holds, and in which order.

A participation mode is the parent of its seats.  Every write that changes who holds a
seat of a mode, or how many seats the mode has, locks the mode's row first and only then
the registration it changes, so that any two such writes queue one behind the other
(neither oversells, neither reads a count the other is changing) and never deadlock:

=========================================================  ==============================
write                                                      holds, in this order
=========================================================  ==============================
register; confirm an address; cancel; move to another      the mode, then the registration
mode; release expired holds; promote from the waiting list
change a mode's capacity (``event_save_with_modes``)        each mode of the event, by id
approve; check in                                          the registration (the seat is
                                                           already held: no count moves)
take a seat in a session                                   the session
=========================================================  ==============================

Call these inside ``transaction.atomic``; the locks last until it ends.
"""

from __future__ import annotations

from amur.events.models import ParticipationMode, Registration, Session


def mode_locked(mode_id: int) -> ParticipationMode:
    """The mode, locked: the parent row of every seat count and capacity write.

    Only the mode's row: its event is read with it but not locked (``of=("self",)``).  A
    lock on the event too made registrations deadlock with an organiser saving the event:
    the save holds the event and waits for the mode, while a registrant holds the mode and
    its new row's reference to the event waits for the save."""
    return (
        ParticipationMode.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=mode_id)
    )


def registration_locked(registration: Registration) -> tuple[ParticipationMode, Registration]:
    """The registration's mode, then the registration, both locked (in that order)."""
    mode = mode_locked(registration.mode_id)
    return mode, Registration.objects.select_for_update().get(pk=registration.pk)


def registration_only_locked(registration: Registration) -> Registration:
    """The registration alone, for writes that move no seat (approve, check in)."""
    return Registration.objects.select_for_update().get(pk=registration.pk)


def event_mode_locked(event, attendance: str) -> ParticipationMode | None:
    """An event's mode of one attendance, locked, or None when the event does not offer it."""
    return (
        ParticipationMode.objects.select_for_update()
        .filter(event=event, attendance=attendance)
        .first()
    )


def session_locked(session: Session) -> Session:
    """The session, locked: the parent row of its seats."""
    return Session.objects.select_for_update().get(pk=session.pk)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lock order of the mobility app: which row each write holds, and in which order.

A call is the parent of its applications and of its seats: every write that moves a seat
(a nomination, a nominee rejected or withdrawn), changes how many seats there are or when
the call closes, or ranks its applications locks the call's row first and only then the
applications it changes, so a nomination and a change of the seats queue one behind the
other (neither reads a count the other is changing) and never deadlock.  A stay is the
parent of its learning-agreement versions, its transcript and its recognition.

=========================================================  ==============================
write                                                      holds, in this order
=========================================================  ==============================
apply (submit); any step of an application; enter scores   the call, then the application
rank a call's applications                                 the call, then its applications
change a call (seats, deadline, fields)                    the call
change an agreement                                        the agreement
propose a learning agreement; issue a transcript;          the stay
decide recognition
sign, approve or reject a learning-agreement version       the stay, then the version
=========================================================  ==============================

Only the named row is locked (``of=("self",)``), never the rows read with it: locking a
joined parent as well is how the events app once deadlocked (see amur/events/locking.py).
Call these inside ``transaction.atomic``; the locks last until it ends.
"""

from __future__ import annotations

from amur.mobility.models import Agreement, Application, Call, LearningAgreementVersion, Mobility


def call_locked(call_id: int) -> Call:
    """The call, locked: the parent row of its applications and seats (its agreement and
    offices are read with it, not locked)."""
    return (
        Call.objects.select_for_update(of=("self",))
        .select_related("agreement", "sending", "host")
        .get(pk=call_id)
    )


def application_locked(application: Application) -> tuple[Call, Application]:
    """The application's call, then the application, both locked (in that order);
    ``application.call`` is the locked call."""
    call = call_locked(application.call_id)
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    locked.call = call
    return call, locked


def call_applications_locked(call: Call, statuses) -> tuple[Call, list[Application]]:
    """The call, then its applications in ``statuses``, locked (in that order)."""
    call = call_locked(call.pk)
    applications = list(
        Application.objects.select_for_update(of=("self",))
        .filter(call=call, status__in=statuses)
        .order_by("pk")
    )
    for application in applications:
        application.call = call
    return call, applications


def agreement_locked(agreement_id: int) -> Agreement:
    return (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("owner")
        .get(pk=agreement_id)
    )


def mobility_locked(mobility_id: int) -> Mobility:
    """The stay, locked (its person is read with it, not locked)."""
    return (
        Mobility.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=mobility_id)
    )


def la_version_locked(version: LearningAgreementVersion) -> LearningAgreementVersion:
    """The version's stay, then the version, both locked (in that order);
    ``version.mobility`` is the locked stay."""
    mobility = mobility_locked(version.mobility_id)
    locked = LearningAgreementVersion.objects.select_for_update(of=("self",)).get(pk=version.pk)
    locked.mobility = mobility
    return locked

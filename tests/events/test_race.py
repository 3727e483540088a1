# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Concurrent registrations on PostgreSQL never exceed a capacity."""

import threading

import pytest
from django.db import transaction

from amur.events import services
from amur.events.models import ParticipationMode, Registration
from tests.factories.events import ModeFactory
from tests.pg import postgres_only
from tests.pg import race as pg_race

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]
RACERS = 50


def race(worker, count=RACERS):
    """Exceptions raised by the racers (none expected)."""
    return [o for o in pg_race(worker, count) if isinstance(o, Exception)]


def test_fifty_racers_for_the_last_ten_seats_leave_exactly_ten_confirmed():
    mode = ModeFactory(capacity=12)
    for n in range(2):
        services.registration_create(
            mode=mode, name=f"early {n}", email=f"early{n}@x.org", send_mail=False
        )

    errors = race(
        lambda n: services.registration_create(
            mode=mode, name=f"racer {n}", email=f"racer{n}@x.org", send_mail=False
        )
    )

    racers = Registration.objects.filter(mode=mode, email__startswith="racer")
    assert errors == []
    assert racers.filter(status="confirmed").count() == 10
    assert racers.filter(status="waitlisted").count() == RACERS - 10
    mode.refresh_from_db()
    assert mode.seats_taken == 12


def test_concurrent_cancellations_promote_each_waitlisted_exactly_once():
    mode = ModeFactory(capacity=5)
    holders = [
        services.registration_create(mode=mode, name=f"h{n}", email=f"h{n}@x.org", send_mail=False)
        for n in range(5)
    ]
    for n in range(3):
        services.registration_create(mode=mode, name=f"w{n}", email=f"w{n}@x.org", send_mail=False)

    errors = race(lambda n: services.registration_cancel(registration=holders[n % 5]), count=10)

    assert errors == []
    assert Registration.objects.filter(mode=mode, status="confirmed").count() == 3
    assert Registration.objects.filter(mode=mode, status="waitlisted").count() == 0
    mode.refresh_from_db()
    assert mode.seats_taken == 3


def test_negative_control_check_then_insert_without_a_lock_overbooks():
    """The same race against a naive check-then-insert shows that the harness can catch it."""
    mode = ModeFactory(capacity=10)
    checked = threading.Barrier(RACERS)

    def naive(n):
        with transaction.atomic():
            taken = Registration.objects.filter(mode=mode, status="confirmed").count()
            checked.wait()  # everybody has looked before anybody writes
            status = "confirmed" if taken < mode.capacity else "waitlisted"
            Registration.objects.create(
                event=mode.event, mode=mode, name=f"n{n}", email=f"n{n}@x.org", status=status
            )

    errors = race(naive)

    assert errors == []
    assert Registration.objects.filter(mode=mode, status="confirmed").count() > 10
    assert ParticipationMode.objects.get(pk=mode.pk).capacity == 10

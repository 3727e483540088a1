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


def _lower(mode, capacity):
    return services.event_save_with_modes(
        event=mode.event, host=None, in_person=capacity, online=None, offer_online=False
    )


def test_lowering_the_capacity_while_people_register_never_oversells():
    """A capacity change and registrations hold the same mode lock (amur/events/locking.py):
    the change sees every seat taken before it, and no registration sees the old capacity
    after it, so the count never exceeds the capacity and the change is refused only when
    more seats were already taken."""
    mode = ModeFactory(capacity=40)

    def worker(n):
        if n == RACERS // 2:
            try:
                return _lower(mode, 20)
            except services.EventsError as exc:
                return str(exc)
        return services.registration_create(
            mode=mode, name=f"racer {n}", email=f"racer{n}@x.org", send_mail=False
        )

    errors = race(worker)

    assert errors == []
    mode.refresh_from_db()
    confirmed = Registration.objects.filter(mode=mode, status="confirmed").count()
    assert confirmed == mode.seats_taken
    assert mode.capacity in (20, 40)
    assert confirmed <= mode.capacity
    if mode.capacity == 20:
        assert confirmed == 20  # lowered first: exactly the new capacity was given out
    assert Registration.objects.filter(mode=mode).count() == RACERS - 1


def test_negative_control_a_capacity_change_from_a_stale_count_is_refused_by_the_database():
    """The same pair without the mode lock: the change reads the count, the registrations
    move on, the change writes a capacity below the seats now taken. Only the database's
    check constraint stops it, as an error rather than a clear refusal."""
    mode = ModeFactory(capacity=40)
    looked = threading.Barrier(2)

    def naive_lower():
        with transaction.atomic():
            taken = ParticipationMode.objects.get(pk=mode.pk).seats_taken
            looked.wait()
            looked.wait()  # the registrations have committed
            if taken <= 20:
                ParticipationMode.objects.filter(pk=mode.pk).update(capacity=20)

    def fill():
        looked.wait()
        for n in range(25):
            services.registration_create(
                mode=mode, name=f"f{n}", email=f"f{n}@x.org", send_mail=False
            )
        looked.wait()

    outcomes = pg_race(lambda n: naive_lower() if n == 0 else fill(), 2)

    failures = [o for o in outcomes if isinstance(o, Exception)]
    assert len(failures) == 1
    assert "mode_never_over_capacity" in str(failures[0])

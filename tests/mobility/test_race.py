# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import threading

import pytest
from django.db import transaction

from amur.mobility import services
from amur.mobility.models import Application, Call
from amur.mobility.services.agreements import CALL_FIELDS
from tests.factories.directory import UserFactory, give_role
from tests.factories.mobility import ApplicationFactory, CallFactory
from tests.pg import postgres_only
from tests.pg import race as pg_race

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]
N = 12


def race(worker):
    return pg_race(worker, N)


def test_concurrent_nominations_never_exceed_the_seats():
    call = CallFactory(seats=3)
    office = UserFactory()
    give_role(office, call.sending, "editor")
    applications = [ApplicationFactory(call=call, status="ranked") for _ in range(N)]

    race(
        lambda n: services.application_transition(
            application=applications[n], to="nominated", by=office
        )
    )

    assert Application.objects.filter(call=call, status="nominated").count() == 3
    call.refresh_from_db()
    assert call.nominated == 3


def test_negative_control_unlocked_count_then_update_over_nominates():
    call = CallFactory(seats=3)
    applications = [ApplicationFactory(call=call, status="ranked") for _ in range(N)]
    looked = threading.Barrier(N)

    def naive(n):
        with transaction.atomic():
            taken = Application.objects.filter(call=call, status="nominated").count()
            looked.wait()
            if taken < call.seats:
                Application.objects.filter(pk=applications[n].pk).update(status="nominated")

    race(naive)

    assert Application.objects.filter(call=call, status="nominated").count() > 3


def _call_with_two_of_three_seats_taken():
    call = CallFactory(seats=3)
    call.agreement.partners.set([call.sending, call.host])
    office = UserFactory()
    give_role(office, call.sending, "editor")
    for _ in range(2):
        services.application_transition(
            application=ApplicationFactory(call=call, status="ranked"), to="nominated", by=office
        )
    return call, office, ApplicationFactory(call=call, status="ranked")


def _seats_to_two(call, office):
    fields = {name: getattr(call, name) for name in CALL_FIELDS} | {"seats": 2}
    return services.call_save(
        by=office, agreement=call.agreement, sending=call.sending, call=call, **fields
    )


def test_a_nomination_racing_fewer_seats_leaves_the_call_never_over_its_seats():
    """Both lock the call (amur/mobility/locking.py): the nomination takes the last seat
    and the cut is refused, or the cut goes first and the nomination finds no seat."""
    call, office, third = _call_with_two_of_three_seats_taken()

    def worker(n):
        try:
            if n == 0:
                return services.application_transition(application=third, to="nominated", by=office)
            return _seats_to_two(Call.objects.get(pk=call.pk), office)
        except services.MobilityError as exc:
            return str(exc)

    outcomes = pg_race(worker, 2)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    call.refresh_from_db()
    third.refresh_from_db()
    if call.seats == 3:  # nominated first: three nominees, the cut refused
        assert (call.nominated, third.status) == (3, "nominated")
        assert "Seats cannot be fewer than the 3 already nominated." in outcomes
    else:  # cut first: the two seats are taken
        assert (call.seats, call.nominated, third.status) == (2, 2, "ranked")
        assert "All seats of this call are taken." in outcomes


def test_negative_control_a_seat_cut_from_a_stale_count_is_stopped_only_by_the_constraint():
    """The cut reads two nominees, the third nomination commits, then the cut writes:
    without the call's lock only the check constraint keeps the call within its seats."""
    call, office, third = _call_with_two_of_three_seats_taken()
    looked = threading.Barrier(2)

    def naive_cut():
        with transaction.atomic():
            assert Call.objects.get(pk=call.pk).nominated == 2
            looked.wait()
            looked.wait()  # the nomination has committed
            Call.objects.filter(pk=call.pk).update(seats=2)

    def nominate():
        looked.wait()
        services.application_transition(application=third, to="nominated", by=office)
        looked.wait()

    outcomes = pg_race(lambda n: naive_cut() if n == 0 else nominate(), 2)

    failures = [o for o in outcomes if isinstance(o, Exception)]
    assert len(failures) == 1
    assert "call_never_over_seats" in str(failures[0])

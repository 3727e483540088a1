# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import threading

import pytest
from django.db import transaction

from amur.mobility import services
from amur.mobility.models import Application
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

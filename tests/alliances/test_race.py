# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""One ballot per voter, guaranteed by the database under concurrent submissions."""

import threading

import pytest
from django.db import transaction

from amur.alliances import services
from amur.alliances.models import Ballot, Participation, SealedBallot
from tests.factories.alliances import AllianceFactory, MembershipFactory, VoteFactory
from tests.factories.directory import UserFactory
from tests.pg import postgres_only
from tests.pg import race as pg_race

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]
THREADS = 20


def race(worker):
    return pg_race(worker, THREADS)


def test_twenty_simultaneous_ballots_of_one_voter_leave_exactly_one():
    alliance = AllianceFactory()
    delegate = UserFactory()
    MembershipFactory(alliance=alliance, delegate=delegate)
    vote = services.vote_open(vote=VoteFactory(alliance=alliance), by=None)

    outcomes = race(lambda n: services.ballot_cast(vote=vote, user=delegate, choices=["yes"]))

    receipts = [o for o in outcomes if isinstance(o, str)]
    assert len(receipts) == 1
    assert len(outcomes) == THREADS
    assert SealedBallot.objects.filter(vote=vote).count() == 1
    assert Participation.objects.filter(vote=vote).count() == 1


def test_negative_control_check_then_insert_without_the_constraint_double_votes():
    """Checking "has this voter voted?" before inserting, with no unique constraint to stop
    it, lets simultaneous submissions through: the race the constraint exists for."""
    vote = VoteFactory()
    looked = threading.Barrier(THREADS)

    def naive(n):
        with transaction.atomic():
            already = Ballot.objects.filter(vote=vote, choices=["voter-1"]).exists()
            looked.wait()
            if not already:
                Ballot.objects.create(vote=vote, choices=["voter-1"], receipt_hash=f"h{n}")
        return "ok"

    race(naive)

    assert Ballot.objects.filter(vote=vote).count() > 1

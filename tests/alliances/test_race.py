# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""One ballot per voter, guaranteed by the database under concurrent submissions."""

import threading

import pytest
from django.db import transaction

from amur.alliances import services
from amur.alliances.models import Ballot, Participation, SealedBallot, Tally, TallyConfirmation
from tests.factories.alliances import AllianceFactory, MembershipFactory, VoteFactory
from tests.factories.directory import UserFactory, give_role
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


def _in_person_vote_with_a_tally():
    vote = VoteFactory(in_person=True)
    member = MembershipFactory(alliance=vote.alliance).organisation
    entering, first, second = UserFactory(), UserFactory(), UserFactory()
    for teller in (entering, first, second):  # a teller works for a member
        give_role(teller, member, "member")
    services.vote_tellers_set(vote=vote, tellers=[entering, first, second], by=None)
    services.vote_open(vote=vote, by=None)
    tally = services.tally_enter(
        vote=vote, teller=entering, counts={"yes": 10, "no": 2}, participants=12
    )
    services.tally_confirm(tally=tally, teller=first)
    return vote, tally, entering, second


def test_a_confirmation_racing_a_corrected_tally_is_counted_for_the_tally_it_confirmed():
    """Both lock the vote (amur/alliances/locking.py): the confirmation lands on the old
    tally before the correction replaces it, or is refused because the tally was
    corrected; never an error, never a confirmation of a tally that no longer exists."""
    vote, tally, entering, second = _in_person_vote_with_a_tally()

    def worker(n):
        if n == 0:
            return services.tally_enter(
                vote=vote, teller=entering, counts={"yes": 9, "no": 3}, participants=12
            )
        try:
            return services.tally_confirm(tally=tally, teller=second)
        except services.AlliancesError as exc:
            return str(exc)

    outcomes = pg_race(worker, 2)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    current = Tally.objects.get(vote=vote)
    assert current.counts == {"yes": 9, "no": 3}
    assert current.confirmations.count() == 0  # a correction needs new confirmations
    answer = next(o for o in outcomes if not isinstance(o, Tally))
    assert answer in (2, "The tally was corrected meanwhile; confirm the new one.")


def test_a_tally_entered_while_the_vote_closes_is_counted_or_refused_never_lost():
    vote, tally, entering, second = _in_person_vote_with_a_tally()
    services.tally_confirm(tally=tally, teller=second)

    def worker(n):
        try:
            if n == 0:
                return services.vote_close(vote=vote, by=None)
            return services.tally_enter(
                vote=vote, teller=entering, counts={"yes": 1, "no": 11}, participants=12
            )
        except services.AlliancesError as exc:
            return str(exc)

    outcomes = pg_race(worker, 2)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    vote.refresh_from_db()
    if vote.status == "closed":  # closed first: the correction came too late
        assert vote.result["counts"] == {"yes": 10, "no": 2}
        assert Tally.objects.get(vote=vote).counts == {"yes": 10, "no": 2}
    else:  # corrected first: the close waits for two tellers to confirm the new tally
        assert Tally.objects.get(vote=vote).counts == {"yes": 1, "no": 11}


def test_negative_control_a_confirmation_without_the_vote_lock_hits_a_deleted_tally():
    """The confirmation checks the tally, the correction deletes it and commits, then the
    confirmation writes: without the vote's lock it refers to a row that is gone."""
    vote, tally, entering, second = _in_person_vote_with_a_tally()
    looked = threading.Barrier(2)

    def naive_confirm():
        with transaction.atomic():
            assert Tally.objects.filter(pk=tally.pk).exists()
            looked.wait()
            looked.wait()  # the correction has committed
            TallyConfirmation.objects.create(tally_id=tally.pk, teller=second)

    def correct():
        looked.wait()
        services.tally_enter(
            vote=vote, teller=entering, counts={"yes": 9, "no": 3}, participants=12
        )
        looked.wait()

    outcomes = pg_race(lambda n: naive_confirm() if n == 0 else correct(), 2)

    failures = [o for o in outcomes if isinstance(o, Exception)]
    assert len(failures) == 1
    assert "foreign key" in str(failures[0]).lower()

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from decimal import Decimal as D

import pytest

from amur.alliances import counting


def motion(yes, no, abstain=0, electorate=100, majority="simple", counted=False):
    return counting.motion_adopted(
        yes=yes,
        no=no,
        abstentions=abstain,
        electorate=electorate,
        majority=majority,
        abstentions_count=counted,
    )


@pytest.mark.parametrize(
    ("participants", "electorate", "quorum", "met"),
    [
        (50, 100, D("0.5"), True),
        (49, 100, D("0.5"), False),
        (103, 153, D("0.667"), True),
        (102, 153, D("0.667"), False),
        (0, 0, D("0.5"), False),
    ],
)
def test_quorum_boundary_is_inclusive(participants, electorate, quorum, met):
    assert counting.quorum_met(participants, electorate, quorum) is met


def test_simple_majority_ignores_abstentions_unless_counted():
    assert motion(10, 8, abstain=5) == (True, False)
    assert motion(10, 8, abstain=5, counted=True) == (False, False)


def test_simple_majority_tie_is_not_adopted():
    assert motion(9, 9) == (False, True)
    assert motion(9, 4, abstain=5, counted=True) == (False, True)


def test_absolute_majority_is_of_the_electorate():
    assert motion(51, 0, electorate=100, majority="absolute") == (True, False)
    assert motion(50, 0, electorate=100, majority="absolute") == (False, True)


def test_two_thirds_exactly_is_enough():
    assert motion(20, 10, majority="two_thirds") == (True, False)
    assert motion(19, 10, majority="two_thirds") == (False, False)
    # With abstentions counted the base grows: 20 of 31 is less than two thirds.
    assert motion(20, 10, abstain=1, majority="two_thirds", counted=True) == (False, False)


def test_election_fills_seats_by_votes():
    elected, tied = counting.election_winners(
        counts={"li": 40, "ivanov": 35, "wang": 10},
        seats=2,
        abstentions=0,
        majority="simple",
        abstentions_count=False,
    )

    assert (elected, tied) == (["li", "ivanov"], [])


def test_election_tie_for_the_last_seat_is_reported_not_decided():
    elected, tied = counting.election_winners(
        counts={"li": 40, "ivanov": 20, "wang": 20},
        seats=2,
        abstentions=0,
        majority="simple",
        abstentions_count=False,
    )

    assert (elected, tied) == (["li"], ["ivanov", "wang"])


def test_election_with_absolute_majority_may_leave_a_seat_empty():
    elected, _tied = counting.election_winners(
        counts={"li": 51, "ivanov": 30, "wang": 19},
        seats=2,
        abstentions=0,
        majority="absolute",
        abstentions_count=False,
    )

    assert elected == ["li"]


def test_result_without_quorum_adopts_nothing():
    outcome = counting.result(
        kind="motion",
        counts={"yes": 40, "no": 1},
        abstentions=0,
        participants=41,
        electorate=100,
        quorum=D("0.5"),
        majority="simple",
        abstentions_count=False,
    )

    assert outcome["quorum_met"] is False
    assert outcome["majority_met"] is True
    assert outcome["adopted"] is False
    assert outcome["turnout"] == "0.4100"

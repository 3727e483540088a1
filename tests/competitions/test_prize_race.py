# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The prize vote under concurrent submissions on PostgreSQL: one vote per juror, and the
decision taken exactly once."""

import pytest

from amur.competitions import services
from amur.competitions.models import PrizeAllocation, PrizeVote
from amur.core.models import AuditEntry
from tests.competitions.test_prizes import final  # noqa: F401  (the fixture)
from tests.pg import postgres_only, race

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def test_a_juror_voting_ten_times_at_once_is_counted_once(final):  # noqa: F811
    _c, round_, jurors, _contestants = final
    allocation = services.prize_allocation_propose(round_=round_, by=jurors[0].user)

    outcomes = race(
        lambda n: services.prize_vote(allocation=allocation, user=jurors[1].user, approve=True),
        10,
    )

    refused = [o for o in outcomes if isinstance(o, services.CompetitionsError)]
    assert len(refused) == 9
    assert PrizeVote.objects.filter(allocation=allocation).count() == 1
    assert PrizeAllocation.objects.get(pk=allocation.pk).status == "open"  # 1 of the 2 needed


def test_all_jurors_at_once_accept_the_allocation_exactly_once(final):  # noqa: F811
    _c, round_, jurors, _contestants = final
    allocation = services.prize_allocation_propose(round_=round_, by=jurors[0].user)

    outcomes = race(
        lambda n: services.prize_vote(allocation=allocation, user=jurors[n].user, approve=True),
        len(jurors),
    )

    # Once two of three have voted the allocation is accepted; a third vote may arrive
    # after that and is refused as "over", never counted twice.
    votes = PrizeVote.objects.filter(allocation=allocation).count()
    assert votes == len([o for o in outcomes if not isinstance(o, Exception)])
    assert votes in (2, 3)
    assert PrizeAllocation.objects.get(pk=allocation.pk).status == "accepted"
    assert AuditEntry.objects.filter(action="competition.prizes_decided").count() == 1

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Prizes on the page and through the API: proposing an allocation, voting on it and
closing the vote. The same inputs are accepted or refused, and refused with the same
message, because the service is the only gate (issue 11, part 1). Each channel has its own
final of the same table, with its own jury."""

from decimal import Decimal as D

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.competitions import services
from amur.competitions.models import PrizeAllocation, PrizeVote
from tests.factories.competitions import (
    ContestantFactory,
    DisciplineFactory,
    JurorFactory,
    RoundFactory,
)
from tests.parity import api_messages

pytestmark = pytest.mark.django_db

TABLE = [[22, 22, 22], [20, 20, 20], [18, 18, 18]]


def _final():
    discipline = DisciplineFactory()
    round_ = RoundFactory(discipline=discipline, quota=3, name_en="Final")
    jurors = [JurorFactory(edition=discipline.edition, is_chair=n == 0) for n in range(3)]
    contestants = [ContestantFactory(discipline=discipline) for _ in TABLE]
    for j, juror in enumerate(jurors):
        for n, contestant in enumerate(contestants):
            services.score_enter(
                round_=round_, user=juror.user, contestant=contestant, value=D(TABLE[n][j])
            )
        services.sheet_submit(round_=round_, user=juror.user)
    services.round_close(round_=round_, by=jurors[0].user)
    round_.refresh_from_db()
    return round_, jurors, contestants


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


PROPOSAL_CASES = [
    # (case, places by contestant index, who, proposed before, message; None: accepted)
    ("the ranking", {}, 0, False, None),
    ("another allocation", {1: 1, 0: 2}, 0, False, None),
    (
        "a place 0",
        {1: 0},
        0,
        False,
        "Prizes go to contestants ranked in this round, with places from 1.",
    ),
    (
        "a negative place",
        {1: -2},
        0,
        False,
        "Prizes go to contestants ranked in this round, with places from 1.",
    ),
    ("by a juror", {}, 1, False, "Only the chair of the jury can put prizes to the vote."),
    (
        "proposed before",
        {},
        0,
        True,
        "A prize allocation of this round is open or accepted already.",
    ),
]


@pytest.mark.parametrize(
    ("case", "places", "who", "before", "message"),
    PROPOSAL_CASES,
    ids=[c[0] for c in PROPOSAL_CASES],
)
def test_page_and_api_accept_and_refuse_prize_proposals_alike(
    client, case, places, who, before, message
):
    (page_round, page_jury, page_ranked), (api_round, api_jury, api_ranked) = (
        _final() for _ in range(2)
    )
    if before:
        for round_, jury in ((page_round, page_jury), (api_round, api_jury)):
            services.prize_allocation_propose(round_=round_, by=jury[0].user)
    count = PrizeAllocation.objects.count()

    client.force_login(page_jury[who].user)
    page = client.post(
        f"/competitions/rounds/{page_round.pk}/prizes/propose/",
        {f"place-{page_ranked[i].pk}": place for i, place in places.items()},
    )
    said = [str(m) for m in get_messages(page.wsgi_request)]
    client.logout()
    awards = [{"contestant": api_ranked[i].pk, "place": p} for i, p in places.items()]
    api = client.post(
        f"/api/v1/competitions/rounds/{api_round.pk}/prizes",
        {"awards": awards or None},
        content_type="application/json",
        **_auth(api_jury[who].user),
    )

    if message is None:
        assert api.status_code == 201
        made = [PrizeAllocation.objects.get(round=r) for r in (page_round, api_round)]
        assert [sorted(a.awards.values_list("place", flat=True)) for a in made] == 2 * [
            sorted(places.values())
            if places
            else sorted(made[0].awards.values_list("place", flat=True))
        ]
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert PrizeAllocation.objects.count() == count


VOTE_CASES = [
    # (case, who, voted before, close, message expected; None: accepted)
    ("a juror's vote", 1, False, False, None),
    ("voted before", 1, True, False, "You have voted on this allocation already."),
    ("closed by the chair", 0, False, True, None),
    ("closed by a juror", 1, False, True, "Only the chair of the jury can end the vote."),
]


@pytest.mark.parametrize(
    ("case", "who", "voted", "close", "message"), VOTE_CASES, ids=[c[0] for c in VOTE_CASES]
)
def test_page_and_api_vote_on_and_close_prizes_alike(client, case, who, voted, close, message):
    allocations, juries = [], []
    for _channel in ("page", "api"):
        round_, jury, _ranked = _final()
        allocation = services.prize_allocation_propose(round_=round_, by=jury[0].user)
        if voted:
            services.prize_vote(allocation=allocation, user=jury[who].user, approve=True)
        allocations.append(allocation)
        juries.append(jury)
    votes = PrizeVote.objects.count()

    client.force_login(juries[0][who].user)
    page = client.post(
        f"/competitions/prizes/{allocations[0].pk}/vote/",
        {"close": "1"} if close else {"approve": "1"},
    )
    said = [str(m) for m in get_messages(page.wsgi_request)]
    client.logout()
    if close:
        api = client.post(
            f"/api/v1/competitions/prizes/{allocations[1].pk}/close", **_auth(juries[1][who].user)
        )
    else:
        api = client.post(
            f"/api/v1/competitions/prizes/{allocations[1].pk}/votes",
            {"approve": True},
            content_type="application/json",
            **_auth(juries[1][who].user),
        )

    statuses = [PrizeAllocation.objects.get(pk=a.pk).status for a in allocations]
    assert statuses[0] == statuses[1]
    if message is None:
        assert api.status_code in (200, 201)
        assert not [m for m in said if "only" in m.lower()]
    else:
        assert api.status_code == 409
        assert message in said
        assert message in api_messages(api)
        assert PrizeVote.objects.count() == votes

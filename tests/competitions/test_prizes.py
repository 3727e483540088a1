# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Prizes: the ranking is a proposal; the jury accepts an allocation by a recorded vote."""

from decimal import Decimal as D

import pytest
from django.db import IntegrityError

from amur.accounts.services import api_token_create
from amur.competitions import services
from amur.competitions.models import PrizeAllocation, PrizeVote
from amur.core.models import AuditEntry
from tests.factories.competitions import (
    CompetitionFactory,
    ContestantFactory,
    DisciplineFactory,
    JurorFactory,
    RoundFactory,
)
from tests.factories.directory import UserFactory
from tests.permissions import Snapshot, cast

pytestmark = pytest.mark.django_db

# Totals 22, 20, 20, 18, 15: ranks 1, 2, 2, 4, 5.
TABLE = [[22, 22, 22], [20, 20, 20], [20, 20, 20], [18, 18, 18], [15, 15, 15]]


@pytest.fixture
def final():
    c = cast()
    discipline = DisciplineFactory(edition__competition=CompetitionFactory(organiser=c.org_a))
    round_ = RoundFactory(discipline=discipline, quota=3, name_en="Final")
    jurors = [JurorFactory(edition=discipline.edition, is_chair=n == 0) for n in range(3)]
    contestants = [ContestantFactory(discipline=discipline, name=f"Лауреат {n}") for n in range(5)]
    for j, juror in enumerate(jurors):
        for n, contestant in enumerate(contestants):
            services.score_enter(
                round_=round_, user=juror.user, contestant=contestant, value=D(TABLE[n][j])
            )
        services.sheet_submit(round_=round_, user=juror.user)
    services.round_close(round_=round_, by=jurors[0].user)
    round_.refresh_from_db()
    return c, round_, jurors, contestants


def places(allocation):
    return [(a.place, a.contestant.number) for a in allocation.awards.all()]


def test_the_computed_ranking_is_proposed_with_ex_aequo_places(final):
    _c, round_, jurors, contestants = final

    allocation = services.prize_allocation_propose(round_=round_, by=jurors[0].user)

    numbers = [c.number for c in contestants]
    assert places(allocation) == [(1, numbers[0]), (2, numbers[1]), (2, numbers[2])]
    assert (allocation.status, allocation.jurors, allocation.required) == ("open", 3, 2)


def test_the_chair_may_propose_another_allocation_than_the_ranking(final):
    _c, round_, jurors, contestants = final
    awards = {contestants[0].pk: 1, contestants[1].pk: 1, contestants[3].pk: 3}

    allocation = services.prize_allocation_propose(round_=round_, by=jurors[0].user, awards=awards)

    assert [p for p, _n in places(allocation)] == [1, 1, 3]


def test_two_thirds_of_the_jurors_accept_the_allocation(final):
    _c, round_, jurors, _contestants = final
    allocation = services.prize_allocation_propose(round_=round_, by=jurors[0].user)

    services.prize_vote(allocation=allocation, user=jurors[1].user, approve=True)
    allocation.refresh_from_db()
    after_one = allocation.status
    services.prize_vote(allocation=allocation, user=jurors[2].user, approve=True)
    allocation.refresh_from_db()

    assert (after_one, allocation.status) == ("open", "accepted")
    assert allocation.decided_at is not None
    assert AuditEntry.objects.filter(action="competition.prize_vote").count() == 2
    assert AuditEntry.objects.get(action="competition.prizes_decided").new == {
        "status": "accepted",
        "for": 2,
        "votes": 2,
        "required": 2,
    }


def test_without_the_quorum_the_allocation_is_not_accepted(final):
    _c, round_, jurors, _contestants = final
    allocation = services.prize_allocation_propose(round_=round_, by=jurors[0].user)
    services.prize_vote(allocation=allocation, user=jurors[1].user, approve=True)

    closed = services.prize_vote_close(allocation=allocation, by=jurors[0].user)

    assert closed.status == "rejected"


def test_the_allocation_falls_as_soon_as_the_quorum_cannot_be_reached(final):
    _c, round_, jurors, _contestants = final
    allocation = services.prize_allocation_propose(round_=round_, by=jurors[0].user)

    services.prize_vote(allocation=allocation, user=jurors[1].user, approve=False)
    services.prize_vote(allocation=allocation, user=jurors[2].user, approve=False)

    allocation.refresh_from_db()
    assert allocation.status == "rejected"
    with pytest.raises(services.CompetitionsError, match="vote is over"):
        services.prize_vote(allocation=allocation, user=jurors[0].user, approve=True)


@pytest.mark.parametrize(
    ("numerator", "denominator", "jurors", "required"),
    [(2, 3, 3, 2), (2, 3, 7, 5), (2, 3, 17, 12), (3, 4, 4, 3), (1, 2, 4, 2), (1, 1, 5, 5)],
)
def test_the_quorum_is_configurable_and_rounded_up(numerator, denominator, jurors, required):
    edition = DisciplineFactory(
        edition__prize_quorum_numerator=numerator, edition__prize_quorum_denominator=denominator
    ).edition

    assert services.quorum(edition, jurors) == required


def test_a_non_juror_cannot_vote(final):
    c, round_, jurors, _contestants = final
    allocation = services.prize_allocation_propose(round_=round_, by=jurors[0].user)

    for user in (c.editor_a, UserFactory()):
        with pytest.raises(services.CompetitionsError, match="not on the jury"):
            services.prize_vote(allocation=allocation, user=user, approve=True)

    assert PrizeVote.objects.count() == 0


def test_one_vote_per_juror_in_the_service_and_in_the_database(final):
    _c, round_, jurors, _contestants = final
    allocation = services.prize_allocation_propose(round_=round_, by=jurors[0].user)
    services.prize_vote(allocation=allocation, user=jurors[1].user, approve=False)

    with pytest.raises(services.CompetitionsError, match="voted on this allocation already"):
        services.prize_vote(allocation=allocation, user=jurors[1].user, approve=True)
    with pytest.raises(IntegrityError):
        PrizeVote.objects.create(allocation=allocation, juror=jurors[1], approve=True)


def test_only_the_chair_proposes_and_only_one_open_vote(final):
    _c, round_, jurors, _contestants = final

    with pytest.raises(services.CompetitionsError, match="Only the chair"):
        services.prize_allocation_propose(round_=round_, by=jurors[1].user)
    services.prize_allocation_propose(round_=round_, by=jurors[0].user)
    with pytest.raises(services.CompetitionsError, match="open or accepted already"):
        services.prize_allocation_propose(round_=round_, by=jurors[0].user)
    with pytest.raises(IntegrityError):
        PrizeAllocation.objects.create(round=round_, jurors=3, required=2)


def test_prizes_go_only_to_contestants_ranked_in_the_round(final):
    _c, round_, jurors, _contestants = final
    stranger = ContestantFactory()

    with pytest.raises(services.CompetitionsError, match="ranked in this round"):
        services.prize_allocation_propose(round_=round_, by=jurors[0].user, awards={stranger.pk: 1})


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Prizes"), ("ru", "Премии"), ("zh-hans", "奖项")]
)
def test_prizes_page_in_three_languages_and_the_vote_through_it(client, final, language, heading):
    _c, round_, jurors, contestants = final
    client.force_login(jurors[0].user)
    client.cookies["amur_language"] = language

    client.post(f"/competitions/rounds/{round_.pk}/prizes/propose/")
    allocation = PrizeAllocation.objects.get()
    client.force_login(jurors[1].user)
    client.post(f"/competitions/prizes/{allocation.pk}/vote/", {"approve": "1"})
    client.force_login(jurors[2].user)
    client.post(f"/competitions/prizes/{allocation.pk}/vote/", {"approve": "1"})
    page = client.get(f"/competitions/rounds/{round_.pk}/prizes/").content.decode()
    public = client.get(f"/competitions/rounds/{round_.pk}/results/").content.decode()

    allocation.refresh_from_db()
    assert allocation.status == "accepted"
    assert f"<h1>{heading}:" in page
    assert "Лауреат 0" not in page  # names stay hidden from jurors until revealed
    assert f"{contestants[0].number} Лауреат 0</li>" in public


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def test_prize_vote_through_the_api(client, final):
    c, round_, jurors, contestants = final
    base = "/api/v1/competitions"

    proposed = client.post(
        f"{base}/rounds/{round_.pk}/prizes",
        {"awards": [{"contestant": contestants[1].pk, "place": 1}]},
        content_type="application/json",
        **bearer(jurors[0].user),
    )
    pk = proposed.json()["id"]
    outsider = client.post(
        f"{base}/prizes/{pk}/votes",
        {"approve": True},
        content_type="application/json",
        **bearer(c.editor_b),
    )
    office = client.post(
        f"{base}/prizes/{pk}/votes",
        {"approve": True},
        content_type="application/json",
        **bearer(c.editor_a),
    )
    vote = client.post(
        f"{base}/prizes/{pk}/votes",
        {"approve": True},
        content_type="application/json",
        **bearer(jurors[2].user),
    )
    closed = client.post(f"{base}/prizes/{pk}/close", **bearer(jurors[0].user))
    listed = client.get(f"{base}/rounds/{round_.pk}/prizes", **bearer(c.editor_a))

    assert proposed.status_code == 201
    assert (outsider.status_code, office.status_code) == (404, 409)
    assert vote.json()["votes_for"] == 1
    assert closed.json()["status"] == "rejected"
    assert listed.json() == [
        {
            "id": pk,
            "status": "rejected",
            "jurors": 3,
            "required": 2,
            "votes_for": 1,
            "votes_against": 0,
            "awards": [{"contestant": contestants[1].pk, "place": 1}],
        }
    ]


@pytest.mark.parametrize("role", ["editor_b", "member_a", "anonymous"])
def test_outsiders_neither_see_nor_vote(client, final, role):
    c, round_, jurors, _contestants = final
    allocation = services.prize_allocation_propose(round_=round_, by=jurors[0].user)
    if role != "anonymous":
        client.force_login(getattr(c, role))
    before = Snapshot(PrizeVote)

    responses = [
        client.get(f"/competitions/rounds/{round_.pk}/prizes/"),
        client.post(f"/competitions/rounds/{round_.pk}/prizes/propose/"),
        client.post(f"/competitions/prizes/{allocation.pk}/vote/", {"approve": "1"}),
    ]

    expected = 302 if role == "anonymous" else 404
    assert [r.status_code for r in responses] == [expected] * 3
    assert before.unchanged()

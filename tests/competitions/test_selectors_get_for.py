# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scoped lookups of rounds: each purpose (results, jury sheet, prizes, integrity) has its
audience, asked by the page and the API through the same selector; others get 404."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from amur.competitions import selectors
from amur.competitions.models import PrizeAllocation
from tests.factories.competitions import (
    ContestantFactory,
    DisciplineFactory,
    JurorFactory,
    RoundFactory,
)
from tests.factories.directory import UserFactory, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    round_ = RoundFactory()
    edition = round_.discipline.edition
    users = {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(),
        "juror": JurorFactory(edition=edition).user,
        "chair": JurorFactory(edition=edition, is_chair=True).user,
        "office": UserFactory(),
        "staff": UserFactory(is_staff=True),
    }
    give_role(users["office"], edition.competition.organiser, "editor")
    return round_, users


def _visible(lookup) -> bool:
    try:
        lookup()
    except Http404:
        return False
    return True


AUDIENCES = {
    "jury_round_get_for": {"juror", "chair"},
    "prize_round_get_for": {"juror", "chair", "office", "staff"},
    "integrity_round_get_for": {"chair", "office", "staff"},
}


@pytest.mark.parametrize("selector", sorted(AUDIENCES))
@pytest.mark.parametrize("who", ["anonymous", "outsider", "juror", "chair", "office", "staff"])
def test_each_round_purpose_has_its_audience(scene, selector, who):
    round_, users = scene
    lookup = getattr(selectors, selector)

    seen = _visible(lambda: lookup(users[who], pk=round_.pk))

    assert seen is (who in AUDIENCES[selector])


@pytest.mark.parametrize(("status", "public"), [("scoring", False), ("closed", True)])
def test_results_round_get_for_shows_results_only_once_closed(scene, status, public):
    round_, users = scene
    round_.status = status
    round_.save(update_fields=["status"])

    seen = _visible(lambda: selectors.results_round_get_for(users["anonymous"], pk=round_.pk))

    assert seen is public


def test_a_prize_allocation_is_seen_by_whoever_sees_its_round(scene):
    round_, users = scene
    allocation = PrizeAllocation.objects.create(
        round=round_, proposed_by=users["chair"], jurors=2, required=2
    )

    found = selectors.prize_allocation_get_for(users["juror"], pk=allocation.pk)

    assert found == allocation
    with pytest.raises(Http404):
        selectors.prize_allocation_get_for(users["outsider"], pk=allocation.pk)


def test_unknown_ids_are_404(scene):
    _round, users = scene

    for lookup in (
        selectors.edition_get_for,
        selectors.discipline_get_for,
        selectors.round_get_for,
        selectors.results_round_get_for,
    ):
        with pytest.raises(Http404):
            lookup(users["staff"], pk=999_999)


def test_a_non_juror_scoring_through_the_api_gets_the_translated_404_of_the_page(client, scene):
    from amur.accounts.services import api_token_create

    round_, users = scene
    token = api_token_create(user=users["outsider"], name="t")[1]

    response = client.post(
        f"/api/v1/competitions/rounds/{round_.pk}/scores",
        {"contestant": 1, "value": "20"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 404
    assert response.json()["error"] == {"code": "not_found", "message": "未找到。", "detail": None}


def test_a_round_of_an_application_is_one_of_its_own_discipline(scene):
    round_, users = scene
    contestant = ContestantFactory(discipline=round_.discipline)
    elsewhere = RoundFactory(
        discipline=DisciplineFactory(edition=round_.discipline.edition, key="piano")
    )

    found = selectors.repertoire_round_get_for(users["staff"], contestant=contestant, pk=round_.pk)

    assert found == round_
    with pytest.raises(Http404):
        selectors.repertoire_round_get_for(users["staff"], contestant=contestant, pk=elsewhere.pk)


def test_a_juror_scores_only_a_contestant_of_the_rounds_discipline(scene):
    round_, users = scene
    own = ContestantFactory(discipline=round_.discipline)
    other = ContestantFactory(
        discipline=DisciplineFactory(edition=round_.discipline.edition, key="piano")
    )
    sheet = selectors.jury_round_get_for(users["juror"], pk=round_.pk)

    found = selectors.jury_contestant_get_for(users["juror"], round_=sheet, pk=own.pk)

    assert found == own
    with pytest.raises(Http404):
        selectors.jury_contestant_get_for(users["juror"], round_=sheet, pk=other.pk)

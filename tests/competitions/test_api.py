# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

from amur.accounts.services import api_token_create
from amur.competitions.models import Conflict, Score
from tests.factories.competitions import ContestantFactory, JurorFactory, RoundFactory

pytestmark = pytest.mark.django_db


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def test_recused_juror_is_refused_through_the_api_and_nothing_is_stored(client):
    round_ = RoundFactory()
    juror = JurorFactory(edition=round_.discipline.edition)
    contestant = ContestantFactory(discipline=round_.discipline)
    Conflict.objects.create(juror=juror, contestant=contestant, reason="teacher")

    response = client.post(
        f"/api/v1/competitions/rounds/{round_.pk}/scores",
        {"contestant": contestant.pk, "value": "20"},
        content_type="application/json",
        **bearer(juror.user),
    )

    assert response.status_code == 409
    assert Score.objects.count() == 0


def test_juror_scores_through_the_api(client):
    round_ = RoundFactory()
    juror = JurorFactory(edition=round_.discipline.edition)
    contestant = ContestantFactory(discipline=round_.discipline)

    response = client.post(
        f"/api/v1/competitions/rounds/{round_.pk}/scores",
        {"contestant": contestant.pk, "value": "20"},
        content_type="application/json",
        **bearer(juror.user),
    )

    assert response.json() == {"contestant": contestant.pk, "value": "20"}


def test_results_of_an_open_round_are_not_published(client):
    round_ = RoundFactory()

    assert client.get(f"/api/v1/competitions/rounds/{round_.pk}/results").status_code == 404

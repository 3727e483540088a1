# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Competition pages in the permission matrix. Jury behaviour is tested in test_jury.py
(services: a recused juror, another juror's sheet, the chair's rights) and test_pages.py
(outsiders); here: applications belong to the applicant and the organiser's office."""

from datetime import timedelta

import pytest

from amur.accounts.services import api_token_create
from amur.competitions.models import Contestant, Piece
from tests.factories.competitions import (
    CompetitionFactory,
    ContestantFactory,
    DisciplineFactory,
    EditionFactory,
    RoundFactory,
)
from tests.factories.directory import UserFactory
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {
    "competitions:sheet",
    "competitions:round_close",
    "competitions:apply",
    "competitions:application",
    "competitions:repertoire",
    "competitions:application_submit",
    "competitions:document_upload",
    "competitions:document",
    "competitions:office",
    "competitions:fee_paid",
    "competitions:application_status",
    "competitions:round_office",
    "competitions:round_confirm",
    "competitions:round_open",
    "competitions:reveal",
    "competitions:prizes",
    "competitions:prize_propose",
    "competitions:prize_vote",
}
VIEWS_READ_ONLY = {"competitions:index", "competitions:edition", "competitions:results"}
API_COVERED = {
    "POST /api/v1/competitions/rounds/{pk}/scores",
    "PUT /api/v1/competitions/applications/{pk}/rounds/{round_pk}/repertoire",
    "POST /api/v1/competitions/applications/{pk}/submit",
    "POST /api/v1/competitions/applications/{pk}/documents/{kind}",
    "POST /api/v1/competitions/applications/{pk}/fee",
    "POST /api/v1/competitions/rounds/{pk}/confirm",
    "POST /api/v1/competitions/rounds/{pk}/open",
    "POST /api/v1/competitions/rounds/{pk}/reveal",
    "POST /api/v1/competitions/rounds/{pk}/prizes",
    "POST /api/v1/competitions/prizes/{pk}/votes",
    "POST /api/v1/competitions/prizes/{pk}/close",
}


@pytest.fixture
def scene():
    """Organisation A runs the competition; an applicant has a draft with one round."""
    c = cast()
    edition = EditionFactory(competition=CompetitionFactory(organiser=c.org_a))
    discipline = DisciplineFactory(edition=edition)
    round_ = RoundFactory(
        discipline=discipline, status="planned", min_duration=timedelta(minutes=5)
    )
    applicant = UserFactory(username="applicant")
    contestant = ContestantFactory(discipline=discipline, user=applicant, status="draft")
    return c, contestant, round_, applicant


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='m')[1]}"}


def attempts(client, contestant, round_, user):
    page = f"/competitions/applications/{contestant.pk}"
    api = f"/api/v1/competitions/applications/{contestant.pk}"
    programme = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "0",
        "form-0-composer": "Bach",
        "form-0-work": "Chaconne",
        "form-0-duration": "14:00",
    }
    body = {"pieces": [{"composer": "Bach", "work": "Chaconne", "seconds": 840}]}
    auth = bearer(user) if user else {}
    return [
        client.get(f"{page}/"),
        client.get(f"{page}/rounds/{round_.pk}/repertoire/"),
        client.post(f"{page}/rounds/{round_.pk}/repertoire/", programme),
        client.post(f"{page}/submit/"),
        client.get(api, **auth),
        client.put(
            f"{api}/rounds/{round_.pk}/repertoire", body, content_type="application/json", **auth
        ),
        client.post(f"{api}/submit", **auth),
    ]


@pytest.mark.parametrize("role", ["editor_b", "member_a", "another_applicant"])
def test_outsiders_neither_see_nor_change_an_application(client, scene, role):
    c, contestant, round_, _applicant = scene
    user = UserFactory() if role == "another_applicant" else getattr(c, role)
    ContestantFactory(discipline=contestant.discipline, user=user, status="draft")
    client.force_login(user)
    before, pieces = Snapshot(Contestant), Snapshot(Piece)

    responses = attempts(client, contestant, round_, user)

    assert [denied(r) for r in responses] == [True] * 7
    assert before.unchanged()
    assert pieces.unchanged()


def test_anonymous_is_asked_to_log_in(client, scene):
    _c, contestant, round_, _applicant = scene
    before = Snapshot(Piece)

    responses = attempts(client, contestant, round_, None)

    assert [asks_to_log_in(r) for r in responses] == [True] * 7
    assert before.unchanged()


@pytest.mark.parametrize("role", ["applicant", "editor_a", "admin_a", "staff"])
def test_applicant_and_office_change_the_programme(client, scene, role):
    c, contestant, round_, applicant = scene
    user = applicant if role == "applicant" else getattr(c, role)
    client.force_login(user)

    page = client.get(f"/competitions/applications/{contestant.pk}/")
    response = client.put(
        f"/api/v1/competitions/applications/{contestant.pk}/rounds/{round_.pk}/repertoire",
        {"pieces": [{"composer": "Bach", "work": "Chaconne", "seconds": 840}]},
        content_type="application/json",
        **bearer(user),
    )

    assert page.status_code == 200
    assert response.status_code == 200
    assert list(Piece.objects.values_list("contestant", "work")) == [(contestant.pk, "Chaconne")]


# The integrity analysis: tests/competitions/test_integrity_pages.py (every role).
VIEWS_COVERED |= {"competitions:integrity", "competitions:integrity_publish"}
API_COVERED |= {"POST /api/v1/competitions/rounds/{pk}/integrity/publish"}

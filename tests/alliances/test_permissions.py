# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""An editor of organisation A cannot apply, vote or decide for organisation B."""

import pytest

from amur.accounts.services import api_token_create
from amur.alliances import services
from amur.alliances.models import Ballot, Membership, Participation
from tests.factories.alliances import AllianceFactory, MembershipFactory, VoteFactory
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {"alliances:apply", "alliances:review", "alliances:decide", "alliances:ballot",
                 "alliances:vote_close"}  # fmt: skip
VIEWS_READ_ONLY = {"alliances:index", "alliances:detail", "alliances:members_export",
                   "alliances:body", "alliances:constitution", "alliances:vote",
                   "alliances:certificate"}  # fmt: skip
API_COVERED = {
    "POST /api/v1/alliances/alliances/{slug}/applications",
    "POST /api/v1/alliances/alliances/{slug}/memberships/{pk}/decision",
    "POST /api/v1/alliances/alliances/{slug}/votes/{pk}/ballots",
    "POST /api/v1/alliances/alliances/{slug}/votes/{pk}/close",
}


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='m')[1]}"}


@pytest.fixture
def scene():
    c = cast()
    alliance = AllianceFactory(secretariat=c.org_a)
    unit_b = MembershipFactory(alliance=alliance, organisation=c.org_b, delegate=c.editor_b)
    applicant = MembershipFactory(alliance=alliance, status="under_review")
    vote = services.vote_open(vote=VoteFactory(alliance=alliance), by=None)
    return c, alliance, unit_b, applicant, vote


def test_editor_of_b_cannot_decide_for_the_secretariat_a(client, scene):
    c, alliance, _unit_b, applicant, vote = scene
    client.force_login(c.editor_b)
    before = Snapshot(Membership)
    api = f"/api/v1/alliances/alliances/{alliance.slug}"

    responses = [
        client.get(f"/alliances/{alliance.slug}/review/"),
        client.post(f"/alliances/{alliance.slug}/review/{applicant.pk}/", {"to": "active"}),
        client.post(f"/alliances/{alliance.slug}/votes/{vote.pk}/close/"),
        client.post(f"{api}/memberships/{applicant.pk}/decision", {"to": "active"},
                    content_type="application/json", **bearer(c.editor_b)),
        client.post(f"{api}/votes/{vote.pk}/close", **bearer(c.editor_b)),
    ]  # fmt: skip

    assert [denied(r) for r in responses] == [True] * 5
    assert before.unchanged()


def test_editor_of_a_cannot_apply_for_b(client, scene):
    c, _alliance, _unit_b, _applicant, _vote = scene
    other = AllianceFactory()
    client.force_login(c.admin_a)
    before = Snapshot(Membership)

    page = client.post(f"/alliances/{other.slug}/apply/", {"organisation": c.org_b.pk})
    api = client.post(
        f"/api/v1/alliances/alliances/{other.slug}/applications", {"organisation": c.org_b.pk},
        content_type="application/json", **bearer(c.admin_a),
    )  # fmt: skip

    assert denied(page)
    assert denied(api)
    assert before.unchanged()


def test_only_the_designated_delegate_votes_for_a_unit(client, scene):
    c, alliance, _unit_b, _applicant, vote = scene
    client.force_login(c.editor_a)

    response = client.post(f"/alliances/{alliance.slug}/votes/{vote.pk}/ballot/", {"choice": "yes"})

    assert response.status_code == 302
    assert Ballot.objects.count() == 0
    assert Participation.objects.count() == 0


def test_delegate_votes_through_the_api_and_gets_a_receipt(client, scene):
    c, alliance, _unit_b, _applicant, vote = scene

    response = client.post(
        f"/api/v1/alliances/alliances/{alliance.slug}/votes/{vote.pk}/ballots",
        {"choices": ["yes"]}, content_type="application/json", **bearer(c.editor_b),
    )  # fmt: skip

    assert response.status_code == 201
    assert set(response.json()) == {"receipt"}
    assert services.receipt_verify(vote=vote, code=response.json()["receipt"])


def test_anonymous_is_asked_to_log_in(client, scene):
    _c, alliance, _unit_b, applicant, vote = scene
    api = f"/api/v1/alliances/alliances/{alliance.slug}"

    responses = [
        client.post(f"/alliances/{alliance.slug}/apply/", {"organisation": 1}),
        client.post(f"/alliances/{alliance.slug}/review/{applicant.pk}/", {"to": "active"}),
        client.post(f"/alliances/{alliance.slug}/votes/{vote.pk}/ballot/", {"choice": "yes"}),
        client.post(
            f"{api}/votes/{vote.pk}/ballots", {"choices": ["yes"]}, content_type="application/json"
        ),
    ]  # fmt: skip

    assert [asks_to_log_in(r) for r in responses] == [True] * 4


def test_secretariat_editor_decides(client, scene):
    c, alliance, _unit_b, applicant, _vote = scene
    client.force_login(c.editor_a)

    client.post(
        f"/alliances/{alliance.slug}/review/{applicant.pk}/", {"to": "active", "reason": "ok"}
    )

    applicant.refresh_from_db()
    assert applicant.status == "active"

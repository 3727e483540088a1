# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""An editor of organisation A cannot apply, vote or decide for organisation B."""

import pytest

from amur.accounts.services import api_token_create
from amur.alliances import services
from amur.alliances.models import Ballot, Membership, Participation
from tests.factories.alliances import AllianceFactory, MembershipFactory, VoteFactory
from tests.factories.directory import UserFactory, give_role
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {
    "alliances:apply",
    "alliances:review",
    "alliances:decide",
    "alliances:ballot",
    "alliances:vote_close",
    "alliances:vote_create",
    "alliances:vote_manage",
    "alliances:vote_tally",
    "alliances:dues",
    "alliances:dues_mark",
    "alliances:membership_document",
}
VIEWS_READ_ONLY = {
    "alliances:index",
    "alliances:detail",
    "alliances:members_export",
    "alliances:body",
    "alliances:constitution",
    "alliances:vote",
    "alliances:certificate",
    "alliances:vote_results_export",
    "alliances:body_roster_export",
    "alliances:report_export",
    "alliances:logo",
}
API_COVERED = {
    "POST /api/v1/alliances/alliances/{slug}/applications",
    "POST /api/v1/alliances/alliances/{slug}/memberships/{pk}/decision",
    "POST /api/v1/alliances/alliances/{slug}/votes/{pk}/ballots",
    "POST /api/v1/alliances/alliances/{slug}/votes/{pk}/close",
    "POST /api/v1/alliances/alliances/{slug}/votes",
    "POST /api/v1/alliances/alliances/{slug}/votes/{pk}/candidates",
    "POST /api/v1/alliances/alliances/{slug}/votes/{pk}/tellers",
    "POST /api/v1/alliances/alliances/{slug}/votes/{pk}/open",
    "POST /api/v1/alliances/alliances/{slug}/votes/{pk}/tally",
    "POST /api/v1/alliances/alliances/{slug}/votes/{pk}/tally/confirm",
    "POST /api/v1/alliances/alliances/{slug}/dues",
    "POST /api/v1/alliances/alliances/{slug}/dues/{pk}",
    "POST /api/v1/alliances/alliances/{slug}/memberships/{pk}/document",
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
        client.post(
            f"{api}/memberships/{applicant.pk}/decision",
            {"to": "active"},
            content_type="application/json",
            **bearer(c.editor_b),
        ),
        client.post(f"{api}/votes/{vote.pk}/close", **bearer(c.editor_b)),
    ]

    assert [denied(r) for r in responses] == [True] * 5
    assert before.unchanged()


def test_editor_of_a_cannot_apply_for_b(client, scene):
    c, _alliance, _unit_b, _applicant, _vote = scene
    other = AllianceFactory()
    client.force_login(c.admin_a)
    before = Snapshot(Membership)

    page = client.post(f"/alliances/{other.slug}/apply/", {"organisation": c.org_b.pk})
    api = client.post(
        f"/api/v1/alliances/alliances/{other.slug}/applications",
        {"organisation": c.org_b.pk},
        content_type="application/json",
        **bearer(c.admin_a),
    )

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
        {"choices": ["yes"]},
        content_type="application/json",
        **bearer(c.editor_b),
    )

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
    ]

    assert [asks_to_log_in(r) for r in responses] == [True] * 4


def test_secretariat_editor_decides(client, scene):
    c, alliance, _unit_b, applicant, _vote = scene
    client.force_login(c.editor_a)

    client.post(
        f"/alliances/{alliance.slug}/review/{applicant.pk}/", {"to": "active", "reason": "ok"}
    )

    applicant.refresh_from_db()
    assert applicant.status == "active"


@pytest.mark.parametrize("role", ["editor_b", "member_a"])
def test_only_the_secretariat_prepares_votes_and_keeps_dues(client, scene, role):
    from amur.alliances.models import Dues, Option, Tally, Vote
    from tests.factories.directory import PersonFactory

    c, alliance, unit_b, _applicant, _vote = scene
    draft = services.vote_create(
        alliance=alliance,
        by=None,
        kind="election",
        title_en="Chair",
        electorate="units",
        majority="simple",
    )
    in_person = VoteFactory(alliance=alliance, in_person=True)
    third = UserFactory()  # a teller works for the secretariat or a member
    give_role(third, c.org_a, "member")
    tellers = [c.admin_a, c.editor_a, third]
    services.vote_tellers_set(vote=in_person, tellers=tellers, by=None)
    services.vote_open(vote=in_person, by=None)
    tally = services.tally_enter(
        vote=in_person, teller=c.admin_a, counts={"yes": 1}, participants=1
    )
    services.dues_set(alliance=alliance, year=2026, amount=1000, currency="CNY", by=None)
    dues = Dues.objects.get(membership=unit_b)
    person = PersonFactory()
    user = getattr(c, role)
    client.force_login(user)
    snapshots = [Snapshot(m) for m in (Vote, Option, Tally, Dues)]
    base = f"/alliances/{alliance.slug}"
    api = f"/api/v1/alliances/alliances/{alliance.slug}"
    json = {"content_type": "application/json", **bearer(user)}

    responses = [
        client.get(f"{base}/votes/new/"),
        client.post(
            f"{base}/votes/new/",
            {
                "kind": "motion",
                "electorate": "units",
                "majority": "simple",
                "quorum": "0.5",
                "seats": 1,
            },
        ),
        client.get(f"{base}/votes/{draft.pk}/manage/"),
        client.post(f"{base}/votes/{draft.pk}/manage/", {"form": "candidate", "person": person.pk}),
        client.post(f"{base}/votes/{draft.pk}/manage/", {"form": "open"}),
        client.get(f"{base}/votes/{draft.pk}/"),
        client.post(f"{base}/votes/{in_person.pk}/tally/", {"form": "confirm"}),
        client.get(f"{base}/dues/"),
        client.post(f"{base}/dues/", {"year": 2027, "amount": "5", "currency": "CNY"}),
        client.post(f"{base}/dues/{dues.pk}/", {"paid": "1"}),
        client.post(f"{api}/votes", {"kind": "motion", "electorate": "units"}, **json),
        client.post(f"{api}/votes/{draft.pk}/candidates", {"person": person.pk}, **json),
        client.post(f"{api}/votes/{draft.pk}/tellers", {"tellers": [user.pk]}, **json),
        client.post(f"{api}/votes/{draft.pk}/open", **bearer(user)),
        client.get(f"{api}/votes/{draft.pk}", **bearer(user)),
        client.post(
            f"{api}/votes/{in_person.pk}/tally", {"counts": {"yes": 9}, "participants": 9}, **json
        ),
        client.post(f"{api}/votes/{in_person.pk}/tally/confirm", **bearer(user)),
        client.get(f"{api}/dues", **bearer(user)),
        client.post(f"{api}/dues", {"year": 2027, "amount": "5"}, **json),
        client.post(f"{api}/dues/{dues.pk}", {"paid": True}, **json),
    ]

    assert [denied(r) for r in responses] == [True] * 20
    assert all(s.unchanged() for s in snapshots)
    assert tally.confirmations.count() == 0

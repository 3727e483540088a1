# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The secretariat's writes and the tellers' on the page and through the API: dues, decisions
on memberships, preparing, opening and closing votes, and in-person tallies. The same inputs
are accepted or refused, and refused with the same message, because the service is the only
gate (issue 11, part 1). Each channel works in its own copy of the same alliance."""

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.alliances import services
from amur.alliances.models import Dues, Membership, Option, Tally, TallyConfirmation, Vote
from tests.factories.alliances import AllianceFactory, MembershipFactory, VoteFactory
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def _json(user):
    return {"content_type": "application/json", **_auth(user)}


def _said(page) -> list[str]:
    return [str(m) for m in get_messages(page.wsgi_request)]


@pytest.fixture
def secretary():
    return UserFactory()


def _alliance(secretary, **fields):
    alliance = AllianceFactory(**fields)
    give_role(secretary, alliance.secretariat, "editor")
    MembershipFactory(alliance=alliance)
    return alliance


DUES_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("valid", {}, None),
    ("negative amount", {"amount": "-5"}, "Ensure this value is greater than or equal to 0."),
    ("year too early", {"year": 1200}, "Ensure this value is greater than or equal to 1990."),
    ("year too late", {"year": 2101}, "Ensure this value is less than or equal to 2100."),
    (
        "currency too long",
        {"currency": "EURO"},
        "Ensure this value has at most 3 characters (it has 4).",
    ),
    (
        "amount too long",
        {"amount": "12345678901.5"},
        "Ensure that there are no more than 10 digits before the decimal point.",
    ),
]


@pytest.mark.parametrize(("case", "inputs", "message"), DUES_CASES, ids=[c[0] for c in DUES_CASES])
def test_page_and_api_accept_and_refuse_dues_alike(client, secretary, case, inputs, message):
    page_alliance, api_alliance = _alliance(secretary), _alliance(secretary)
    data = {"year": 2027, "amount": "1500.00", "currency": "CNY", **inputs}
    client.force_login(secretary)

    page = client.post(f"/alliances/{page_alliance.slug}/dues/", data)
    api = client.post(
        f"/api/v1/alliances/alliances/{api_alliance.slug}/dues", data, **_json(secretary)
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 200
        assert Dues.objects.filter(membership__alliance=page_alliance).count() == 1
        assert Dues.objects.filter(membership__alliance=api_alliance).count() == 1
    else:
        assert api.status_code in (409, 422)
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert not Dues.objects.exists()


@pytest.mark.parametrize("paid", [True, False])
def test_page_and_api_mark_dues_alike(client, secretary, paid):
    rows = []
    for _channel in ("page", "api"):
        alliance = _alliance(secretary)
        services.dues_set(alliance=alliance, year=2027, amount=10, currency="CNY", by=None)
        row = Dues.objects.get(membership__alliance=alliance)
        if not paid:
            services.dues_mark(dues=row, paid=True, by=None)
        rows.append(row)
    client.force_login(secretary)

    page = client.post(
        f"/alliances/{rows[0].membership.alliance.slug}/dues/{rows[0].pk}/",
        {"paid": "1" if paid else "0"},
    )
    api = client.post(
        f"/api/v1/alliances/alliances/{rows[1].membership.alliance.slug}/dues/{rows[1].pk}",
        {"paid": paid},
        **_json(secretary),
    )

    assert page.status_code == 302
    assert api.status_code == 200
    for row in rows:
        row.refresh_from_db()
    assert [(r.paid, r.paid_on is not None) for r in rows] == 2 * [(paid, paid)]


DECISION_CASES = [
    # (case, status before, to, admission by vote, message expected; None: accepted)
    ("to review", "applied", "under_review", False, None),
    ("admitted", "under_review", "active", False, None),
    (
        "a step the workflow has not",
        "applied",
        "active",
        False,
        "A membership cannot go from “Applied” to “Active”.",
    ),
    (
        "admission by vote",
        "under_review",
        "active",
        True,
        "In this alliance a body decides on admission by a vote.",
    ),
]


@pytest.mark.parametrize(
    ("case", "status", "to", "by_vote", "message"),
    DECISION_CASES,
    ids=[c[0] for c in DECISION_CASES],
)
def test_page_and_api_decide_on_memberships_alike(
    client, secretary, case, status, to, by_vote, message
):
    memberships = []
    for _channel in ("page", "api"):
        alliance = _alliance(secretary, admission="vote" if by_vote else "secretariat")
        memberships.append(MembershipFactory(alliance=alliance, status=status))
    client.force_login(secretary)

    page = client.post(
        f"/alliances/{memberships[0].alliance.slug}/review/{memberships[0].pk}/",
        {"to": to, "reason": "Устав принят"},
    )
    api = client.post(
        f"/api/v1/alliances/alliances/{memberships[1].alliance.slug}"
        f"/memberships/{memberships[1].pk}/decision",
        {"to": to, "reason": "Устав принят"},
        **_json(secretary),
    )

    statuses = [Membership.objects.get(pk=m.pk).status for m in memberships]
    if message is None:
        assert api.status_code == 200
        assert statuses == [to, to]
    else:
        assert api.status_code == 409
        assert message in _said(page)
        assert message in api_messages(api)
        assert statuses == [status, status]


VOTE_CASES = [
    # (case, inputs, message expected; None: accepted)
    ("motion", {}, None),
    ("election", {"kind": "election", "seats": 2}, None),
    (
        "a body's members without the body",
        {"electorate": "body"},
        "A vote of a body's members needs the body.",
    ),
    (
        "admission without the application",
        {"kind": "admission"},
        "An admission vote names an application to this alliance.",
    ),
    (
        "title too long",
        {"title_en": "T" * 301},
        "Ensure this value has at most 300 characters (it has 301).",
    ),
]


@pytest.mark.parametrize(("case", "inputs", "message"), VOTE_CASES, ids=[c[0] for c in VOTE_CASES])
def test_page_and_api_accept_and_refuse_new_votes_alike(client, secretary, case, inputs, message):
    page_alliance, api_alliance = _alliance(secretary), _alliance(secretary)
    data = {
        "kind": "motion",
        "title_en": "Adopt the plan for 2027",
        "electorate": "units",
        "quorum": "0.5",
        "majority": "simple",
        "seats": 1,
        **inputs,
    }
    client.force_login(secretary)

    page = client.post(f"/alliances/{page_alliance.slug}/votes/new/", data)
    api = client.post(
        f"/api/v1/alliances/alliances/{api_alliance.slug}/votes", data, **_json(secretary)
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 201
        made = [Vote.objects.get(alliance=a) for a in (page_alliance, api_alliance)]
        assert [(v.kind, v.seats) for v in made] == 2 * [(data["kind"], data["seats"])]
    else:
        assert api.status_code in (409, 422)
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert not Vote.objects.exists()


def _draft(secretary, **fields):
    alliance = _alliance(secretary)
    return VoteFactory(alliance=alliance, **fields)


CANDIDATE_CASES = [
    # (case, kind, already a candidate, represents a stranger, message; None: accepted)
    ("valid", "election", False, False, None),
    ("a motion", "motion", False, False, "Only elections have candidates."),
    ("twice", "election", True, False, "This person is already a candidate."),
    (
        "represents an organisation that is no member",
        "election",
        False,
        True,
        "A candidate represents an active member of the alliance.",
    ),
]


@pytest.mark.parametrize(
    ("case", "kind", "twice", "stranger", "message"),
    CANDIDATE_CASES,
    ids=[c[0] for c in CANDIDATE_CASES],
)
def test_page_and_api_accept_and_refuse_candidates_alike(
    client, secretary, case, kind, twice, stranger, message
):
    person = PersonFactory()
    votes = [_draft(secretary, kind=kind, options=["placeholder"]) for _ in range(2)]
    representing = []
    for vote in votes:
        member = vote.alliance.memberships.get().organisation
        representing.append(OrganisationFactory() if stranger else member)
        if twice:
            services.vote_candidate_add(vote=vote, person=person, organisation=member, by=None)
    before = Option.objects.count()
    client.force_login(secretary)

    page = client.post(
        f"/alliances/{votes[0].alliance.slug}/votes/{votes[0].pk}/manage/",
        {"form": "candidate", "person": person.pk, "organisation": representing[0].pk},
    )
    api = client.post(
        f"/api/v1/alliances/alliances/{votes[1].alliance.slug}/votes/{votes[1].pk}/candidates",
        {"person": person.pk, "organisation": representing[1].pk},
        **_json(secretary),
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 201
        assert Option.objects.count() == before + 2
    else:
        assert api.status_code == 409
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert Option.objects.count() == before


TELLER_CASES = [
    # (case, a stranger among them, tally entered, message; None: accepted)
    ("valid", False, False, None),
    (
        "a stranger",
        True,
        False,
        "A teller works for the secretariat or a member organisation of the alliance.",
    ),
    ("after the tally", False, True, "Tellers can change only before a tally is entered."),
]


@pytest.mark.parametrize(
    ("case", "stranger", "tallied", "message"), TELLER_CASES, ids=[c[0] for c in TELLER_CASES]
)
def test_page_and_api_accept_and_refuse_tellers_alike(
    client, secretary, case, stranger, tallied, message
):
    votes, tellers = [], []
    for _channel in ("page", "api"):
        vote = _draft(secretary, in_person=True)
        member = vote.alliance.memberships.get().organisation
        people = [UserFactory() for _ in range(3)]
        for user in people:
            give_role(user, member, "member")
        if tallied:
            services.vote_tellers_set(vote=vote, tellers=people, by=None)
            services.vote_open(vote=vote, by=None)
            services.tally_enter(vote=vote, teller=people[0], counts={"yes": 1}, participants=1)
        if stranger:
            people[2] = UserFactory()
        votes.append(vote)
        tellers.append(people)
    before = [list(v.tellers.order_by("pk")) for v in votes]
    client.force_login(secretary)

    page = client.post(
        f"/alliances/{votes[0].alliance.slug}/votes/{votes[0].pk}/manage/",
        {"form": "tellers", "tellers": [u.pk for u in tellers[0]]},
    )
    api = client.post(
        f"/api/v1/alliances/alliances/{votes[1].alliance.slug}/votes/{votes[1].pk}/tellers",
        {"tellers": [u.pk for u in tellers[1]]},
        **_json(secretary),
    )

    after = [list(v.tellers.order_by("pk")) for v in votes]
    if message is None:
        assert page.status_code == 302
        assert api.status_code == 200
        assert after == tellers
    else:
        assert api.status_code == 409
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert after == before


OPEN_CASES = [
    # (case, vote's fields, options removed, message expected; None: accepted)
    ("valid", {}, False, None),
    ("no options", {"kind": "election"}, True, "A vote needs options before it opens."),
    (
        "in person without tellers",
        {"in_person": True},
        False,
        "An in-person vote needs three tellers: one enters the tally, two confirm it.",
    ),
    ("opened before", {"status": "open"}, False, "Only a draft vote can be opened."),
]


@pytest.mark.parametrize(
    ("case", "fields", "no_options", "message"), OPEN_CASES, ids=[c[0] for c in OPEN_CASES]
)
def test_page_and_api_open_votes_alike(client, secretary, case, fields, no_options, message):
    votes = [_draft(secretary, **fields) for _ in range(2)]
    if no_options:
        Option.objects.filter(vote__in=votes).delete()
    client.force_login(secretary)

    page = client.post(
        f"/alliances/{votes[0].alliance.slug}/votes/{votes[0].pk}/manage/", {"form": "open"}
    )
    api = client.post(
        f"/api/v1/alliances/alliances/{votes[1].alliance.slug}/votes/{votes[1].pk}/open",
        **_auth(secretary),
    )

    statuses = [Vote.objects.get(pk=v.pk).status for v in votes]
    if message is None:
        assert page.status_code == 302
        assert api.status_code == 200
        assert statuses == ["open", "open"]
    else:
        assert api.status_code == 409
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert statuses == [fields.get("status", "draft")] * 2


@pytest.mark.parametrize(
    ("case", "opened", "message"),
    [("open", True, None), ("a draft", False, "Only an open vote can be closed.")],
)
def test_page_and_api_close_votes_alike(client, secretary, case, opened, message):
    votes = [_draft(secretary) for _ in range(2)]
    if opened:
        votes = [services.vote_open(vote=v, by=None) for v in votes]
    client.force_login(secretary)

    page = client.post(f"/alliances/{votes[0].alliance.slug}/votes/{votes[0].pk}/close/")
    api = client.post(
        f"/api/v1/alliances/alliances/{votes[1].alliance.slug}/votes/{votes[1].pk}/close",
        **_auth(secretary),
    )

    statuses = [Vote.objects.get(pk=v.pk).status for v in votes]
    if message is None:
        assert api.status_code == 200
        assert statuses == ["closed", "closed"]
    else:
        assert api.status_code == 409
        assert message in _said(page)
        assert message in api_messages(api)
        assert statuses == ["draft", "draft"]


def _in_person_vote(secretary, *, tallied: bool = False):
    vote = _draft(secretary, in_person=True)
    member = vote.alliance.memberships.get().organisation
    tellers = [UserFactory() for _ in range(3)]
    for user in tellers:
        give_role(user, member, "member")
    services.vote_tellers_set(vote=vote, tellers=tellers, by=None)
    vote = services.vote_open(vote=vote, by=None)
    if tallied:
        services.tally_enter(vote=vote, teller=tellers[0], counts={"yes": 2}, participants=3)
    return vote, tellers


TALLY_CASES = [
    # (case, counts, participants, message expected; None: accepted)
    ("valid", {"yes": 5, "no": 2, "abstain": 1}, 9, None),
    (
        "more votes than voters",
        {"yes": 5, "no": 5, "abstain": 0},
        9,
        "The tally counts more votes than participants.",
    ),
    ("a negative count", {"yes": -1, "no": 0, "abstain": 0}, 9, "A count cannot be negative."),
    ("negative participants", {"yes": 0, "no": 0, "abstain": 0}, -1, "A count cannot be negative."),
]


@pytest.mark.parametrize(
    ("case", "counts", "participants", "message"), TALLY_CASES, ids=[c[0] for c in TALLY_CASES]
)
def test_page_and_api_accept_and_refuse_tallies_alike(
    client, secretary, case, counts, participants, message
):
    (page_vote, page_tellers), (api_vote, api_tellers) = (
        _in_person_vote(secretary) for _ in range(2)
    )

    client.force_login(page_tellers[0])
    page = client.post(
        f"/alliances/{page_vote.alliance.slug}/votes/{page_vote.pk}/tally/",
        {
            "form": "enter",
            "participants": participants,
            "option_yes": counts["yes"],
            "option_no": counts["no"],
            "abstain": counts["abstain"],
        },
    )
    client.logout()
    api = client.post(
        f"/api/v1/alliances/alliances/{api_vote.alliance.slug}/votes/{api_vote.pk}/tally",
        {"counts": counts, "participants": participants},
        **_json(api_tellers[0]),
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 201
        assert [t.counts for t in Tally.objects.order_by("vote_id")] == [counts, counts]
    else:
        assert api.status_code in (409, 422)
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert not Tally.objects.exists()


@pytest.mark.parametrize(
    ("case", "who", "message"),
    [
        ("another teller", 1, None),
        ("the teller who entered it", 0, "The teller who entered the tally cannot confirm it."),
    ],
)
def test_page_and_api_confirm_tallies_alike(client, secretary, case, who, message):
    (page_vote, page_tellers), (api_vote, api_tellers) = (
        _in_person_vote(secretary, tallied=True) for _ in range(2)
    )

    client.force_login(page_tellers[who])
    page = client.post(
        f"/alliances/{page_vote.alliance.slug}/votes/{page_vote.pk}/tally/", {"form": "confirm"}
    )
    client.logout()
    api = client.post(
        f"/api/v1/alliances/alliances/{api_vote.alliance.slug}/votes/{api_vote.pk}/tally/confirm",
        **_auth(api_tellers[who]),
    )

    if message is None:
        assert page.status_code == 302
        assert api.status_code == 200
        assert TallyConfirmation.objects.count() == 2
    else:
        assert api.status_code == 409
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert not TallyConfirmation.objects.exists()

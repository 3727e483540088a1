# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Casting a ballot on the page and through the API: the same choices are accepted or
refused, and refused with the same message, because the service is the only gate (issue
11, part 1). A delegate votes in two alliances' copies of the same vote, one per channel."""

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.alliances import services
from amur.alliances.models import Participation
from tests.factories.alliances import AllianceFactory, MembershipFactory, VoteFactory
from tests.factories.directory import OrganisationFactory, UserFactory
from tests.parity import api_messages

pytestmark = pytest.mark.django_db

CASES = [
    # (case, choices, voted before, closed, message expected; None: accepted)
    ("yes", ["yes"], False, False, None),
    ("abstention", [], False, False, None),
    (
        "an option not on it",
        ["perhaps"],
        False,
        False,
        "The ballot names an option that is not on it.",
    ),
    ("two answers to a motion", ["yes", "no"], False, False, "Too many choices on the ballot."),
    ("voted before", ["no"], True, False, "A ballot has already been cast for this voter."),
    ("vote closed", ["yes"], False, True, "This vote is not open."),
]


def _vote(delegate, *, voted: bool, closed: bool):
    alliance = AllianceFactory(secretariat=OrganisationFactory())
    MembershipFactory(alliance=alliance, organisation=OrganisationFactory(), delegate=delegate)
    vote = services.vote_open(vote=VoteFactory(alliance=alliance), by=None)
    if voted:
        services.ballot_cast(vote=vote, user=delegate, choices=["yes"])
    if closed:
        vote = services.vote_close(vote=vote, by=None)
    return alliance, vote


@pytest.mark.parametrize(
    ("case", "choices", "voted", "closed", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_page_and_api_accept_and_refuse_ballots_alike(
    client, case, choices, voted, closed, message
):
    delegate = UserFactory()
    (page_alliance, page_vote), (api_alliance, api_vote) = (
        _vote(delegate, voted=voted, closed=closed) for _ in range(2)
    )
    before = Participation.objects.count()

    client.force_login(delegate)
    form = {"choice": choices} if choices else {"abstain": "1"}
    page = client.post(f"/alliances/{page_alliance.slug}/votes/{page_vote.pk}/ballot/", form)
    page_messages = [str(m) for m in get_messages(page.wsgi_request)]
    client.logout()
    api = client.post(
        f"/api/v1/alliances/alliances/{api_alliance.slug}/votes/{api_vote.pk}/ballots",
        {"choices": choices},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=delegate, name='t')[1]}",
    )

    if message is None:
        assert api.status_code == 201
        assert Participation.objects.count() == before + 2
    else:
        assert api.status_code == 409
        assert message in page_messages
        assert message in api_messages(api)
        assert Participation.objects.count() == before

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import itertools

import pytest
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from amur.alliances import services
from amur.alliances.enums import TRANSITIONS, MembershipStatus
from amur.alliances.models import Ballot, Membership, Participation, SealedBallot, Tally
from amur.core.models import AuditEntry
from tests.factories.alliances import AllianceFactory, MembershipFactory, VoteFactory
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.pdf import assert_reads_everywhere

pytestmark = pytest.mark.django_db
ALL = list(MembershipStatus)


def membership_in(status):
    return MembershipFactory(status=status)


@pytest.mark.parametrize(("start", "to"), [(s, t) for s in ALL for t in ALL if t in TRANSITIONS[s]])
def test_every_legal_transition_is_taken_and_recorded(start, to):
    membership = membership_in(start)
    user = UserFactory()

    services.membership_transition(membership=membership, to=to, by=user, reason="decision")

    membership.refresh_from_db()
    step = membership.history.get()
    assert membership.status == to
    assert (step.from_status, step.to_status, step.by, step.reason) == (start, to, user, "decision")
    assert AuditEntry.objects.filter(action="membership.transition").count() == 1


@pytest.mark.parametrize(
    ("start", "to"), [(s, t) for s in ALL for t in ALL if t not in TRANSITIONS[s]]
)
def test_every_illegal_transition_is_refused(start, to):
    membership = membership_in(start)

    with pytest.raises(services.AlliancesError, match="cannot go from"):
        services.membership_transition(membership=membership, to=to, by=None)

    membership.refresh_from_db()
    assert membership.status == start
    assert not membership.history.exists()


def test_apply_creates_one_live_membership_only():
    alliance, organisation = AllianceFactory(), OrganisationFactory()
    services.membership_apply(
        alliance=alliance, organisation=organisation, category="member", by=None
    )

    with pytest.raises(services.AlliancesError, match="already has"):
        services.membership_apply(
            alliance=alliance, organisation=organisation, category="member", by=None
        )


def test_admission_by_vote_cannot_be_bypassed_by_the_secretariat():
    alliance = AllianceFactory(admission="vote")
    membership = MembershipFactory(alliance=alliance, status="under_review")

    with pytest.raises(services.AlliancesError, match="by a vote"):
        services.membership_transition(membership=membership, to="active", by=None)


class MembershipMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.membership = MembershipFactory(status="applied")

    @rule(to=st.sampled_from(ALL))
    def attempt(self, to):
        before = Membership.objects.get(pk=self.membership.pk).status
        try:
            services.membership_transition(membership=self.membership, to=to, by=None)
        except services.AlliancesError:
            assert to not in TRANSITIONS[MembershipStatus(before)] or before in (
                "under_review",
                "voting",
            )

    @invariant()
    def history_is_a_path_through_the_table(self):
        steps = list(self.membership.history.values_list("from_status", "to_status"))
        for (_a, b), (c, _d) in itertools.pairwise(steps):
            assert b == c
        for a, b in steps:
            assert b in TRANSITIONS[MembershipStatus(a)]


def test_random_transitions_stay_inside_the_table():
    run_state_machine_as_test(MembershipMachine, settings=hsettings(max_examples=30, deadline=None))


# Ballots ------------------------------------------------------------------------------


@pytest.fixture
def unit_vote():
    alliance = AllianceFactory()
    delegates = [UserFactory() for _ in range(4)]
    for user in delegates:
        MembershipFactory(alliance=alliance, delegate=user)
    MembershipFactory(alliance=alliance, category="observer", delegate=UserFactory())
    vote = VoteFactory(alliance=alliance, quorum="0.5")
    return services.vote_open(vote=vote, by=None), delegates


def test_electorate_is_one_vote_per_voting_unit(unit_vote):
    vote, _delegates = unit_vote

    assert vote.electorate_size == 4


def test_each_delegate_votes_once_and_gets_a_verifiable_receipt(unit_vote):
    vote, delegates = unit_vote

    code = services.ballot_cast(vote=vote, user=delegates[0], choices=["yes"])
    with pytest.raises(services.AlliancesError, match="already been cast"):
        services.ballot_cast(vote=vote, user=delegates[0], choices=["no"])

    assert services.receipt_verify(vote=vote, code=code)
    assert not services.receipt_verify(vote=vote, code="0000000000000000")
    assert SealedBallot.objects.filter(vote=vote).count() == 1  # in the box until the close


def test_outsiders_and_observers_cannot_vote(unit_vote):
    vote, _delegates = unit_vote

    with pytest.raises(services.AlliancesError, match="not entitled"):
        services.ballot_cast(vote=vote, user=UserFactory(), choices=["yes"])


def test_ballot_is_not_linked_to_its_voter():
    fields = {f.name for f in Ballot._meta.get_fields()}
    participation_fields = {f.name for f in Participation._meta.get_fields()}

    assert fields == {"id", "vote", "choices", "receipt_hash"}
    assert participation_fields == {"id", "vote", "voter"}


def test_results_appear_only_after_closing_with_turnout_quorum_and_majority(unit_vote):
    vote, delegates = unit_vote
    services.ballot_cast(vote=vote, user=delegates[0], choices=["yes"])
    services.ballot_cast(vote=vote, user=delegates[1], choices=["yes"])
    services.ballot_cast(vote=vote, user=delegates[2], choices=[])

    assert not services.vote_results_visible(vote)
    vote = services.vote_close(vote=vote, by=None)

    assert services.vote_results_visible(vote)
    assert vote.result == {
        "counts": {"yes": 2, "no": 0},
        "abstentions": 1,
        "participants": 3,
        "electorate": 4,
        "turnout": "0.7500",
        "quorum_met": True,
        "base": 2,
        "majority_met": True,
        "tie": False,
        "adopted": True,
    }


def test_closed_vote_cannot_change(unit_vote):
    vote, delegates = unit_vote
    services.vote_close(vote=vote, by=None)

    with pytest.raises(services.AlliancesError, match="not open"):
        services.ballot_cast(vote=vote, user=delegates[3], choices=["yes"])
    with pytest.raises(services.AlliancesError, match="Only an open vote"):
        services.vote_close(vote=vote, by=None)


def test_admission_vote_decides_the_membership():
    alliance = AllianceFactory(admission="vote")
    delegate = UserFactory()
    MembershipFactory(alliance=alliance, delegate=delegate)
    applicant = MembershipFactory(alliance=alliance, status="voting")
    vote = VoteFactory(alliance=alliance, kind="admission", membership=applicant)
    services.vote_open(vote=vote, by=None)
    services.ballot_cast(vote=vote, user=delegate, choices=["yes"])

    services.vote_close(vote=vote, by=None)

    applicant.refresh_from_db()
    assert applicant.status == "active"


def test_in_person_tally_needs_two_other_tellers():
    vote = VoteFactory(in_person=True)
    member = MembershipFactory(alliance=vote.alliance).organisation
    entering, first, second = UserFactory(), UserFactory(), UserFactory()
    for teller in (entering, first, second):  # a teller works for a member
        give_role(teller, member, "member")
    with pytest.raises(services.AlliancesError, match="three tellers"):
        services.vote_open(vote=vote, by=None)
    services.vote_tellers_set(vote=vote, tellers=[entering, first, second], by=None)
    services.vote_open(vote=vote, by=None)
    with pytest.raises(services.AlliancesError, match="Only the vote's tellers"):
        services.tally_enter(vote=vote, teller=UserFactory(), counts={"yes": 1}, participants=1)
    tally = services.tally_enter(
        vote=vote, teller=entering, counts={"yes": 120, "no": 3, "abstain": 2}, participants=125
    )

    with pytest.raises(services.AlliancesError, match="cannot confirm"):
        services.tally_confirm(tally=tally, teller=entering)
    with pytest.raises(services.AlliancesError, match="Only the vote's tellers"):
        services.tally_confirm(tally=tally, teller=UserFactory())
    services.tally_confirm(tally=tally, teller=first)
    with pytest.raises(services.AlliancesError, match="already confirmed"):
        services.tally_confirm(tally=tally, teller=first)
    with pytest.raises(services.AlliancesError, match="Two tellers"):
        services.vote_close(vote=vote, by=None)
    services.tally_confirm(tally=tally, teller=second)
    closed = services.vote_close(vote=vote, by=None)

    assert closed.result["counts"] == {"yes": 120, "no": 3}
    assert Tally.objects.get(vote=vote).confirmations.count() == 2


def test_a_position_never_has_more_holders_than_its_limit():
    from datetime import date

    from amur.alliances.models import Position
    from tests.factories.alliances import BodyFactory
    from tests.factories.directory import PersonFactory

    body = BodyFactory()
    chair = Position.objects.create(
        body=body,
        key="chair",
        title_zh="理事长",
        title_ru="председатель",
        title_en="Chair",
        max_holders=1,
    )
    first = services.mandate_assign(
        position=chair, person=PersonFactory(), organisation=None, start=date(2023, 8, 3), by=None
    )

    with pytest.raises(services.AlliancesError, match="already has its 1 holder"):
        services.mandate_assign(
            position=chair,
            person=PersonFactory(name="王"),
            organisation=None,
            start=date(2024, 1, 1),
            by=None,
        )
    services.mandate_end(mandate=first, end=date(2023, 12, 31), by=None)
    services.mandate_assign(
        position=chair,
        person=PersonFactory(name="王"),
        organisation=None,
        start=date(2024, 1, 1),
        by=None,
    )

    assert chair.mandates.count() == 2


def test_membership_certificate_pdf(client):
    membership = MembershipFactory(joined_on="2023-08-03")

    response = client.get(
        f"/alliances/{membership.alliance.slug}/members/{membership.pk}/certificate.pdf"
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert_reads_everywhere(
        response.content, "成员证书", "Свидетельство о членстве", "Certificate of membership"
    )

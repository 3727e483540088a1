# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
""" "My Amur": everything that concerns the signed-in person, with status and next step,
each linking to where to act — and nothing of anybody else's."""

import pytest
from django.utils import timezone

from amur.alliances.models import Participation
from amur.events.models import Registration
from amur.forum.models import Assignment
from amur.library.models import LoanRequest
from tests.factories.alliances import MembershipFactory, VoteFactory
from tests.factories.competitions import ContestantFactory
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.events import EventFactory, ModeFactory
from tests.factories.forum import reviewer, scene, submission
from tests.factories.library import RecordFactory
from tests.factories.mobility import ApplicationFactory

pytestmark = pytest.mark.django_db


def _sections(client, user):
    client.force_login(user)
    response = client.get("/me/")
    assert response.status_code == 200
    return {section.key: section.rows for section in response.context["sections"]}, response


def test_a_new_person_is_told_what_will_appear(client):
    sections, response = _sections(client, UserFactory())

    assert sections == {}
    assert "Nothing concerns you yet." in response.content.decode()


def test_registrations_applications_and_roles_with_status_and_next_step(client):
    user = UserFactory(email="olga@example.org")
    stranger = UserFactory()
    event = EventFactory(title_en="Harbin Ice Festival")
    Registration.objects.create(
        event=event,
        mode=ModeFactory(event=event),
        name="Olga",
        email="OLGA@example.org",
        status="confirmed",
    )
    other = EventFactory(title_en="Someone else's")
    Registration.objects.create(
        event=other,
        mode=ModeFactory(event=other),
        name="X",
        email="x@example.org",
        status="confirmed",
    )
    contestant = ContestantFactory(
        user=user, status="draft", discipline__edition__competition__name_en="Amur Piano"
    )
    ContestantFactory(user=stranger, discipline__edition__competition__name_en="Not mine")
    application = ApplicationFactory(applicant=user, call__title_en="Semester in Khabarovsk")
    organisation = OrganisationFactory(name_en="Heihe University")
    give_role(user, organisation, "admin")
    MembershipFactory(
        organisation=organisation, status="applied", alliance__name_en="Vocational Alliance"
    )

    sections, response = _sections(client, user)

    html = response.content.decode()
    (registration,) = sections["registrations"]
    assert registration.title == "Harbin Ice Festival"
    assert registration.status == "Confirmed"
    assert registration.url == f"/events/{event.slug}/"
    assert "Someone else's" not in html
    (entry,) = sections["competitions"]
    assert entry.status == "Draft"
    assert entry.next_step == "Complete the application and submit it."
    assert entry.url == f"/competitions/applications/{contestant.pk}/"
    assert "Not mine" not in html
    (mobility,) = sections["mobility"]
    assert mobility.url == f"/mobility/calls/{application.call_id}/"
    assert mobility.status == "Draft"
    assert mobility.next_step  # the applicant's own steps (submit, withdraw)
    (membership,) = sections["alliances"]
    assert membership.title == "Heihe University → Vocational Alliance"
    assert membership.status == "Applied"
    assert [row.status for row in sections["organisations"]] == ["Administrator"]


def test_loans_votes_reviews_to_act_on(client):
    user = UserFactory()
    library = OrganisationFactory(kind="library")
    give_role(user, library, "member")
    LoanRequest.objects.create(
        requester=OrganisationFactory(kind="library"),
        supplier=library,
        record=RecordFactory(title="Evgenii Onegin"),
    )
    membership = MembershipFactory(delegate=user, organisation=library)
    vote = VoteFactory(
        alliance=membership.alliance,
        status="open",
        opened_at=timezone.now(),
        title_en="Adopt the plan",
    )
    voted = VoteFactory(alliance=membership.alliance, status="open", title_en="Already voted")
    Participation.objects.create(vote=voted, voter=f"unit:{membership.pk}")
    forum = scene()
    track = forum.tracks[0]
    assigned = reviewer(track, "reviewer", "Петров Пётр", side="ru")
    paper = submission(forum.edition, track)
    Assignment.objects.create(submission=paper, reviewer=assigned, language="ru")

    sections, _ = _sections(client, user)
    (loan,) = sections["loans"]
    assert loan.title == "Evgenii Onegin"
    assert loan.status == "Request received"  # words, not the ISO 18626 code
    assert loan.next_step == "Answer the request."
    assert [row.title for row in sections["votes"]] == ["Adopt the plan"]
    assert sections["votes"][0].url == f"/alliances/{vote.alliance.slug}/votes/{vote.pk}/"

    review_sections, _ = _sections(client, assigned.person.user)
    (review,) = review_sections["reviews"]
    assert review.url == f"/forum/submissions/{paper.pk}/review/"

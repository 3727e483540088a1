# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import date

import pytest

from amur.mobility import services
from amur.mobility.models import Mobility
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db
COURSES = [
    {
        "code": "PIANO-1",
        "title": "Фортепиано",
        "credits": "5",
        "scheme": "ru",
        "recognised_as": "钢琴 3学分",
    }
]


@pytest.fixture
def scene():
    student = UserFactory(username="student")
    sending_org, receiving_org = OrganisationFactory(), OrganisationFactory()
    sending, receiving = UserFactory(username="sending"), UserFactory(username="receiving")
    give_role(sending, sending_org, "editor")
    give_role(receiving, receiving_org, "editor")
    mobility = Mobility.objects.create(
        person=PersonFactory(user=student), sending=sending_org, receiving=receiving_org,
        kind="semester", start=date(2027, 2, 1), end=date(2027, 6, 30),
    )  # fmt: skip
    return mobility, student, sending, receiving


def agree(version, student, sending, receiving):
    services.la_sign(version=version, by=student, side="student")
    services.la_sign(version=version, by=sending, side="sending")
    return services.la_receiving_answer(version=version, by=receiving, approve=True)


def test_first_version_needs_the_student_the_sender_and_the_receiver(scene):
    mobility, student, sending, receiving = scene
    version = services.la_propose(mobility=mobility, components=COURSES, by=student)

    with pytest.raises(services.MobilityError, match="sign first"):
        services.la_receiving_answer(version=version, by=receiving, approve=True)
    version = agree(version, student, sending, receiving)

    assert version.agreed


def test_a_change_needs_both_approvals_again(scene):
    mobility, student, sending, receiving = scene
    agree(
        services.la_propose(mobility=mobility, components=COURSES, by=student),
        student,
        sending,
        receiving,
    )

    change = services.la_propose(
        mobility=mobility, components=[*COURSES, {**COURSES[0], "code": "ORG-2"}], by=student
    )
    services.la_sign(version=change, by=student, side="student")

    assert not change.agreed
    with pytest.raises(services.MobilityError, match="sign first"):
        services.la_receiving_answer(version=change, by=receiving, approve=True)


def test_approving_a_proposal_that_is_no_longer_the_latest_is_refused(scene):
    mobility, student, _sending, receiving = scene
    first = services.la_propose(mobility=mobility, components=COURSES, by=student)
    services.la_receiving_answer(
        version=first, by=receiving, approve=False, comment="Курс не читается весной"
    )
    services.la_propose(
        mobility=mobility, components=[{**COURSES[0], "code": "PIANO-2"}], by=student
    )

    with pytest.raises(services.MobilityError, match="no longer the latest"):
        services.la_receiving_answer(version=first, by=receiving, approve=True)


def test_only_one_open_proposal_at_a_time(scene):
    mobility, student, _sending, _receiving = scene
    services.la_propose(mobility=mobility, components=COURSES, by=student)

    with pytest.raises(services.MobilityError, match="still open"):
        services.la_propose(mobility=mobility, components=COURSES, by=student)


def test_the_sending_office_cannot_approve_for_the_receiver(scene):
    mobility, student, sending, _receiving = scene
    version = services.la_propose(mobility=mobility, components=COURSES, by=student)

    with pytest.raises(services.MobilityError, match="other side"):
        services.la_receiving_answer(version=version, by=sending, approve=True)
    with pytest.raises(services.MobilityError, match="Only the student"):
        services.la_sign(version=version, by=sending, side="student")


def test_each_credit_line_names_its_scheme(scene):
    mobility, student, _sending, _receiving = scene

    with pytest.raises(services.MobilityError, match="credit scheme"):
        services.la_propose(
            mobility=mobility, components=[{"code": "X", "credits": "3"}], by=student
        )

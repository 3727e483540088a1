# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import contextlib
from datetime import date

import pytest
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

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
        person=PersonFactory(user=student),
        sending=sending_org,
        receiving=receiving_org,
        kind="semester",
        start=date(2027, 2, 1),
        end=date(2027, 6, 30),
    )
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


SIDES = ["student", "sending", "receiving"]


class LearningAgreementMachine(RuleBasedStateMachine):
    """Any side tries any step on any version: the invariants of the EWP learning agreement
    hold whatever the order."""

    def __init__(self):
        super().__init__()
        student = UserFactory()
        sending_org, receiving_org = OrganisationFactory(), OrganisationFactory()
        sending, receiving = UserFactory(), UserFactory()
        give_role(sending, sending_org, "editor")
        give_role(receiving, receiving_org, "editor")
        self.mobility = Mobility.objects.create(
            person=PersonFactory(user=student),
            sending=sending_org,
            receiving=receiving_org,
            kind="semester",
            start=date(2027, 2, 1),
            end=date(2027, 6, 30),
        )
        self.users = {"student": student, "sending": sending, "receiving": receiving}
        self.settled: dict[int, tuple] = {}

    def _version(self, back: int):
        versions = list(self.mobility.la_versions.order_by("-number"))
        return versions[min(back, len(versions) - 1)] if versions else None

    @rule(actor=st.sampled_from(SIDES))
    def propose(self, actor):
        with contextlib.suppress(services.MobilityError):
            services.la_propose(mobility=self.mobility, components=COURSES, by=self.users[actor])

    @rule(
        actor=st.sampled_from(SIDES),
        side=st.sampled_from(["student", "sending"]),
        back=st.integers(0, 2),
    )
    def sign(self, actor, side, back):
        version = self._version(back)
        if version is None:
            return
        with contextlib.suppress(services.MobilityError):
            services.la_sign(version=version, by=self.users[actor], side=side)

    @rule(actor=st.sampled_from(SIDES), approve=st.booleans(), back=st.integers(0, 2))
    def answer(self, actor, approve, back):
        version = self._version(back)
        if version is None:
            return
        with contextlib.suppress(services.MobilityError):
            services.la_receiving_answer(
                version=version, by=self.users[actor], approve=approve, comment="Нет мест"
            )

    @invariant()
    def versions_are_numbered_and_only_the_latest_may_be_open(self):
        versions = list(self.mobility.la_versions.order_by("number"))
        assert [v.number for v in versions] == list(range(1, len(versions) + 1))
        assert all(not v.open for v in versions[:-1])

    @invariant()
    def each_side_acted_only_for_itself(self):
        for v in self.mobility.la_versions.all():
            assert v.sending_signer in (None, self.users["sending"])
            assert v.receiving_signer in (None, self.users["receiving"])
            if v.approved_by_receiving:
                assert v.signed_by_student
                assert v.signed_by_sending
                assert v.approved_by_receiving >= max(v.signed_by_student, v.signed_by_sending)
            assert not (v.approved_by_receiving and v.rejected)

    @invariant()
    def a_settled_version_never_changes(self):
        for v in self.mobility.la_versions.all():
            state = (
                v.signed_by_student,
                v.signed_by_sending,
                v.approved_by_receiving,
                v.receiving_comment,
                v.components,
            )
            if v.pk in self.settled:
                assert self.settled[v.pk] == state
            elif not v.open:
                self.settled[v.pk] = state


def test_random_steps_keep_the_learning_agreement_consistent():
    run_state_machine_as_test(
        LearningAgreementMachine, settings=hsettings(max_examples=25, deadline=None)
    )


def test_each_step_is_mailed_to_the_other_sides_in_their_languages(
    scene, django_capture_on_commit_callbacks
):
    from django.core import mail

    from amur.accounts.models import Profile

    mobility, student, sending, receiving = scene
    Profile.objects.filter(user=receiving).update(language="ru")
    Profile.objects.filter(user=student).update(language="zh-hans")

    with django_capture_on_commit_callbacks(execute=True):
        version = services.la_propose(mobility=mobility, components=COURSES, by=student)
    proposed = sorted((m.to[0], m.subject) for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.la_sign(version=version, by=student, side="student")
        services.la_sign(version=version, by=sending, side="sending")
    ready = [(m.to[0], m.subject) for m in mail.outbox]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.la_receiving_answer(
            version=version, by=receiving, approve=False, comment="Курс не читается весной"
        )

    name = str(mobility.person)
    assert proposed == [
        ("receiving@example.org", f"Соглашение об обучении: {name}, версия 1 предложена"),
        ("sending@example.org", f"Learning agreement of {name}: version 1 proposed"),
    ]
    assert ready == [
        (
            "receiving@example.org",
            f"Соглашение об обучении: {name}, версия 1 ждёт вашего утверждения",
        )
    ]
    rejected = {m.to[0]: m for m in mail.outbox}
    assert sorted(rejected) == ["sending@example.org", "student@example.org"]
    assert rejected["student@example.org"].subject == f"{name}的学习协议：第1版被拒绝"
    assert "Курс не читается весной" in rejected["sending@example.org"].body


def test_a_side_signs_a_version_once(scene):
    mobility, student, _sending, _receiving = scene
    version = services.la_propose(mobility=mobility, components=COURSES, by=student)
    services.la_sign(version=version, by=student, side="student")

    with pytest.raises(services.MobilityError, match="already signed"):
        services.la_sign(version=version, by=student, side="student")

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Transcript of records at the end of a stay and recognition at home, converted by the
institutions' credit rules and the grade tables."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from amur.accounts.services import api_token_create
from amur.mobility import services
from amur.mobility.conversion import CreditRule, convert_grade
from amur.mobility.models import InstitutionCreditRule, Recognition, Transcript
from tests.factories.core import moscow
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.factories.mobility import MobilityFactory
from tests.permissions import Snapshot

pytestmark = pytest.mark.django_db

PIANO = {
    "code": "ФОРТ-301",
    "title": "Специальное фортепиано",
    "credits": "5",
    "scheme": "ru",
    "grade": "5",
    "grade_scale": "ru",
}
HISTORY = {
    "code": "ИСТ-210",
    "title": "История русской музыки",
    "credits": "2",
    "scheme": "ru",
    "grade": "зачёт",
    "grade_scale": "passfail",
}


@pytest.fixture
def ended():
    """A Harbin student's finished semester in Moscow, with an agreed learning agreement."""
    student = UserFactory(username="student")
    today = timezone.localdate()
    mobility = MobilityFactory(
        person=PersonFactory(user=student),
        receiving=OrganisationFactory(place=moscow()),
        start=today - timedelta(days=150),
        end=today - timedelta(days=1),
    )
    sending, receiving = UserFactory(username="sending"), UserFactory(username="receiving")
    give_role(sending, mobility.sending, "editor")
    give_role(receiving, mobility.receiving, "editor")
    version = services.la_propose(
        mobility=mobility,
        by=student,
        components=[{**PIANO, "recognised_as": "钢琴主科"}, {**HISTORY, "recognised_as": "音乐史"}],
    )
    services.la_sign(version=version, by=student, side="student")
    services.la_sign(version=version, by=sending, side="sending")
    services.la_receiving_answer(version=version, by=receiving, approve=True)
    return mobility, student, sending, receiving


@pytest.mark.parametrize(
    ("grade", "source", "target", "expected"),
    [
        ("85", "cn", "ru", "4"),
        ("85", "cn", "ects", "B"),
        ("59.5", "cn", "ru", "2"),
        ("60", "cn", "ects", "D"),
        ("5", "ru", "cn", "95"),
        ("5", "ru", "ects", "A"),
        ("зачёт", "passfail", "ru", "зачёт"),
        ("незачёт", "passfail", "ru", "незачёт"),
        ("зачёт", "passfail", "cn", "75"),
        ("E", "ects", "ects", "E"),
        ("b", "ects", "ru", "4"),
    ],
)
def test_grades_convert_between_the_three_scales(grade, source, target, expected):
    assert convert_grade(grade, source, target) == expected


@pytest.mark.parametrize(
    ("grade", "scale"), [("101", "cn"), ("зачёт", "ru"), ("5", "passfail"), ("G", "ects")]
)
def test_a_grade_outside_its_scale_is_refused(grade, scale):
    with pytest.raises(ValueError, match=r"not|outside"):
        convert_grade(grade, scale, "cn")


def test_credit_rule_defaults_to_the_country_and_an_institution_may_state_its_own():
    harbin, petersburg = OrganisationFactory(), OrganisationFactory(place=moscow())

    assert services.credit_rule_for(harbin) == CreditRule("cn", Decimal(16))
    assert services.credit_rule_for(petersburg) == CreditRule("ru", Decimal(36))
    InstitutionCreditRule.objects.create(organisation=harbin, system="cn", hours_per_credit=18)
    harbin.refresh_from_db()
    assert services.credit_rule_for(harbin) == CreditRule("cn", Decimal(18))


def test_the_receiving_office_issues_the_transcript_once(ended):
    mobility, _student, sending, receiving = ended

    with pytest.raises(services.MobilityError, match="receiving institution issues"):
        services.transcript_issue(mobility=mobility, entries=[PIANO], by=sending)
    transcript = services.transcript_issue(
        mobility=mobility, entries=[PIANO, HISTORY], by=receiving
    )
    with pytest.raises(services.MobilityError, match="already issued"):
        services.transcript_issue(mobility=mobility, entries=[PIANO], by=receiving)

    assert [(e.title, e.grade) for e in transcript.entries.all()] == [
        ("Специальное фортепиано", "5"),
        ("История русской музыки", "зачёт"),
    ]
    assert transcript.issued_by == receiving


def test_no_transcript_before_the_end_of_the_stay(ended):
    mobility, _student, _sending, receiving = ended
    mobility.end = timezone.localdate() + timedelta(days=60)
    mobility.save()

    with pytest.raises(services.MobilityError, match="end of the stay"):
        services.transcript_issue(mobility=mobility, entries=[PIANO], by=receiving)


def test_a_transcript_cannot_be_dated_ahead_to_pass_the_end_of_the_stay(ended):
    mobility, _student, _sending, receiving = ended
    mobility.end = timezone.localdate() + timedelta(days=60)
    mobility.save()

    with pytest.raises(services.MobilityError, match="in the future"):
        services.transcript_issue(
            mobility=mobility, entries=[PIANO], by=receiving, issued_on=mobility.end
        )
    assert not Transcript.objects.exists()


def test_a_grade_that_does_not_fit_its_scale_is_refused(ended):
    mobility, _student, _sending, receiving = ended

    with pytest.raises(services.MobilityError, match="do not fit"):
        services.transcript_issue(
            mobility=mobility, entries=[{**PIANO, "grade": "зачёт"}], by=receiving
        )
    assert not Transcript.objects.exists()


def test_recognition_converts_credits_through_hours_and_grades_by_the_table(ended):
    mobility, _student, _sending, receiving = ended
    services.transcript_issue(mobility=mobility, entries=[PIANO, HISTORY], by=receiving)

    lines = services.recognition_proposal(mobility)

    # 5 зачётных единиц × 36 h = 180 h = 11.25 Chinese credits of 16 h, rounded half-up.
    converted = [(ln["home_credits"], ln["home_grade"], ln["recognised_as"]) for ln in lines]
    assert converted == [(Decimal("11.3"), "95", "钢琴主科"), (Decimal("4.5"), "75", "音乐史")]


def test_recognition_uses_the_home_institutions_stated_rule(ended):
    mobility, _student, _sending, receiving = ended
    InstitutionCreditRule.objects.create(
        organisation=mobility.sending, system="cn", hours_per_credit=18, source="本校教学计划"
    )
    services.transcript_issue(mobility=mobility, entries=[PIANO], by=receiving)

    assert services.recognition_proposal(mobility)[0]["home_credits"] == Decimal("10.0")


def test_the_sending_office_decides_once_and_who_and_when_are_recorded(ended):
    mobility, _student, sending, receiving = ended
    transcript = services.transcript_issue(
        mobility=mobility, entries=[PIANO, HISTORY], by=receiving
    )
    piano, history = transcript.entries.all()

    with pytest.raises(services.MobilityError, match="sending institution decides"):
        services.recognition_decide(mobility=mobility, by=receiving, recognised={piano.pk})
    with pytest.raises(services.MobilityError, match="needs a comment"):
        services.recognition_decide(mobility=mobility, by=sending, recognised={piano.pk})
    recognition = services.recognition_decide(
        mobility=mobility, by=sending, recognised={piano.pk}, comment="История уже зачтена"
    )
    with pytest.raises(services.MobilityError, match="already decided"):
        services.recognition_decide(
            mobility=mobility, by=sending, recognised={piano.pk, history.pk}
        )

    assert (recognition.decision, recognition.decided_by) == ("partial", sending)
    assert recognition.decided_at is not None
    assert [(line.entry, line.recognised) for line in recognition.lines.all()] == [
        (piano, True),
        (history, False),
    ]


def test_recognition_needs_the_transcript_first(ended):
    mobility, _student, sending, _receiving = ended

    with pytest.raises(services.MobilityError, match="not issued yet"):
        services.recognition_decide(mobility=mobility, by=sending, recognised=set())


def _formset(lines):
    data = {
        "form-TOTAL_FORMS": str(len(lines)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "1",
        "form-MAX_NUM_FORMS": "1000",
    }
    for n, line in enumerate(lines):
        data.update({f"form-{n}-{k}": v for k, v in line.items()})
    return data


def test_transcript_and_recognition_through_the_pages(client, ended):
    mobility, _student, sending, receiving = ended
    client.force_login(receiving)
    form = client.get(f"/mobility/mobilities/{mobility.pk}/transcript/")
    assert [f.initial["code"] for f in form.context["formset"].forms[:2]] == ["ФОРТ-301", "ИСТ-210"]

    client.post(f"/mobility/mobilities/{mobility.pk}/transcript/", _formset([PIANO, HISTORY]))
    client.force_login(sending)
    page = client.get(f"/mobility/mobilities/{mobility.pk}/recognition/")
    entries = [line["entry"].pk for line in page.context["lines"]]
    client.post(f"/mobility/mobilities/{mobility.pk}/recognition/", {"recognised": entries})

    recognition = Recognition.objects.get(mobility=mobility)
    assert (recognition.decision, recognition.decided_by) == ("full", sending)
    detail = client.get(f"/mobility/mobilities/{mobility.pk}/").content.decode()
    assert "11.3" in detail


def test_the_sending_office_cannot_issue_the_hosts_transcript_nor_the_host_recognise(client, ended):
    mobility, student, sending, receiving = ended
    client.force_login(sending)
    by_sending = client.post(f"/mobility/mobilities/{mobility.pk}/transcript/", _formset([PIANO]))
    services.transcript_issue(mobility=mobility, entries=[PIANO], by=receiving)
    before = Snapshot(Recognition)

    client.force_login(receiving)
    by_host = client.post(f"/mobility/mobilities/{mobility.pk}/recognition/", {"recognised": []})
    client.force_login(student)
    by_student = client.post(f"/mobility/mobilities/{mobility.pk}/recognition/", {"recognised": []})
    client.force_login(UserFactory(username="outsider"))
    by_outsider = client.get(f"/mobility/mobilities/{mobility.pk}/recognition/")

    assert (by_sending.status_code, by_host.status_code, by_student.status_code) == (403, 403, 403)
    assert by_outsider.status_code == 404
    assert Transcript.objects.get().issued_by == receiving
    assert before.unchanged()


def test_api_transcript_proposal_and_decision(client, ended):
    mobility, _student, sending, receiving = ended

    def api(user, method, url, body=None):
        token = api_token_create(user=user, name="t")[1]
        kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if body is not None:
            kwargs.update(data=body, content_type="application/json")
        return getattr(client, method)(f"/api/v1/mobility/mobilities/{mobility.pk}/{url}", **kwargs)

    refused = api(sending, "post", "transcript", {"entries": [PIANO]})
    issued = api(
        receiving, "post", "transcript", {"entries": [PIANO], "issued_on": str(date.today())}
    )
    proposal = api(sending, "get", "recognition")
    by_host = api(receiving, "post", "recognition", {"recognised": []})
    decided = api(
        sending, "post", "recognition", {"recognised": [proposal.json()["lines"][0]["entry"]]}
    )

    assert (refused.status_code, issued.status_code, by_host.status_code) == (403, 201, 403)
    assert proposal.json()["lines"][0]["home_credits"] == "11.3"
    assert proposal.json()["decision"] is None
    assert (decided.status_code, decided.json()["decision"]) == (201, "full")

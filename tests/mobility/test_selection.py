# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core import mail
from django.utils import timezone

from amur.mobility import services
from amur.mobility.enums import TRANSITIONS, ApplicationStatus
from amur.mobility.models import ExpertEngagement, ExpertTarget
from tests.factories.directory import PersonFactory, UserFactory, give_role
from tests.factories.mobility import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def offices():
    call = CallFactory(seats=2)
    sending, host = UserFactory(username="sending"), UserFactory(username="host")
    give_role(sending, call.sending, "editor")
    give_role(host, call.host, "editor")
    return call, sending, host


def actor_for(to, application, sending, host):
    side = {"submitted": "a", "withdrawn": "a", "accepted": "h", "rejected": "h"}.get(to, "s")
    return {"a": application.applicant, "h": host, "s": sending}[side]


@pytest.mark.parametrize(("start", "to"), [(a, b) for a in S for b in S if b in TRANSITIONS[a]])
def test_every_legal_step_by_its_side(offices, start, to):
    call, sending, host = offices
    if start == S.NOMINATED:
        call.nominated = 1  # the seat this application holds
        call.save()
    application = ApplicationFactory(call=call, status=start)

    services.application_transition(
        application=application, to=to, by=actor_for(to, application, sending, host), comment="c"
    )

    application.refresh_from_db()
    assert application.status == to
    assert list(application.history.values_list("from_status", "to_status")) == [(start, to)]


@pytest.mark.parametrize(("start", "to"), [(a, b) for a in S for b in S if b not in TRANSITIONS[a]])
def test_every_illegal_step_is_refused(offices, start, to):
    call, _sending, _host = offices
    application = ApplicationFactory(call=call, status=start)

    with pytest.raises(services.MobilityError, match="cannot go from"):
        services.application_transition(application=application, to=to, by=None)

    application.refresh_from_db()
    assert application.status == start


def test_the_sending_office_cannot_accept_for_the_host(offices):
    call, sending, _host = offices
    application = ApplicationFactory(call=call, status="nominated")

    with pytest.raises(services.MobilityError, match="other side"):
        services.application_transition(application=application, to="accepted", by=sending)


def test_host_rejection_needs_a_comment(offices):
    call, _sending, host = offices
    application = ApplicationFactory(call=call, status="nominated")

    with pytest.raises(services.MobilityError, match="needs a comment"):
        services.application_transition(application=application, to="rejected", by=host)


def test_no_more_nominations_than_seats(offices):
    call, sending, _host = offices
    applications = [ApplicationFactory(call=call, status="ranked") for _ in range(3)]
    for application in applications[:2]:
        services.application_transition(application=application, to="nominated", by=sending)

    with pytest.raises(services.MobilityError, match="All seats"):
        services.application_transition(application=applications[2], to="nominated", by=sending)

    call.refresh_from_db()
    assert call.nominated == 2


def test_deadline_is_enforced(offices):
    call, _sending, _host = offices
    call.deadline = timezone.now() - timedelta(minutes=1)
    call.save()
    application = ApplicationFactory(call=call)

    with pytest.raises(services.MobilityError, match="deadline"):
        services.application_transition(
            application=application, to="submitted", by=application.applicant
        )


def test_ranking_breaks_ties_by_grades_then_language_then_submission(offices):
    call, sending, _host = offices
    now = timezone.now()
    ApplicationFactory(
        call=call,
        status="eligible",
        name="A",
        grade_mark=80,
        language_score=90,
        interview_score=80,
        submitted_at=now,
    )
    ApplicationFactory(
        call=call,
        status="eligible",
        name="B",
        grade_mark=86,
        language_score=80,
        interview_score=80,
        submitted_at=now,
    )
    ApplicationFactory(
        call=call,
        status="eligible",
        name="C",
        grade_mark=86,
        language_score=80,
        interview_score=80,
        submitted_at=now - timedelta(days=1),
    )

    ranked = services.call_rank(call=call, by=sending)

    # A: 40 + 27 + 16 = 83.00; B and C: 43 + 24 + 16 = 83.00 - all tied on the score.
    assert [x.score for x in ranked] == [D("83.00")] * 3
    assert [x.name for x in ranked] == ["C", "B", "A"]
    assert [x.rank for x in ranked] == [1, 2, 3]
    assert {x.status for x in ranked} == {"ranked"}


def test_each_step_is_mailed_in_the_applicants_language(
    offices, django_capture_on_commit_callbacks
):
    call, sending, _host = offices
    application = ApplicationFactory(call=call, status="submitted", language="ru")

    with django_capture_on_commit_callbacks(execute=True):
        services.application_transition(application=application, to="eligible", by=sending)

    assert mail.outbox[0].subject == "Ваша заявка: Допущена к отбору"


def test_expert_progress_against_the_target():
    call = CallFactory()
    host = call.sending
    for n in range(8):
        ExpertEngagement.objects.create(
            person=PersonFactory(name=f"Эксперт {n}"), host=host, start=date(2020, 9, 1)
        )
    ExpertTarget.objects.create(host=host, target=20, by_year=timezone.localdate().year + 1)

    progress = services.expert_progress(host)

    assert (progress["current"], progress["target"], progress["share"]) == (8, 20, 40)


def test_each_side_is_offered_only_its_legal_next_steps():
    from amur.mobility.services import application_next_steps
    from tests.factories.directory import UserFactory, give_role

    application = ApplicationFactory(status="submitted")
    call = application.call
    sending, host = UserFactory(), UserFactory()
    give_role(sending, call.sending, "editor")
    give_role(host, call.host, "editor")

    offered = {
        status: (
            [s.value for s in application_next_steps(_in(application, status), sending)],
            [s.value for s in application_next_steps(_in(application, status), host)],
            [
                s.value
                for s in application_next_steps(_in(application, status), application.applicant)
            ],
        )
        for status in ("submitted", "ranked", "nominated", "accepted", "departed", "completed")
    }

    assert offered["submitted"] == (["eligible", "ineligible"], [], ["withdrawn"])
    assert offered["ranked"] == (["nominated"], [], ["withdrawn"])
    assert offered["nominated"] == ([], ["accepted", "rejected"], ["withdrawn"])
    assert offered["accepted"] == (["departed"], [], ["withdrawn"])
    assert offered["departed"] == (["completed"], [], ["withdrawn"])
    assert offered["completed"] == ([], [], [])


def _in(application, status):
    application.status = status
    return application


def test_the_sending_office_scores_before_nominations_and_the_ranking_follows(client):
    from amur.core.models import AuditEntry

    call = CallFactory(weight_grades=D("0.5"), weight_language=D("0.3"), weight_interview=D("0.2"))
    office, host = UserFactory(), UserFactory()
    give_role(office, call.sending, "editor")
    give_role(host, call.host, "editor")
    first = ApplicationFactory(call=call, status="eligible", grade_mark=D("80"))
    second = ApplicationFactory(call=call, status="eligible", grade_mark=D("80"))
    client.force_login(office)

    client.post(
        f"/mobility/applications/{second.pk}/scores/",
        {"language_score": "90", "interview_score": "95"},
    )
    services.call_rank(call=call, by=office)
    with pytest.raises(services.MobilityError, match="between 0 and 100"):
        services.application_scores_enter(application=first, by=office, interview_score=101)
    with pytest.raises(services.MobilityError, match="sending office"):
        services.application_scores_enter(application=first, by=host, interview_score=50)
    with pytest.raises(services.MobilityError, match="sending office"):
        services.application_scores_enter(
            application=first, by=first.applicant, interview_score=100
        )
    services.application_transition(application=second, to="nominated", by=office)
    with pytest.raises(services.MobilityError, match="before nominations"):
        services.application_scores_enter(application=second, by=office, interview_score=10)

    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.language_score, second.interview_score) == (D("90"), D("95"))
    assert (second.rank, first.rank) == (1, 2)
    assert second.score == D("86.00")  # 0.5×80 + 0.3×90 + 0.2×95
    entry = AuditEntry.objects.get(action="mobility.application_scores")
    assert entry.new == {"language_score": "90", "interview_score": "95"}


def test_scores_through_the_api_and_refused_to_others(client):
    from amur.accounts.services import api_token_create

    call = CallFactory()
    office, outsider = UserFactory(), UserFactory()
    give_role(office, call.sending, "editor")
    give_role(outsider, CallFactory().sending, "editor")
    application = ApplicationFactory(call=call, status="submitted")
    url = f"/api/v1/mobility/applications/{application.pk}/scores"

    def post(user, body):
        token = api_token_create(user=user, name="t")[1]
        return client.post(
            url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
        )

    denied = post(outsider, {"interview_score": "70"})
    accepted = post(office, {"interview_score": "70"})

    application.refresh_from_db()
    assert denied.status_code in (403, 404)
    assert accepted.status_code == 200
    assert application.interview_score == D("70")


def test_a_score_that_is_not_a_number_is_refused_and_nothing_changes():
    call = CallFactory()
    office = UserFactory()
    give_role(office, call.sending, "editor")
    application = ApplicationFactory(call=call, status="submitted", grade_mark=D("80"))

    for value in ("eighty", "NaN", "Infinity"):
        with pytest.raises(services.MobilityError, match="between 0 and 100"):
            services.application_scores_enter(application=application, by=office, grade_mark=value)

    application.refresh_from_db()
    assert application.grade_mark == D("80")


def test_an_unknown_step_is_refused_alike_on_the_page_and_through_the_api(client, offices):
    from django.contrib.messages import get_messages

    from amur.accounts.services import api_token_create

    call, sending, _host = offices
    application = ApplicationFactory(call=call, status="submitted")
    token = api_token_create(user=sending, name="t")[1]
    client.force_login(sending)
    message = "An application cannot go from “Submitted” to “bogus”."

    page = client.post(f"/mobility/applications/{application.pk}/step/", {"to": "bogus"})
    api = client.post(
        f"/api/v1/mobility/applications/{application.pk}/steps",
        {"to": "bogus"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    application.refresh_from_db()
    assert [str(m) for m in get_messages(page.wsgi_request)] == [message]
    assert (api.status_code, api.json()["error"]["message"]) == (409, message)
    assert application.status == "submitted"


def test_a_second_application_is_refused_alike_on_the_page_and_through_the_api(client):
    from django.contrib.messages import get_messages

    from amur.accounts.services import api_token_create
    from amur.mobility.models import Application

    call = CallFactory()
    applicant = UserFactory()
    services.application_apply(call=call, user=applicant, name="王小明", language="zh")
    token = api_token_create(user=applicant, name="t")[1]
    client.force_login(applicant)
    message = "You have already applied to this call."

    page = client.post(f"/mobility/calls/{call.pk}/apply/", {"name": "王小明"})
    api = client.post(
        f"/api/v1/mobility/calls/{call.pk}/applications",
        {"name": "王小明"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert [str(m) for m in get_messages(page.wsgi_request)] == [message]
    assert (api.status_code, api.json()["error"]["message"]) == (409, message)
    assert Application.objects.filter(call=call, applicant=applicant).count() == 1

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

from amur.accounts.services import api_token_create
from amur.mobility.models import Agreement, Application, Call, Condition
from tests.factories.directory import UserFactory, give_role
from tests.factories.mobility import AgreementFactory, ApplicationFactory, CallFactory
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

# Learning-agreement views and endpoints are tested per side in test_la_pages.py, transcripts
# and recognition in test_recognition.py, joint programmes in test_programmes.py.
VIEWS_COVERED = {
    "mobility:ewp_receive",  # test_ewp_receive.py
    "mobility:apply",
    "mobility:rank",
    "mobility:step",
    "mobility:la_propose",
    "mobility:la_sign",
    "mobility:la_answer",
    "mobility:mobility_ewp",
    "mobility:transcript",
    "mobility:recognition",
    "mobility:programme_course_add",
    "mobility:programme_enrol",
    "mobility:agreement_create",
    "mobility:agreement_edit",
    "mobility:condition_add",
    "mobility:condition_edit",
    "mobility:condition_delete",
    "mobility:agreement_documents",
    "mobility:agreement_document",
    "mobility:application_document",
    "mobility:scores",
    "mobility:call_create",
    "mobility:call_edit",
}
VIEWS_READ_ONLY = {
    "mobility:index",
    "mobility:organisation_agreements",
    "mobility:agreement",  # public, as the agreements list and the EWP export are
    "mobility:call",
    "mobility:mobilities",
    "mobility:mobility",
    "mobility:programmes",
    "mobility:programme",
    "mobility:reports",
    "mobility:report_export",
    "mobility:dashboard",  # members only: test_reports.py
    "mobility:ewp_iias",
    "mobility:ewp_omobilities",  # members only: test_ewp.py
    "mobility:ewp_las",  # members only: test_ewp.py
}
API_COVERED = {
    "PUT /api/v1/mobility/mobilities/{pk}/ewp-data",  # test_ewp.py
    "POST /api/v1/mobility/ewp/receive",  # test_ewp_receive.py
    "POST /api/v1/mobility/applications/{pk}/scores",
    "POST /api/v1/mobility/calls/{pk}/applications",
    "POST /api/v1/mobility/applications/{pk}/steps",
    "POST /api/v1/mobility/mobilities/{pk}/learning-agreement",
    "POST /api/v1/mobility/learning-agreements/{pk}/signatures",
    "POST /api/v1/mobility/learning-agreements/{pk}/answer",
    "POST /api/v1/mobility/mobilities/{pk}/transcript",
    "POST /api/v1/mobility/mobilities/{pk}/recognition",
    "POST /api/v1/mobility/programmes/{pk}/courses",
    "POST /api/v1/mobility/cohorts/{pk}/enrolments",
    "POST /api/v1/mobility/agreements",
    "PATCH /api/v1/mobility/agreements/{pk}",
    "POST /api/v1/mobility/agreements/{pk}",
    "POST /api/v1/mobility/agreements/{pk}/conditions",
    "PUT /api/v1/mobility/conditions/{pk}",
    "POST /api/v1/mobility/conditions/{pk}",
    "DELETE /api/v1/mobility/conditions/{pk}",
    "POST /api/v1/mobility/agreements/{pk}/calls",
    "PATCH /api/v1/mobility/calls/{pk}",
    "POST /api/v1/mobility/calls/{pk}",
}


@pytest.fixture
def scene():
    call = CallFactory()
    sending, host, outsider = UserFactory(), UserFactory(), UserFactory()
    give_role(sending, call.sending, "editor")
    give_role(host, call.host, "editor")
    return call, sending, host, outsider


def test_an_applicant_sees_only_their_own_application(client, scene):
    call, _sending, _host, outsider = scene
    ApplicationFactory(call=call, status="submitted", name="王小明")
    client.force_login(outsider)

    page = client.get(f"/mobility/calls/{call.pk}/")

    assert "王小明" not in page.content.decode()
    assert page.context["applications"] == []


def test_outsider_cannot_take_steps_or_rank(client, scene):
    call, _sending, _host, outsider = scene
    application = ApplicationFactory(call=call, status="submitted")
    client.force_login(outsider)
    before = Snapshot(Application)

    step = client.post(f"/mobility/applications/{application.pk}/step/", {"to": "eligible"})
    rank = client.post(f"/mobility/calls/{call.pk}/rank/")

    assert denied(step)
    assert denied(rank)
    assert before.unchanged()


def test_the_sending_office_cannot_accept_for_the_host_through_the_page(client, scene):
    call, sending, _host, _outsider = scene
    application = ApplicationFactory(call=call, status="nominated")
    client.force_login(sending)

    client.post(f"/mobility/applications/{application.pk}/step/", {"to": "accepted"})

    application.refresh_from_db()
    assert application.status == "nominated"


def test_anonymous_is_asked_to_log_in(client, scene):
    call, *_ = scene

    assert asks_to_log_in(client.post(f"/mobility/calls/{call.pk}/apply/", {"name": "x"}))


def test_applicant_applies_and_the_application_is_submitted(client, scene):
    call, _sending, _host, outsider = scene
    client.force_login(outsider)
    client.cookies["amur_language"] = "ru"

    client.post(f"/mobility/calls/{call.pk}/apply/", {"name": "Ольга", "grade_mark": "90"})

    application = Application.objects.get(applicant=outsider)
    assert (application.status, application.language) == ("submitted", "ru")


def test_api_step_by_the_wrong_side_is_refused(client, scene):
    from amur.accounts.services import api_token_create

    call, sending, _host, outsider = scene
    application = ApplicationFactory(call=call, status="nominated")
    sending_token = api_token_create(user=sending, name="t")[1]
    outsider_token = api_token_create(user=outsider, name="t")[1]

    url = f"/api/v1/mobility/applications/{application.pk}/steps"

    by_sending = client.post(
        url,
        {"to": "accepted"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {sending_token}",
    )
    by_outsider = client.post(
        url,
        {"to": "withdrawn"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {outsider_token}",
    )

    application.refresh_from_db()
    assert by_sending.status_code == 409
    assert by_outsider.status_code == 403
    assert application.status == "nominated"


def test_an_applicant_lists_only_their_own_applications_through_the_api(client, scene):
    from amur.accounts.services import api_token_create

    call, _sending, _host, outsider = scene
    ApplicationFactory(call=call)
    mine = ApplicationFactory(call=call, applicant=outsider)
    token = api_token_create(user=outsider, name="t")[1]

    response = client.get(
        "/api/v1/mobility/applications/mine", HTTP_AUTHORIZATION=f"Bearer {token}"
    )

    assert [a["id"] for a in response.json()] == [mine.pk]


# Agreements: only the owner's editors change them -----------------------------------------


@pytest.fixture
def agreement_scene():
    people = cast()
    agreement = AgreementFactory(owner=people.org_a, title_en="A's memorandum")
    agreement.partners.set([people.org_a, people.org_b])
    condition = Condition.objects.create(
        agreement=agreement,
        sending=people.org_a,
        receiving=people.org_b,
        academic_year="2026/2027",
        students=2,
    )
    return people, agreement, condition


def test_an_editor_of_b_cannot_change_as_agreement_through_the_pages(client, agreement_scene):
    people, agreement, condition = agreement_scene
    client.force_login(people.editor_b)
    before = (Snapshot(Agreement), Snapshot(Condition))
    edit = {
        "owner": people.org_a.pk,
        "kind": "framework",
        "title_en": "Taken over",
        "partners": [people.org_b.pk],
        "status": "active",
    }
    new_condition = {
        "sending": people.org_b.pk,
        "receiving": people.org_a.pk,
        "academic_year": "2026/2027",
        "students": 9,
        "student_months": 1,
        "staff": 0,
        "staff_days": 0,
    }

    responses = [
        client.get(f"/mobility/agreements/{agreement.pk}/edit/"),
        client.post(f"/mobility/agreements/{agreement.pk}/edit/", edit),
        client.post(f"/mobility/agreements/{agreement.pk}/conditions/new/", new_condition),
        client.post(f"/mobility/conditions/{condition.pk}/edit/", new_condition),
        client.post(f"/mobility/conditions/{condition.pk}/delete/"),
        client.post("/mobility/agreements/new/", {**edit, "title_en": "Forged"}),
    ]

    assert [r.status_code for r in responses] == [403] * 6  # A is not an owner B's editor acts for
    assert all(snapshot.unchanged() for snapshot in before)


@pytest.mark.parametrize("who", ["member_a", "editor_b"])
def test_only_editors_of_the_owner_change_the_agreement_through_the_api(
    client, agreement_scene, who
):
    people, agreement, condition = agreement_scene
    token = api_token_create(user=getattr(people, who), name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "content_type": "application/json"}
    before = (Snapshot(Agreement), Snapshot(Condition))
    body = {"sending": people.org_b.pk, "receiving": people.org_a.pk, "academic_year": "2026/2027"}

    responses = [
        client.patch(f"/api/v1/mobility/agreements/{agreement.pk}", {"title_en": "x"}, **auth),
        client.post(f"/api/v1/mobility/agreements/{agreement.pk}", {"title_en": "x"}, **auth),
        client.post(f"/api/v1/mobility/agreements/{agreement.pk}/conditions", body, **auth),
        client.put(f"/api/v1/mobility/conditions/{condition.pk}", body, **auth),
        client.post(f"/api/v1/mobility/conditions/{condition.pk}", body, **auth),
        client.delete(f"/api/v1/mobility/conditions/{condition.pk}", **auth),
        client.post(
            "/api/v1/mobility/agreements",
            {
                "owner": people.org_a.pk,
                "kind": "memorandum",
                "title_en": "Forged",
                "partners": [people.org_b.pk],
            },
            **auth,
        ),
    ]

    assert [r.status_code for r in responses] == [403] * 7
    assert all(snapshot.unchanged() for snapshot in before)


def test_anonymous_is_asked_to_log_in_to_change_an_agreement(client, agreement_scene):
    _people, agreement, condition = agreement_scene

    assert asks_to_log_in(client.get("/mobility/agreements/new/"))
    assert asks_to_log_in(client.post(f"/mobility/agreements/{agreement.pk}/edit/"))
    assert asks_to_log_in(client.post(f"/mobility/conditions/{condition.pk}/delete/"))
    assert client.delete(f"/api/v1/mobility/conditions/{condition.pk}").status_code == 401


def test_staff_and_the_owners_editor_may_change_the_agreement(agreement_scene):
    people, agreement, _condition = agreement_scene

    assert people.editor_a.has_perm("mobility.change_agreement", agreement)
    assert people.staff.has_perm("mobility.change_agreement", agreement)
    assert not people.admin_a.has_perm("mobility.change_agreement", AgreementFactory())
    assert not people.editor_b.has_perm("mobility.change_agreement", agreement)


# Calls: opened by a partner's office, changed by the sending office only ------------------


@pytest.fixture
def call_scene(agreement_scene):
    """A's call under A's agreement with B; C edits an organisation outside the agreement."""
    people, agreement, _condition = agreement_scene
    call = CallFactory(agreement=agreement, sending=people.org_a, host=people.org_b)
    outsider = UserFactory(username="editor_c")
    give_role(outsider, CallFactory().sending, "editor")
    return people, agreement, call, outsider


def test_only_the_sending_office_changes_its_call(client, call_scene):
    people, _agreement, call, outsider = call_scene
    before = Snapshot(Call)
    data = {
        "sending": people.org_b.pk,
        "host": people.org_a.pk,
        "kind": "summer",
        "title_en": "Taken",
        "seats": 9,
        "deadline": "2030-01-01 10:00",
        "weight_grades": "0.5",
        "weight_language": "0.3",
        "weight_interview": "0.2",
    }
    statuses = {}
    for who in (people.editor_b, people.member_a, outsider):
        client.force_login(who)
        token = api_token_create(user=who, name="t")[1]
        auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "content_type": "application/json"}
        statuses[who.username] = [
            client.get(f"/mobility/calls/{call.pk}/edit/").status_code,
            client.post(f"/mobility/calls/{call.pk}/edit/", data).status_code,
            client.patch(f"/api/v1/mobility/calls/{call.pk}", {"seats": 9}, **auth).status_code,
            client.post(f"/api/v1/mobility/calls/{call.pk}", {"seats": 9}, **auth).status_code,
        ]

    assert statuses == {name: [403] * 4 for name in ("editor_b", "member_a", "editor_c")}
    assert before.unchanged()


def test_only_partners_editors_open_calls_under_an_agreement(client, call_scene):
    people, agreement, _call, outsider = call_scene
    before = Snapshot(Call)
    body = {
        "sending": people.org_a.pk,
        "host": people.org_b.pk,
        "kind": "summer",
        "title_en": "Forged",
        "seats": 1,
        "deadline": "2030-01-01T10:00:00Z",
    }
    statuses = {}
    for who in (people.member_a, outsider):
        client.force_login(who)
        token = api_token_create(user=who, name="t")[1]
        statuses[who.username] = [
            client.post(f"/mobility/agreements/{agreement.pk}/calls/new/", body).status_code,
            client.post(
                f"/api/v1/mobility/agreements/{agreement.pk}/calls",
                body,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token}",
            ).status_code,
        ]

    assert statuses == {"member_a": [403, 403], "editor_c": [403, 403]}
    assert before.unchanged()


def test_a_partners_editor_cannot_open_a_call_in_the_owners_name(client, call_scene):
    people, agreement, _call, _outsider = call_scene
    before = Snapshot(Call)
    token = api_token_create(user=people.editor_b, name="t")[1]
    body = {
        "sending": people.org_a.pk,
        "host": people.org_b.pk,
        "kind": "summer",
        "title_en": "Forged",
        "seats": 1,
        "deadline": "2030-01-01T10:00:00Z",
    }

    response = client.post(
        f"/api/v1/mobility/agreements/{agreement.pk}/calls",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 409
    assert before.unchanged()

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

from amur.mobility.models import Application
from tests.factories.directory import UserFactory, give_role
from tests.factories.mobility import ApplicationFactory, CallFactory
from tests.permissions import Snapshot, asks_to_log_in, denied

pytestmark = pytest.mark.django_db

# Learning-agreement views and endpoints are tested per side in test_la_pages.py, transcripts
# and recognition in test_recognition.py, joint programmes in test_programmes.py.
VIEWS_COVERED = {
    "mobility:apply", "mobility:rank", "mobility:step", "mobility:la_propose",
    "mobility:la_sign", "mobility:la_answer", "mobility:transcript", "mobility:recognition",
    "mobility:programme_course_add", "mobility:programme_enrol",
}  # fmt: skip
VIEWS_READ_ONLY = {
    "mobility:index",
    "mobility:organisation_agreements",
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
    "POST /api/v1/mobility/applications/{pk}/steps",
    "POST /api/v1/mobility/mobilities/{pk}/learning-agreement",
    "POST /api/v1/mobility/learning-agreements/{pk}/signatures",
    "POST /api/v1/mobility/learning-agreements/{pk}/answer",
    "POST /api/v1/mobility/mobilities/{pk}/transcript",
    "POST /api/v1/mobility/mobilities/{pk}/recognition",
    "POST /api/v1/mobility/programmes/{pk}/courses",
    "POST /api/v1/mobility/cohorts/{pk}/enrolments",
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
        url, {"to": "accepted"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {sending_token}",
    )  # fmt: skip
    by_outsider = client.post(
        url, {"to": "withdrawn"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {outsider_token}",
    )  # fmt: skip

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

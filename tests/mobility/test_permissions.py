# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

from amur.mobility.models import Application
from tests.factories.directory import UserFactory, give_role
from tests.factories.mobility import ApplicationFactory, CallFactory
from tests.permissions import Snapshot, asks_to_log_in, denied

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {"mobility:apply", "mobility:rank", "mobility:step"}
VIEWS_READ_ONLY = {"mobility:index", "mobility:call"}
API_COVERED: set[str] = set()


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

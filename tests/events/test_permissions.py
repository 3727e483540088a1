# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Permission matrix of events: the host's editors run an event, nobody else."""

import pytest

from amur.accounts.services import api_token_create
from amur.events import services
from amur.events.models import Registration
from tests.factories.events import EventFactory, ModeFactory
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {
    "events:registrations",
    "events:registration_action",
    "events:check_in",
    "events:register",
    "events:cancel",
    "events:delegation_register",
    "events:delegation",
    "events:delegation_letter",
    "events:session_join",
    "events:create",
    "events:edit",
    "events:message",
}
VIEWS_READ_ONLY = {"events:index", "events:calendar", "events:feed", "events:detail", "events:ics",
                   "events:programme", "events:speaker"}  # fmt: skip
API_COVERED = {
    "POST /api/v1/events/events/{slug}/registrations",
    "POST /api/v1/events/events/{slug}/registrations/{pk}/cancel",
    "POST /api/v1/events/events/{slug}/check-in",
}


@pytest.fixture
def scene():
    c = cast()
    event = EventFactory(host=c.org_a)
    mode = ModeFactory(event=event, capacity=5)
    registration = services.registration_create(
        mode=mode, name="Иван", email="ivan@example.org", send_mail=False
    )
    return c, event, registration


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='m')[1]}"}


@pytest.mark.parametrize("role", ["editor_b", "member_a"])
def test_outsiders_cannot_manage_registrations(client, scene, role):
    c, event, registration = scene
    user = getattr(c, role)
    client.force_login(user)
    before = Snapshot(Registration)
    base = f"/events/{event.slug}"
    api = f"/api/v1/events/events/{event.slug}"

    responses = [
        client.get(f"{base}/registrations/"),
        client.post(f"{base}/registrations/{registration.pk}/cancel/"),
        client.post(f"{base}/registrations/{registration.pk}/check-in/"),
        client.post(f"{base}/check-in/", {"code": registration.ticket_code}),
        client.get(f"{api}/registrations", **bearer(user)),
        client.post(f"{api}/registrations/{registration.pk}/cancel", **bearer(user)),
        client.post(f"{api}/check-in?code={registration.ticket_code}", **bearer(user)),
    ]  # fmt: skip

    assert [denied(r) for r in responses] == [True] * 7
    assert before.unchanged()


def test_anonymous_is_asked_to_log_in(client, scene):
    _c, event, registration = scene
    before = Snapshot(Registration)

    responses = [
        client.get(f"/events/{event.slug}/registrations/"),
        client.post(f"/events/{event.slug}/registrations/{registration.pk}/cancel/"),
        client.post(f"/events/{event.slug}/check-in/", {"code": registration.ticket_code}),
        client.post(f"/api/v1/events/events/{event.slug}/registrations/{registration.pk}/cancel"),
    ]

    assert [asks_to_log_in(r) for r in responses] == [True] * 4
    assert before.unchanged()


@pytest.mark.parametrize("role", ["editor_a", "admin_a", "staff"])
def test_host_editors_check_in_and_cancel(client, scene, role):
    c, event, registration = scene
    client.force_login(getattr(c, role))

    client.post(f"/events/{event.slug}/check-in/", {"code": registration.ticket_code})

    registration.refresh_from_db()
    assert registration.status == "attended"


def test_anyone_may_register_and_cancel_only_with_the_secret_link(client, scene):
    _c, _event, registration = scene

    wrong = client.post("/events/cancel/not-the-token/")
    right = client.post(f"/events/cancel/{registration.cancel_token}/")

    assert wrong.status_code == 404
    assert right.status_code == 200

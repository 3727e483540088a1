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
    "events:confirm",  # test_registration_confirmation.py: the token is the key
    "events:delegation_register",
    "events:delegation",
    "events:delegation_letter",
    "events:session_join",
    "events:create",
    "events:edit",
    "events:message",
    "events:photos",
    "events:photo_delete",
}
VIEWS_READ_ONLY = {
    "events:index",
    "events:calendar",
    "events:feed",
    "events:detail",
    "events:ics",
    "events:programme",
    "events:speaker",
    "events:photo",
}
API_COVERED = {
    "POST /api/v1/events/events/{slug}/registrations",
    "POST /api/v1/events/events/{slug}/registrations/{pk}/cancel",
    "POST /api/v1/events/events/{slug}/check-in",
    "POST /api/v1/events/events/{slug}/registrations/{pk}/promote",
    "POST /api/v1/events/events/{slug}/photos",
    "POST /api/v1/events/events/{slug}/photos/{pk}/delete",
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
    ]

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


@pytest.mark.parametrize("role", ["editor_b", "member_a"])
def test_outsiders_cannot_promote_count_or_touch_photos(client, scene, role):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from amur.events.models import EventPhoto
    from tests.events.test_after_event import image_bytes

    c, event, _registration = scene
    mode = event.modes.get()
    mode.capacity = 1
    mode.save()
    waiting = services.registration_create(
        mode=mode, name="Ольга", email="olga@example.org", send_mail=False
    )
    photo = services.event_photo_add(
        event=event, upload=SimpleUploadedFile("a.png", image_bytes()), by=c.editor_a
    )
    user = getattr(c, role)
    client.force_login(user)
    before, photos_before = Snapshot(Registration), Snapshot(EventPhoto)
    base = f"/events/{event.slug}"
    api = f"/api/v1/events/events/{event.slug}"
    upload = {"image": SimpleUploadedFile("b.png", image_bytes())}

    responses = [
        client.post(f"{base}/registrations/{waiting.pk}/promote/", {"add_seat": "1"}),
        client.get(f"{base}/photos/"),
        client.post(f"{base}/photos/", upload),
        client.post(f"{base}/photos/{photo.pk}/delete/"),
        client.get(f"{base}/registrations/?part=counts"),
        client.post(f"{api}/registrations/{waiting.pk}/promote?add_seat=true", **bearer(user)),
        client.get(f"{api}/counts", **bearer(user)),
        client.post(
            f"{api}/photos", {"image": SimpleUploadedFile("c.png", image_bytes())}, **bearer(user)
        ),
        client.post(f"{api}/photos/{photo.pk}/delete", **bearer(user)),
    ]

    assert [denied(r) for r in responses] == [True] * 9
    assert before.unchanged()
    assert photos_before.unchanged()
    mode.refresh_from_db()
    assert mode.capacity == 1

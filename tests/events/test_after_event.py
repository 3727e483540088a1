# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""What organisers do at the door and after the event: live counts, moving people up from
the waiting list, photos."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from amur.accounts.services import api_token_create
from amur.core.models import AuditEntry
from amur.events import services
from amur.events.models import EventPhoto, ParticipationMode, Registration
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.events import EventFactory, ModeFactory

pytestmark = pytest.mark.django_db


def register(mode, n):
    return services.registration_create(
        mode=mode, name=f"Участник {n}", email=f"p{n}@example.org", send_mail=False
    )


def image_bytes(fmt="PNG", size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.fixture
def organiser():
    host = OrganisationFactory()
    user = UserFactory()
    give_role(user, host, "editor")
    return host, user


# Moving up from the waiting list ------------------------------------------------------


def test_organiser_moves_a_chosen_person_up_when_a_seat_is_free():
    mode = ModeFactory(capacity=1)
    first = register(mode, 1)
    waiting = [register(mode, n) for n in (2, 3)]
    services.registration_cancel(registration=first)  # promotes waiting[0] automatically
    ParticipationMode.objects.filter(pk=mode.pk).update(capacity=2)  # a seat freed by hand

    services.registration_promote(registration=waiting[1], by=None)

    waiting[1].refresh_from_db()
    mode.refresh_from_db()
    assert waiting[1].status == "confirmed"
    assert waiting[1].waitlisted_at is None
    assert mode.seats_taken == 2 == mode.capacity


def test_moving_up_into_a_full_mode_is_refused_unless_a_seat_is_added():
    mode = ModeFactory(capacity=1)
    register(mode, 1)
    waiting = register(mode, 2)

    with pytest.raises(services.EventsError, match="No seat is free"):
        services.registration_promote(registration=waiting, by=None)
    waiting.refresh_from_db()
    assert waiting.status == "waitlisted"

    services.registration_promote(registration=waiting, by=None, add_seat=True)

    mode.refresh_from_db()
    waiting.refresh_from_db()
    assert (mode.capacity, mode.seats_taken, waiting.status) == (2, 2, "confirmed")
    assert AuditEntry.objects.filter(action="mode.add_seat").count() == 1


def test_only_waitlisted_registrations_move_up():
    mode = ModeFactory(capacity=5)
    confirmed = register(mode, 1)

    with pytest.raises(services.EventsError, match="waiting list"):
        services.registration_promote(registration=confirmed, by=None, add_seat=True)
    mode.refresh_from_db()
    assert (mode.capacity, mode.seats_taken) == (5, 1)


def test_raising_the_capacity_gives_the_new_seats_to_those_waiting_in_order(organiser):
    host, _user = organiser
    event = EventFactory(host=host)
    mode = ModeFactory(event=event, capacity=1)
    register(mode, 1)
    waiting = [register(mode, n) for n in (2, 3, 4)]

    services.event_save_with_modes(
        event=event, host=None, in_person=3, online=None, offer_online=False
    )

    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == [
        "confirmed",
        "confirmed",
        "waitlisted",
    ]


def test_promote_from_the_registrations_page_and_api(client, organiser):
    host, user = organiser
    event = EventFactory(host=host)
    mode = ModeFactory(event=event, capacity=1)
    register(mode, 1)
    by_page, by_api = register(mode, 2), register(mode, 3)
    client.force_login(user)

    page = client.get(f"/events/{event.slug}/registrations/")
    client.post(f"/events/{event.slug}/registrations/{by_page.pk}/promote/", {"add_seat": "1"})
    token = api_token_create(user=user, name="t")[1]
    api = f"/api/v1/events/events/{event.slug}/registrations/{by_api.pk}/promote"
    refused = client.post(api, HTTP_AUTHORIZATION=f"Bearer {token}")
    accepted = client.post(f"{api}?add_seat=true", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert "Add a seat and move up" in page.content.decode()
    assert Registration.objects.get(pk=by_page.pk).status == "confirmed"
    assert refused.status_code == 409
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "confirmed"


# Live counts ---------------------------------------------------------------------------


def test_counts_per_mode_follow_registrations_and_check_ins():
    event = EventFactory()
    hall = ModeFactory(event=event, capacity=2)
    online = ModeFactory(event=event, attendance="online", capacity=None)
    a, _b, _c = register(hall, 1), register(hall, 2), register(hall, 3)
    register(online, 4)
    services.registration_check_in(registration=a, by=None)

    counts = {c["attendance"]: c for c in services.registration_counts(event)}

    assert {k: counts["in_person"][k] for k in ("confirmed", "attended", "waitlisted")} == {
        "confirmed": 2,
        "attended": 1,
        "waitlisted": 1,
    }
    assert (counts["online"]["confirmed"], counts["online"]["capacity"]) == (1, None)


def test_check_in_page_polls_its_counts_and_the_fragment_answers_alone(client, organiser):
    host, user = organiser
    event = EventFactory(host=host)
    mode = ModeFactory(event=event, capacity=3)
    services.registration_check_in(registration=register(mode, 1), by=None)
    client.force_login(user)

    page = client.get(f"/events/{event.slug}/registrations/").content.decode()
    fragment = client.get(
        f"/events/{event.slug}/registrations/?part=counts", HTTP_HX_REQUEST="true"
    ).content.decode()
    token = api_token_create(user=user, name="t")[1]
    api = client.get(
        f"/api/v1/events/events/{event.slug}/counts", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()

    assert 'hx-trigger="every 5s"' in page
    assert "?part=counts" in page
    assert fragment.lstrip().startswith('<div id="live-counts"')
    assert "<html" not in fragment
    assert "1 / 3" in fragment
    assert api == [
        {"attendance": "in_person", "capacity": 3, "confirmed": 1, "attended": 1, "waitlisted": 0}
    ]


# Photos -------------------------------------------------------------------------------


def test_organiser_uploads_a_photo_shown_on_the_event_page(client, organiser):
    host, user = organiser
    event = EventFactory(host=host)
    client.force_login(user)

    response = client.post(
        f"/events/{event.slug}/photos/",
        {"image": SimpleUploadedFile("ceremony.png", image_bytes()), "caption": "开幕式"},
    )

    photo = EventPhoto.objects.get(event=event)
    client.logout()
    page = client.get(f"/events/{event.slug}/").content.decode()
    served = client.get(f"/events/{event.slug}/photos/{photo.pk}/")
    assert response.status_code == 302
    assert (photo.image_format, photo.width, photo.height, photo.caption) == (
        "PNG",
        40,
        30,
        "开幕式",
    )
    assert not photo.image.name.endswith("ceremony.png")  # the stored name is ours
    assert f"/events/{event.slug}/photos/{photo.pk}/" in page
    assert "开幕式" in page
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == image_bytes()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"this is text, not an image", "is not a JPEG, PNG or WebP image"),
        ("photo.gif", None, "is not a JPEG, PNG or WebP image"),
        ("huge.png", b"\x89PNG\r\n\x1a\n" + b"0" * (10 * 1024 * 1024), "larger than 10 MB"),
    ],
)
def test_a_file_that_is_not_an_allowed_image_is_refused_and_nothing_stored(
    client, organiser, name, content, message
):
    host, user = organiser
    event = EventFactory(host=host)
    client.force_login(user)
    if content is None:
        content = image_bytes("GIF")

    response = client.post(
        f"/events/{event.slug}/photos/", {"image": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EventPhoto.objects.exists()


def test_photos_through_the_api_and_removal(client, organiser, settings):
    host, user = organiser
    event = EventFactory(host=host)
    token = api_token_create(user=user, name="t")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    api = f"/api/v1/events/events/{event.slug}/photos"

    created = client.post(
        api,
        {"image": SimpleUploadedFile("a.jpg", image_bytes("JPEG")), "caption": "Выставка"},
        **auth,
    )
    bad = client.post(api, {"image": SimpleUploadedFile("b.jpg", b"nope")}, **auth)
    listed = client.get(api).json()
    photo = EventPhoto.objects.get()
    path = photo.image.path
    client.force_login(user)
    client.post(f"/events/{event.slug}/photos/{photo.pk}/delete/")

    assert created.status_code == 201
    assert created.json()["width"] == 40
    assert bad.status_code == 409
    assert "b.jpg" in bad.json()["error"]["message"]
    assert [p["caption"] for p in listed] == ["Выставка"]
    assert not EventPhoto.objects.exists()
    assert not os.path.exists(path)


def test_photos_of_a_draft_event_stay_hidden(client, organiser):
    host, user = organiser
    event = EventFactory(host=host, status="draft")
    photo = services.event_photo_add(
        event=event, upload=SimpleUploadedFile("a.png", image_bytes()), by=user
    )

    anonymous = client.get(f"/events/{event.slug}/photos/{photo.pk}/")
    client.force_login(user)
    own = client.get(f"/events/{event.slug}/photos/{photo.pk}/")

    own.close()
    assert anonymous.status_code == 404
    assert own.status_code == 200


def test_a_refused_registration_shows_the_same_event_page_as_a_get(client, organiser):
    # Issue 11, part 1: the page is built by one function for the GET and the refused POST;
    # the refused page used to lose the photos and the organiser's management links.
    host, user = organiser
    event = EventFactory(host=host)
    mode = ModeFactory(event=event, capacity=5)
    services.event_photo_add(
        event=event, upload=SimpleUploadedFile("a.png", image_bytes()), caption="Зал", by=user
    )
    client.force_login(user)

    shown = client.get(f"/events/{event.slug}/")
    refused = client.post(
        f"/events/{event.slug}/register/", {"mode": mode.pk, "name": "", "email": "x@y.org"}
    )

    assert refused.status_code == 400
    for part in ("Зал", f"/events/{event.slug}/edit/", f"/events/{event.slug}/registrations/"):
        assert part in shown.content.decode()
        assert part in refused.content.decode()

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The organisers' desk on the page and through the API: cancelling a registration,
checking a participant in, moving one up from the waiting list and adding a photo accept
and refuse the same inputs, with the same message, because the service is the only gate
(issue 11, part 1). Each channel acts on its own copy of the same event."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from amur.accounts.services import api_token_create
from amur.events.models import EventPhoto, Registration
from tests.competitions.files import image_bytes
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.events import EventFactory, ModeFactory
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def _refused_alike(page, api, message):
    assert api.status_code in (409, 422)
    assert page_messages(page) == [message]
    assert message in api_messages(api)


def _desks(organiser, *, capacity=10, statuses=("confirmed",)):
    """Per channel: an event of the organiser's organisation with one mode and a
    registration in each of ``statuses`` (the last is the one acted on)."""
    made = []
    for _channel in ("page", "api"):
        host = OrganisationFactory()
        give_role(organiser, host, "editor")
        event = EventFactory(host=host)
        held = sum(s in ("confirmed", "attended", "pending") for s in statuses)
        mode = ModeFactory(event=event, capacity=capacity, seats_taken=held)
        registrations = [
            Registration.objects.create(
                event=event,
                mode=mode,
                name=f"Ли Мин {n}",
                email=f"li{n}@example.org",
                status=status,
            )
            for n, status in enumerate(statuses)
        ]
        made.append((event, registrations[-1]))
    return made


CHECK_IN_CASES = [
    # (case, status, status expected; else the message)
    ("confirmed", "confirmed", "attended"),
    ("checked in before", "attended", "attended"),
    ("on the waiting list", "waitlisted", "Only confirmed participants can be checked in."),
    ("cancelled", "cancelled", "Only confirmed participants can be checked in."),
]


@pytest.mark.parametrize("by_code", [True, False], ids=["by code", "from the list"])
@pytest.mark.parametrize(
    ("case", "status", "outcome"), CHECK_IN_CASES, ids=[c[0] for c in CHECK_IN_CASES]
)
def test_page_and_api_check_in_and_refuse_alike(client, case, status, outcome, by_code):
    organiser = UserFactory()
    (page_event, page_one), (api_event, api_one) = _desks(organiser, statuses=(status,))
    client.force_login(organiser)

    if by_code:
        page = client.post(f"/events/{page_event.slug}/check-in/", {"code": page_one.ticket_code})
    else:
        page = client.post(f"/events/{page_event.slug}/registrations/{page_one.pk}/check-in/")
    api = client.post(
        f"/api/v1/events/events/{api_event.slug}/check-in?code={api_one.ticket_code}",
        **_auth(organiser),
    )

    statuses = [Registration.objects.get(pk=r.pk).status for r in (page_one, api_one)]
    if outcome == "attended":
        assert api.status_code == 200
        assert statuses == ["attended", "attended"]
    else:
        _refused_alike(page, api, outcome)
        assert statuses == [status, status]


@pytest.mark.parametrize("status", ["confirmed", "waitlisted", "cancelled"])
def test_page_and_api_cancel_alike(client, status):
    organiser = UserFactory()
    (page_event, page_one), (api_event, api_one) = _desks(organiser, statuses=(status,))
    client.force_login(organiser)

    client.post(f"/events/{page_event.slug}/registrations/{page_one.pk}/cancel/")
    api = client.post(
        f"/api/v1/events/events/{api_event.slug}/registrations/{api_one.pk}/cancel",
        **_auth(organiser),
    )

    assert api.status_code == 200
    assert [Registration.objects.get(pk=r.pk).status for r in (page_one, api_one)] == 2 * [
        "cancelled"
    ]


PROMOTE_CASES = [
    # (case, capacity, statuses, add a seat, status expected; else the message)
    ("a free seat", 2, ("confirmed", "waitlisted"), False, "confirmed"),
    ("a full mode with a seat added", 1, ("confirmed", "waitlisted"), True, "confirmed"),
    (
        "a full mode",
        1,
        ("confirmed", "waitlisted"),
        False,
        "No seat is free: add a seat or cancel a registration first.",
    ),
    (
        "not waiting",
        2,
        ("confirmed",),
        False,
        "Only registrations on the waiting list can be moved up.",
    ),
]


@pytest.mark.parametrize(
    ("case", "capacity", "statuses", "add_seat", "outcome"),
    PROMOTE_CASES,
    ids=[c[0] for c in PROMOTE_CASES],
)
def test_page_and_api_promote_and_refuse_alike(client, case, capacity, statuses, add_seat, outcome):
    organiser = UserFactory()
    desks = _desks(organiser, capacity=capacity, statuses=statuses)
    (page_event, page_one), (api_event, api_one) = desks
    before = page_one.status
    client.force_login(organiser)

    page = client.post(
        f"/events/{page_event.slug}/registrations/{page_one.pk}/promote/",
        {"add_seat": "1"} if add_seat else {},
    )
    api = client.post(
        f"/api/v1/events/events/{api_event.slug}/registrations/{api_one.pk}/promote"
        + ("?add_seat=true" if add_seat else ""),
        **_auth(organiser),
    )

    after = [Registration.objects.get(pk=r.pk) for r in (page_one, api_one)]
    if outcome == "confirmed":
        assert api.status_code == 200
        assert [r.status for r in after] == ["confirmed", "confirmed"]
        assert [r.mode.capacity for r in after] == [capacity + add_seat] * 2
    else:
        _refused_alike(page, api, outcome)
        assert [r.status for r in after] == [before, before]


PHOTO_CASES = [
    # (case, file's name and content, caption, message expected; None: accepted)
    ("a PNG", ("hall.png", "png"), "Гала-концерт", None),
    ("a JPEG without caption", ("hall.jpg", "jpeg"), "", None),
    ("not an image", ("hall.png", "text"), "", "hall.png is not a JPEG, PNG or WebP image."),
    (
        "a caption too long",
        ("hall.png", "png"),
        "音" * 301,
        "Ensure this value has at most 300 characters (it has 301).",
    ),
]


@pytest.mark.parametrize(
    ("case", "file", "caption", "message"), PHOTO_CASES, ids=[c[0] for c in PHOTO_CASES]
)
def test_page_and_api_accept_and_refuse_photos_alike(
    client, settings, tmp_path, case, file, caption, message
):
    settings.MEDIA_ROOT = tmp_path
    organiser = UserFactory()
    events = [event for event, _one in _desks(organiser)]
    content = b"not an image" if file[1] == "text" else image_bytes(file[1].upper())
    client.force_login(organiser)

    page = client.post(
        f"/events/{events[0].slug}/photos/",
        {"image": SimpleUploadedFile(file[0], content), "caption": caption},
    )
    api = client.post(
        f"/api/v1/events/events/{events[1].slug}/photos",
        {"image": SimpleUploadedFile(file[0], content), "caption": caption},
        **_auth(organiser),
    )

    if message is None:
        assert api.status_code == 201
        assert [list(e.photos.values_list("caption", flat=True)) for e in events] == 2 * [[caption]]
    else:
        _refused_alike(page, api, message)
        assert not EventPhoto.objects.exists()

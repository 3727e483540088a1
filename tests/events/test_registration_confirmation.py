# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Registration abuse (issue 12, part 4): an anonymous registration holds its seat only
until the address is confirmed by a link; one client and one address register a limited
number of times an hour; organisers still confirm people directly; the page and the API go
through the same service and answer the same."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from amur.events import services
from amur.events.models import Registration
from tests.factories.directory import UserFactory, give_role
from tests.factories.events import ModeFactory

pytestmark = pytest.mark.django_db

PAGE = {"name": "Ольга", "language": "ru"}


def _page(client, mode, email, **extra):
    return client.post(
        f"/events/{mode.event.slug}/register/", {"mode": mode.pk, "email": email, **PAGE, **extra}
    )


def _api(client, mode, email):
    return client.post(
        f"/api/v1/events/events/{mode.event.slug}/registrations",
        {"mode": mode.pk, "email": email, "name": "Ольга", "language": "ru"},
        content_type="application/json",
    )


def _link(message) -> str:
    return re.search(r"https?://\S+/events/confirm/\S+/", message.body).group(0)


def _expire(registration):
    Registration.objects.filter(pk=registration.pk).update(
        hold_until=timezone.now() - timedelta(minutes=1)
    )


def test_an_anonymous_registration_holds_its_seat_until_the_link_is_opened(
    client, django_capture_on_commit_callbacks
):
    mode = ModeFactory(attendance="in_person", capacity=5)

    with django_capture_on_commit_callbacks(execute=True):
        page = _page(client, mode, "olga@example.org")
    registration = Registration.objects.get()
    mode.refresh_from_db()

    assert registration.status == "unconfirmed"
    assert registration.hold_until > timezone.now()
    assert mode.seats_taken == 1
    assert "olga@example.org" in page.content.decode()
    [message] = mail.outbox
    assert message.to == ["olga@example.org"]
    assert "ticket.png" not in [name for name, *_rest in message.attachments]


def test_opening_the_link_and_confirming_gives_the_seat_and_sends_the_ticket(
    client, django_capture_on_commit_callbacks
):
    mode = ModeFactory(attendance="in_person", capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        _page(client, mode, "olga@example.org")
    link = _link(mail.outbox[0]).split("/events/", 1)[1]

    shown = client.get(f"/events/{link}")  # what a mail scanner does: nothing changes
    still = Registration.objects.get().status
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/events/{link}")

    assert shown.status_code == 200
    assert still == "unconfirmed"
    assert confirmed.status_code == 200
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.email_confirmed_at is not None
    assert registration.hold_until is None
    assert "ticket.png" in [name for name, *_rest in mail.outbox[-1].attachments]


def test_a_hold_that_runs_out_goes_to_the_next_person_waiting(django_capture_on_commit_callbacks):
    mode = ModeFactory(capacity=1)
    first = services.registration_create(
        mode=mode, name="A", email="a@example.org", by=_anonymous(), send_mail=False
    )
    waiting = services.registration_create(
        mode=mode, name="B", email="b@example.org", send_mail=False
    )
    _expire(first)

    with django_capture_on_commit_callbacks(execute=True):
        released = services.registrations_release_expired()

    first.refresh_from_db()
    waiting.refresh_from_db()
    mode.refresh_from_db()
    assert released == 1
    assert first.status == "cancelled"
    assert waiting.status == "confirmed"
    assert mode.seats_taken == 1


def test_an_expired_link_releases_the_seat_and_says_so(client):
    mode = ModeFactory(capacity=1)
    registration = services.registration_create(
        mode=mode, name="A", email="a@example.org", by=_anonymous(), send_mail=False
    )
    _expire(registration)

    answer = client.post(f"/events/confirm/{registration.confirm_token}/")

    registration.refresh_from_db()
    mode.refresh_from_db()
    assert answer.status_code == 409
    assert registration.status == "cancelled"
    assert mode.seats_taken == 0


def test_registering_releases_the_modes_expired_holds_first():
    mode = ModeFactory(capacity=1)
    stale = services.registration_create(
        mode=mode, name="A", email="a@example.org", by=_anonymous(), send_mail=False
    )
    _expire(stale)

    fresh = services.registration_create(
        mode=mode, name="B", email="b@example.org", by=_anonymous(), send_mail=False
    )

    stale.refresh_from_db()
    assert stale.status == "cancelled"
    assert fresh.status == "unconfirmed"


def test_a_waitlisted_anonymous_registrant_promoted_gets_a_held_seat_and_a_link(
    django_capture_on_commit_callbacks,
):
    mode = ModeFactory(capacity=1)
    holder = services.registration_create(
        mode=mode, name="A", email="a@example.org", send_mail=False
    )
    waiting = services.registration_create(
        mode=mode, name="B", email="b@example.org", by=_anonymous(), send_mail=False
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=holder)

    waiting.refresh_from_db()
    assert waiting.status == "unconfirmed"
    assert waiting.hold_until is not None
    assert "/events/confirm/" in mail.outbox[-1].body


def test_the_management_command_releases_expired_holds():
    mode = ModeFactory(capacity=1)
    stale = services.registration_create(
        mode=mode, name="A", email="a@example.org", by=_anonymous(), send_mail=False
    )
    _expire(stale)

    call_command("registrations_release", verbosity=0)

    stale.refresh_from_db()
    assert stale.status == "cancelled"


def test_a_signed_in_person_registering_their_own_address_is_confirmed_at_once(client):
    mode = ModeFactory(capacity=5)
    client.force_login(UserFactory(email="olga@example.org"))

    _page(client, mode, "OLGA@example.org")

    assert Registration.objects.get().status == "confirmed"


def test_a_signed_in_person_registering_another_address_must_confirm_it(client):
    mode = ModeFactory(capacity=5)
    client.force_login(UserFactory(email="olga@example.org"))

    _page(client, mode, "someone-else@example.org")

    assert Registration.objects.get().status == "unconfirmed"


def test_an_organiser_registers_people_directly_through_the_api_without_limits(client):
    mode = ModeFactory(capacity=50)
    organiser = UserFactory()
    give_role(organiser, mode.event.event_organisers.first().organisation, "editor")
    client.force_login(organiser)

    answers = [_api(client, mode, f"guest{n}@example.org") for n in range(12)]

    assert [a.status_code for a in answers] == [201] * 12
    assert {a.json()["status"] for a in answers} == {"confirmed"}


def test_an_organiser_confirms_an_unconfirmed_registration_directly():
    mode = ModeFactory(capacity=5)
    registration = services.registration_create(
        mode=mode, name="A", email="a@example.org", by=_anonymous(), send_mail=False
    )

    services.registration_approve(registration=registration, by=None)

    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert registration.hold_until is None


@pytest.mark.parametrize("through", [_page, _api])
def test_one_client_registers_at_most_ten_times_an_hour_on_the_page_and_the_api(client, through):
    mode = ModeFactory(capacity=None)

    answers = [through(client, mode, f"r{n}@example.org") for n in range(11)]

    assert Registration.objects.count() == 10
    refused = answers[-1]
    assert refused.status_code in (400, 409)
    assert "Too many registrations from your connection" in refused.content.decode()


def test_another_address_is_another_client(client):
    mode = ModeFactory(capacity=None)
    for n in range(10):
        _api(client, mode, f"r{n}@example.org")

    other = client.post(
        f"/api/v1/events/events/{mode.event.slug}/registrations",
        {"mode": mode.pk, "email": "x@example.org", "name": "X"},
        content_type="application/json",
        REMOTE_ADDR="198.51.100.7",
    )

    assert other.status_code == 201


@pytest.mark.parametrize("email", ["not-an-email", "a@", "@b.org", "a b@c.org", ""])
def test_an_invalid_address_is_refused_alike_on_the_page_and_the_api(client, email):
    mode = ModeFactory(capacity=None)

    page = _page(client, mode, email)
    api = _api(client, mode, email)

    assert page.status_code == 400
    assert api.status_code in (409, 422)
    assert not Registration.objects.exists()


def test_the_api_answers_the_hold(client):
    mode = ModeFactory(capacity=5)

    answer = _api(client, mode, "olga@example.org")

    assert answer.status_code == 201
    assert answer.json()["status"] == "unconfirmed"
    assert answer.json()["hold_until"] is not None


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def test_the_confirmation_page_opens_only_with_the_registrations_own_token(client):
    mode = ModeFactory(capacity=5)
    services.registration_create(
        mode=mode, name="A", email="a@example.org", by=_anonymous(), send_mail=False
    )

    guessed = client.post("/events/confirm/not-the-token/")

    assert guessed.status_code == 404
    assert Registration.objects.get().status == "unconfirmed"

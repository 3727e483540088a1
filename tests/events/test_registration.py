# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from icalendar import Calendar

from amur.events import services
from amur.events.models import ParticipationMode, Registration
from tests.factories.events import EventFactory, ModeFactory

pytestmark = pytest.mark.django_db


def register(mode, n, **kwargs):
    return services.registration_create(
        mode=mode, name=f"Участник {n}", email=f"p{n}@example.org", **kwargs
    )


def statuses(mode):
    return list(
        Registration.objects.filter(mode=mode).order_by("id").values_list("status", flat=True)
    )


def test_full_mode_puts_people_on_its_waiting_list():
    mode = ModeFactory(capacity=2)

    for n in range(4):
        register(mode, n, send_mail=False)

    mode.refresh_from_db()
    assert statuses(mode) == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert mode.seats_taken == 2


def test_unlimited_mode_never_waitlists():
    mode = ModeFactory(capacity=None, attendance="online")

    for n in range(30):
        register(mode, n, send_mail=False)

    assert set(statuses(mode)) == {"confirmed"}


def test_modes_have_their_own_capacity_and_waiting_list():
    event = EventFactory()
    hall = ModeFactory(event=event, capacity=1)
    online = ModeFactory(event=event, attendance="online", capacity=1)

    register(hall, 1, send_mail=False)
    register(hall, 2, send_mail=False)
    register(online, 3, send_mail=False)

    assert statuses(hall) == ["confirmed", "waitlisted"]
    assert statuses(online) == ["confirmed"]


def test_cancellation_promotes_the_first_waitlisted_exactly_once():
    mode = ModeFactory(capacity=1)
    first = register(mode, 1, send_mail=False)
    second = register(mode, 2, send_mail=False)
    third = register(mode, 3, send_mail=False)

    promoted = services.registration_cancel(registration=first)
    again = services.registration_cancel(registration=first)

    assert promoted == second
    assert again is None
    assert statuses(mode) == ["cancelled", "confirmed", "waitlisted"]
    third.refresh_from_db()
    assert third.status == "waitlisted"


def test_cancelling_a_waitlisted_registration_frees_no_seat():
    mode = ModeFactory(capacity=1)
    register(mode, 1, send_mail=False)
    waiting = register(mode, 2, send_mail=False)

    assert services.registration_cancel(registration=waiting) is None
    mode.refresh_from_db()
    assert mode.seats_taken == 1


def test_cancellation_link_cancels(client):
    mode = ModeFactory(capacity=1)
    registration = register(mode, 1, send_mail=False)

    response = client.post(f"/events/cancel/{registration.cancel_token}/")

    registration.refresh_from_db()
    assert response.status_code == 200
    assert registration.status == "cancelled"


def test_approval_required_holds_the_seat_while_pending():
    mode = ModeFactory(capacity=1, approval_required=True)

    pending = register(mode, 1, send_mail=False)
    waiting = register(mode, 2, send_mail=False)
    services.registration_approve(registration=pending, by=None)

    assert statuses(mode) == ["confirmed", "waitlisted"]
    assert waiting.status == "waitlisted"


def test_registration_window_and_status_are_enforced():
    closed = ModeFactory(closes=timezone.now() - timedelta(days=1))
    draft = ModeFactory(event=EventFactory(status="draft"))

    with pytest.raises(services.EventsError, match="closed"):
        register(closed, 1)
    with pytest.raises(services.EventsError, match="does not take registrations"):
        register(draft, 2)
    assert Registration.objects.count() == 0


def test_same_email_cannot_register_twice():
    mode = ModeFactory()
    register(mode, 1, send_mail=False)

    with pytest.raises(services.EventsError, match="already registered"):
        services.registration_create(mode=mode, name="x", email="P1@example.org")


def test_confirmation_in_participants_language_with_ics_and_qr_ticket(
    django_capture_on_commit_callbacks,
):
    mode = ModeFactory(capacity=5)

    with django_capture_on_commit_callbacks(execute=True):
        register(mode, 1, language="ru")

    message = mail.outbox[0]
    assert (
        message.subject
        == "Регистрация подтверждена: Неделя российско-китайского культурного обмена"
    )
    names = [name for name, _content, _type in message.attachments]
    assert names == ["event.ics", "ticket.png"]
    calendar = Calendar.from_ical(message.attachments[0][1])
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["summary"]) == "Неделя российско-китайского культурного обмена"
    assert event.decoded("dtstart") == mode.event.start
    assert message.attachments[1][1].startswith(b"\x89PNG")


def test_online_registration_gets_no_ticket(django_capture_on_commit_callbacks):
    mode = ModeFactory(capacity=None, attendance="online")

    with django_capture_on_commit_callbacks(execute=True):
        register(mode, 1, language="zh-hans")

    assert [name for name, *_ in mail.outbox[0].attachments] == ["event.ics"]


def test_check_in_by_ticket_code(client):
    mode = ModeFactory()
    registration = register(mode, 1, send_mail=False)

    services.registration_check_in(registration=registration, by=None)

    registration.refresh_from_db()
    assert registration.status == "attended"
    assert registration.checked_in_at is not None


class WaitlistMachine(RuleBasedStateMachine):
    """Random registrations and cancellations never overbook and keep waitlist order."""

    def __init__(self):
        super().__init__()
        self.mode = ModeFactory(capacity=3)
        self.count = 0

    @rule()
    def register(self):
        self.count += 1
        register(self.mode, self.count, send_mail=False)

    @rule(index=st.integers(0, 30))
    def cancel(self, index):
        live = list(Registration.objects.filter(mode=self.mode).exclude(status="cancelled"))
        if live:
            services.registration_cancel(registration=live[index % len(live)])

    @invariant()
    def never_over_capacity(self):
        mode = ParticipationMode.objects.get(pk=self.mode.pk)
        holding = Registration.objects.filter(mode=mode, status__in=services.HOLDS_SEAT).count()
        assert holding == mode.seats_taken <= 3

    @invariant()
    def nobody_waits_while_a_seat_is_free(self):
        mode = ParticipationMode.objects.get(pk=self.mode.pk)
        waiting = Registration.objects.filter(mode=mode, status="waitlisted").exists()
        assert not (waiting and mode.seats_taken < 3)


def test_random_registrations_and_cancellations_keep_the_invariants():
    run_state_machine_as_test(
        WaitlistMachine, settings=hsettings(max_examples=25, stateful_step_count=15, deadline=None)
    )

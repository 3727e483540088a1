# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import timedelta

import pytest

from amur.events import services
from amur.events.models import Session
from tests.factories.directory import PersonFactory
from tests.factories.events import ModeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def master_class():
    mode = ModeFactory(capacity=None, attendance="in_person")
    event = mode.event
    session = Session.objects.create(
        event=event,
        title_en="Violin master class",
        title_ru="Мастер-класс скрипки",
        title_zh="小提琴大师班",
        kind="master_class",
        start=event.start,
        end=event.start + timedelta(hours=2),
        room="Hall 2",
        language="ru",
        interpretation=True,
        capacity=1,
    )
    speaker = PersonFactory(name="Захар Брон", name_latin="Zakhar Bron", listed=True)
    session.speakers.add(speaker)
    return mode, session, speaker


def register(mode, n):
    return services.registration_create(
        mode=mode, name=f"p{n}", email=f"p{n}@x.org", send_mail=False
    )


def test_programme_shows_sessions_in_the_events_zone_with_speakers(client, master_class):
    _mode, session, speaker = master_class

    html = client.get(f"/events/{session.event.slug}/programme/").content.decode()

    assert "09:00–11:00" in html
    assert "Zakhar Bron" in html
    assert f"/events/speakers/{speaker.pk}/" in html


def test_speaker_page_lists_their_sessions(client, master_class):
    _mode, _session, speaker = master_class

    html = client.get(f"/events/speakers/{speaker.pk}/").content.decode()

    assert "Violin master class" in html


def test_session_capacity_is_its_own(client, master_class):
    mode, session, _speaker = master_class
    first, second = register(mode, 1), register(mode, 2)

    client.post(
        f"/events/{session.event.slug}/sessions/{session.pk}/join/", {"code": first.ticket_code}
    )
    with pytest.raises(services.EventsError, match="full"):
        services.session_seat_take(session=session, registration=second)

    session.refresh_from_db()
    assert session.seats_taken == 1
    assert list(session.seats.values_list("registration", flat=True)) == [first.pk]

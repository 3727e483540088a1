# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import json
import re
from datetime import timedelta

import pytest
from icalendar import Calendar

from amur.events.models import Registration
from tests.factories.core import PlaceFactory, moscow
from tests.factories.events import EventFactory, ModeFactory

pytestmark = pytest.mark.django_db


def json_ld(response) -> dict:
    html = response.content.decode()
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )


def test_harbin_event_shown_to_a_moscow_visitor_in_moscow_time_with_event_zone_named(client):
    event = EventFactory()  # 2027-08-03 09:00 in Harbin (UTC+8) = 04:00 in Moscow (UTC+3)
    client.cookies["amur_tz"] = "Europe/Moscow"

    html = client.get(f"/events/{event.slug}/").content.decode()

    assert "2027-08-03 04:00 – 2027-08-03 12:00</time> (Moscow time (UTC+3))" in html
    assert "Local time at the event: 2027-08-03 09:00 (Beijing time (UTC+8))" in html


def test_visitor_in_the_events_zone_sees_one_time(client):
    event = EventFactory()
    client.cookies["amur_tz"] = "Asia/Shanghai"

    html = client.get(f"/events/{event.slug}/").content.decode()

    assert "2027-08-03 09:00 – 2027-08-03 17:00</time> (Beijing time (UTC+8))" in html
    assert "Local time at the event" not in html


@pytest.mark.parametrize(
    ("modes", "expected"),
    [
        (["in_person"], "https://schema.org/OfflineEventAttendanceMode"),
        (["online"], "https://schema.org/OnlineEventAttendanceMode"),
        (["in_person", "online"], "https://schema.org/MixedEventAttendanceMode"),
    ],
)
def test_event_page_carries_json_ld_with_attendance_mode(client, modes, expected):
    event = EventFactory()
    for attendance in modes:
        ModeFactory(event=event, attendance=attendance)

    data = json_ld(client.get(f"/events/{event.slug}/"))

    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == expected
    assert data["startDate"] == "2027-08-03T01:00:00+00:00"


@pytest.mark.parametrize("query", ["Харбин", "哈尔滨", "Harbin", "ha er bin"])
def test_chinese_city_found_in_any_script(client, query):
    EventFactory(title_en="Harbin Week")
    EventFactory(
        title_en="Moscow Days",
        title_zh="莫斯科日",
        title_ru="Дни Москвы",
        place=moscow(),
        search_keys="moscow москва moskva 莫斯科 mosike",
    )

    response = client.get("/events/", {"q": query})

    assert [e.title_en for e in response.context["events"]] == ["Harbin Week"]


def test_filters_by_country_and_kind(client):
    PlaceFactory(key="ru", kind="country", country_code="RU", name_en="Russia")
    EventFactory(title_en="Harbin Week")
    EventFactory(title_en="Moscow Days", kind="exhibition", place=moscow())

    by_country = client.get("/events/", {"country": "RU"})
    by_kind = client.get("/events/", {"kind": "culture_week"})

    assert [e.title_en for e in by_country.context["events"]] == ["Moscow Days"]
    assert [e.title_en for e in by_kind.context["events"]] == ["Harbin Week"]


def test_drafts_are_hidden_from_the_public(client):
    draft = EventFactory(status="draft")

    assert client.get(f"/events/{draft.slug}/").status_code == 404
    assert client.get("/events/").context["events"] == []


def test_register_through_the_page(client):
    mode = ModeFactory(attendance="online", capacity=None)

    response = client.post(
        f"/events/{mode.event.slug}/register/",
        {"mode": mode.pk, "name": "Ольга", "email": "olga@example.org", "language": "ru"},
    )

    assert response.status_code == 200
    # anonymous: the seat is held until the address is confirmed by the link sent to it
    # (tests/events/test_registration_confirmation.py)
    assert Registration.objects.get().status == "unconfirmed"


def test_event_and_filtered_feeds_are_valid_icalendar(client):
    PlaceFactory(key="cn", kind="country", country_code="CN", name_en="China")
    event = EventFactory(title_en="Harbin Week")
    EventFactory(title_en="Moscow Days", place=moscow())

    single = Calendar.from_ical(client.get(f"/events/{event.slug}/event.ics").content)
    feed = Calendar.from_ical(client.get("/events/feed.ics", {"country": "CN"}).content)

    assert [str(e["summary"]) for e in single.walk("VEVENT")] == ["Harbin Week"]
    assert [str(e["summary"]) for e in feed.walk("VEVENT")] == ["Harbin Week"]


def test_calendar_files_state_the_venues_zone_and_carry_its_definition(client):
    """A calendar shows the venue's clock labelled with its zone, not a bare UTC time."""
    event = EventFactory(title_en="Vladivostok Days", timezone="Asia/Vladivostok")

    calendar = Calendar.from_ical(client.get(f"/events/{event.slug}/event.ics").content)
    (item,) = calendar.walk("VEVENT")

    assert item["DTSTART"].params["TZID"] == "Asia/Vladivostok"
    assert item.decoded("DTSTART") == event.start
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Asia/Vladivostok"]


def test_calendar_month_view_places_events_on_their_days(client):
    EventFactory(title_en="Harbin Week")

    response = client.get("/events/calendar/", {"month": "2027-08"})

    days = {
        day: [e.title_en for e in events]
        for week in response.context["weeks"]
        for day, events in week
        if day
    }
    assert days[3] == ["Harbin Week"]
    assert days[4] == []


def test_the_list_is_paged_and_its_page_links_keep_the_filters(client):
    from amur.events.views import EVENTS_PER_PAGE

    start = EventFactory().start
    for n in range(EVENTS_PER_PAGE + 2):
        EventFactory(title_en=f"Fair {n:03}", kind="expo", start=start + timedelta(days=n))

    first = client.get("/events/", {"kind": "expo"})
    second = client.get("/events/", {"kind": "expo", "page": 2})

    assert len(first.context["events"]) == EVENTS_PER_PAGE
    assert [e.title_en for e in second.context["events"]] == [
        f"Fair {EVENTS_PER_PAGE:03}",
        f"Fair {EVENTS_PER_PAGE + 1:03}",
    ]
    assert "?kind=expo&amp;page=2" in first.content.decode()
    assert "?kind=expo&amp;page=1" in second.content.decode()

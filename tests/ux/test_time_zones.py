# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every time says which zone it is in: the event's clock, the reader's beside it when it
differs, one name per zone, names in the reader's language."""

import zoneinfo
from datetime import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from amur.core import zones
from amur.events import services
from tests.factories.events import EventFactory, ModeFactory

HARBIN = zoneinfo.ZoneInfo("Asia/Shanghai")
START = datetime(2027, 8, 3, 9, 0, tzinfo=HARBIN)


@pytest.mark.django_db
def test_registration_email_of_a_vladivostok_visitor_names_both_clocks_rightly(
    django_capture_on_commit_callbacks,
):
    """The bug: 11:00 (the visitor's clock) was labelled Asia/Shanghai for a 09:00 start."""
    mode = ModeFactory(event=EventFactory(start=START), capacity=5)

    vladivostok = timezone.override(zoneinfo.ZoneInfo("Asia/Vladivostok"))
    with vladivostok, django_capture_on_commit_callbacks(execute=True):
        services.registration_create(
            mode=mode, name="Анна", email="anna@example.org", language="en"
        )

    body = mail.outbox[0].body
    assert (
        "Starts: 2027-08-03 09:00 Beijing time (UTC+8); "
        "for you 2027-08-03 11:00 Vladivostok time (UTC+10)"
    ) in body
    assert "11:00 Beijing" not in body
    assert "11:00 Asia/Shanghai" not in body


@pytest.mark.django_db
def test_registration_email_in_the_events_zone_shows_one_clock(
    django_capture_on_commit_callbacks,
):
    mode = ModeFactory(event=EventFactory(start=START), capacity=5)

    harbin = timezone.override(zoneinfo.ZoneInfo("Asia/Harbin"))  # the same clock, old name
    with harbin, django_capture_on_commit_callbacks(execute=True):
        services.registration_create(mode=mode, name="Li", email="li@example.org")

    assert "Starts: 2027-08-03 09:00 Beijing time (UTC+8)\n" in mail.outbox[0].body


@pytest.mark.django_db
def test_event_page_never_shows_two_names_for_one_zone(client):
    """The site's default zone is Asia/Harbin, the events' Asia/Shanghai: one clock."""
    event = EventFactory(start=START)

    html = client.get(f"/events/{event.slug}/").content.decode()

    assert "Asia/Harbin" not in html
    assert "Local time at the event" not in html
    assert "2027-08-03 09:00 – 2027-08-03 17:00</time> (Beijing time (UTC+8))" in html


def test_aliases_fold_to_one_zone():
    assert zones.canonical("Asia/Harbin") == "Asia/Shanghai"
    assert zones.canonical("PRC") == "Asia/Shanghai"
    assert zones.canonical("Europe/Moscow") == "Europe/Moscow"
    assert zones.zone_label("Asia/Harbin", START) == zones.zone_label("Asia/Shanghai", START)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "符拉迪沃斯托克（海参崴）时间 (UTC+10)"),
        ("ru", "владивостокское время (UTC+10)"),
        ("en", "Vladivostok time (UTC+10)"),
    ],
)
def test_zone_names_in_three_languages(language, expected):
    with translation.override(language):
        assert zones.zone_label("Asia/Vladivostok", START) == expected


def test_the_short_list_holds_china_and_russias_eleven_zones():
    keys = [key for key, _label in zones.choices()]

    russian = [
        k
        for k in keys
        if k.startswith("Europe/")
        or k
        in (
            "Asia/Yekaterinburg",
            "Asia/Omsk",
            "Asia/Krasnoyarsk",
            "Asia/Irkutsk",
            "Asia/Yakutsk",
            "Asia/Vladivostok",
            "Asia/Magadan",
            "Asia/Kamchatka",
        )
    ]
    assert "Asia/Shanghai" in keys
    assert len(russian) == 11
    assert len(keys) < 20
    assert "Asia/Harbin" not in zones.all_zones()
    assert "America/Lima" in zones.all_zones()


def test_a_zone_outside_the_list_keeps_its_identifier_and_offset():
    assert zones.zone_label("America/Lima", START) == "America/Lima (UTC−5)"


@pytest.mark.django_db
def test_profile_offers_the_short_list_in_the_readers_language_and_a_search(client):
    from tests.factories.directory import UserFactory

    user = UserFactory()
    client.force_login(user)
    client.cookies["amur_language"] = "ru"

    html = client.get("/accounts/profile/").content.decode()

    assert "московское время (UTC+3)" in html
    assert html.count("<option") < 40 + len(zones.all_zones())  # the rest only as suggestions
    assert '<datalist id="zone-list">' in html
    assert '<option value="Europe/Moscow">' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("posted", "stored"),
    [
        ({"timezone": "Asia/Vladivostok"}, "Asia/Vladivostok"),
        ({"timezone": "other", "other_timezone": "America/Lima"}, "America/Lima"),
        ({"timezone": "other", "other_timezone": "Asia/Harbin"}, "Asia/Shanghai"),
    ],
)
def test_profile_stores_the_chosen_zone(client, posted, stored):
    from amur.accounts.models import Profile
    from tests.factories.directory import UserFactory

    user = UserFactory()
    client.force_login(user)

    response = client.post("/accounts/profile/", {"language": "en", **posted})

    assert response.status_code == 302
    assert Profile.objects.get(user=user).timezone == stored


@pytest.mark.django_db
def test_profile_refuses_an_unknown_zone(client):
    from tests.factories.directory import UserFactory

    client.force_login(UserFactory())

    response = client.post(
        "/accounts/profile/", {"language": "en", "timezone": "other", "other_timezone": "Mars"}
    )

    assert response.status_code == 200
    assert "Choose a zone from the suggestions." in response.content.decode()

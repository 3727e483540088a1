# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import date

import pytest

from amur.observatory import selectors as sel
from amur.observatory.selectors import Slice
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db
Y = Slice(year=2025)


def test_divisions_are_the_thirteen_of_heilongjiang_in_the_places_table(db):
    from django.core.management import call_command

    from amur.core.models import Place

    call_command("demo", only=["core"], verbosity=0)

    places = Place.objects.filter(key__in=sel.DIVISION_KEYS)
    assert set(places.values_list("parent__key", flat=True)) == {"cn-hl"}
    assert places.count() == 13
    # The research's "border cities" are those the places table marks as border places.
    border = {key for key, _code, group in sel.DIVISIONS if group == "border"}
    assert border == set(places.filter(is_border=True).values_list("key", flat=True))


def test_public_slice_counts_published_and_completed_events_only(scene):
    events = sel.events_in(Y)

    assert sorted(events.values_list("pk", flat=True)) == sorted(e.pk for e in scene.events)


def test_private_slice_adds_drafts_only_for_those_who_may_see_them(scene):
    staff = UserFactory(is_staff=True)
    outsider = UserFactory()
    private = Slice(year=2025, private=True)

    assert sel.events_in(private, staff).count() == 10
    assert sel.events_in(private, outsider).count() == 9


def test_sector_split_and_folk_share_counts(scene):
    sectors = sel.event_sectors(sel.event_hosts(Y), 2025)

    assert sectors == {
        "government": {"n": 5, "people": 450},
        "folk": {"n": 2, "people": 50},
        "public": {"n": 2, "people": 0},
    }


def test_divisions_put_ports_in_their_city_and_add_up_to_the_whole(scene):
    events = sel.events_in(Y)

    divisions = sel.event_facts(Y).by("division", 2025)

    assert divisions == {"harbin": 4, "heihe": 2, "mudanjiang": 1, "qiqihar": 1, "": 1}
    assert sum(divisions.values()) == events.count()


def test_filtered_slices_add_up_to_the_whole(scene):
    total = sel.events_in(Y).count()

    by_sector = sum(
        sel.events_in(Slice(year=2025, sector=s)).count()
        for s in ("government", "public", "enterprise", "folk")
    )
    by_direction = sum(
        sel.events_in(Slice(year=2025, direction=d)).count() for d in ("cn_ru", "ru_cn", "joint")
    )
    by_place = sum(sel.events_in(Slice(year=2025, place=k)).count() for k in sel.DIVISION_KEYS)

    assert by_sector == total == 9
    assert by_direction == total
    assert by_place == total - 1  # the Moscow event lies outside the divisions


def test_field_counts_and_field_by_direction(scene):
    fields = sel.field_facts(Y)

    assert fields.by("field", 2025) == {
        "music": 5,
        "fine-arts": 2,
        "education": 1,
        "folk-heritage": 1,
        "sports": 1,
    }
    pairs = fields.by(("field", "direction"), 2025)
    assert (pairs[("music", "ru_cn")], pairs[("music", "cn_ru")]) == (3, 1)
    assert sel.event_facts(Y).by("direction", 2025) == {"ru_cn": 4, "cn_ru": 4, "joint": 1}


def test_field_and_place_filters(scene):
    assert sel.events_in(Slice(year=2025, field="music")).count() == 5
    assert sel.events_in(Slice(year=2025, place="mudanjiang")).count() == 1
    assert sel.events_in(Slice(year=2025, kind="association")).count() == 2


def test_years_give_the_trend_per_sector(scene):
    years = sel.event_hosts(Y).per_year("sector")

    assert years[2024] == {"folk": 1}
    assert years[2025] == {"government": 5, "folk": 2, "public": 2}


def test_participation_in_person_and_online(scene):
    totals = sel.event_participation(sel.event_facts(Y), 2025)

    assert (totals["in_person"], totals["online"], totals["reported"]) == (500, 500, 6)


def test_actors_pairs_and_new_entrants(scene):
    actors = sel.event_actors(Y)

    assert actors["active"] == {
        ("CN", "government"): 1,
        ("CN", "association"): 1,
        ("RU", "university"): 1,
    }
    assert actors["pairs"] == 1  # official–russian, twice in 2025 but one pair
    assert actors["new"] == 0  # all three organised something before 2025
    assert actors["sustained"] == 1  # 2022, 2023, 2025


def test_mobility_direction_and_level_with_the_kind_as_fallback(scene):
    levels = sel.mobility_facts(Y, date(2030, 1, 1)).by(("direction", "level"), 2025)

    assert levels == {("cn_ru", "student"): 2, ("ru_cn", "staff"): 1, ("cn_ru", "teacher"): 1}


def test_a_year_is_the_year_harbin_lived_it_on_either_database(db):
    from datetime import UTC, datetime

    from django.db.models import Count

    from amur.events.models import Event
    from amur.observatory.selectors import LocalYear
    from tests.factories.events import EventFactory

    # 2024-12-31 16:30 UTC is already 2025-01-01 00:30 in Harbin; 15:59 UTC still 2024.
    for moment in (
        datetime(2024, 12, 31, 16, 30, tzinfo=UTC),
        datetime(2024, 12, 31, 15, 59, tzinfo=UTC),
        datetime(2025, 7, 1, 12, 0, tzinfo=UTC),
    ):
        EventFactory(start=moment, end=moment)

    rows = Event.objects.annotate(y=LocalYear("start")).values("y").annotate(n=Count("pk"))

    assert {r["y"]: r["n"] for r in rows} == {2024: 1, 2025: 2}


def test_a_year_is_the_year_harbin_lived_whatever_zone_the_reader_is_in(scene):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from tests.observatory.conftest import event

    # New Year's night in Harbin is still the old year in Moscow.
    night = event(place="harbin", host=scene.folk, year=2025, direction="cn_ru")
    night.start = datetime(2026, 1, 1, 2, tzinfo=ZoneInfo("Asia/Harbin"))
    night.end = night.start + (night.end - datetime(2025, 6, 1, 10, tzinfo=ZoneInfo("Asia/Harbin")))
    night.save()

    with timezone.override(ZoneInfo("Europe/Moscow")):
        in_2026 = sel.events_in(Slice(year=2026)).count()
        trend = sel.event_hosts(Slice()).per_year("sector")
        facts = sel.event_facts(Slice(year=2026))

    assert in_2026 == 1 == trend[2026]["folk"]
    assert facts.total(2026) == 1
    assert facts.total(2025) == 9  # the year before, for the trend


def test_the_year_before_is_counted_beside_the_year(scene):
    facts = sel.event_facts(Slice(year=2025))
    fields = sel.field_facts(Slice(year=2025))
    hosts = sel.event_hosts(Slice(year=2025))

    assert facts.total(2024) == sel.events_in(Slice(year=2024)).count() == 1
    assert fields.by("field", 2024) == {"music": 1}
    assert sel.event_sectors(hosts, 2024) == {"folk": {"n": 1, "people": 0}}
    # A slice of all years adds every year up.
    assert sel.event_facts(Slice()).total() == sel.events_in(Slice()).count() == 12


def test_stays_of_the_year_before_and_their_realised_share(scene):
    from amur.mobility.models import Mobility

    Mobility.objects.filter(kind="short").update(start=date(2024, 5, 1))

    stays = sel.mobility_facts(Y, today=date(2025, 2, 1))

    assert stays.total(2025) == 3
    assert stays.by(("direction", "level"), 2024) == {("cn_ru", "teacher"): 1}
    assert stays.total(2025, "realised") == 0  # none had begun on 1 February
    assert stays.total(2024, "realised") == 1

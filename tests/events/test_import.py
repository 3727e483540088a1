# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest
from django.core.management import call_command

from amur.events.imports import COLUMNS, events_import_csv
from amur.events.models import Event

pytestmark = pytest.mark.django_db
HEADER = ",".join(COLUMNS) + "\n"


@pytest.fixture
def reference():
    call_command("demo", only=["core", "directory"], verbosity=0)


def row(**values):
    base = dict.fromkeys(COLUMNS, "")
    base.update(
        slug="e1",
        title_en="Week",
        kind="culture_week",
        status="completed",
        place="harbin",
        start="2017-08-20 09:00",
        end="2017-08-26 18:00",
        organisers="harbin-government:host",
        fields="music",
    )
    base.update(values)
    return ",".join(f'"{base[c]}"' for c in COLUMNS) + "\n"


def test_good_file_imports_with_event_time_zone(reference):
    report = events_import_csv(HEADER + row())

    event = Event.objects.get(slug="e1")
    assert (report.ok, report.created) == (True, 1)
    assert event.timezone == "Asia/Shanghai"
    assert event.start.isoformat() == "2017-08-20T01:00:00+00:00"
    assert list(event.event_organisers.values_list("role", flat=True)) == ["host"]


def test_errors_are_reported_row_by_row_and_nothing_is_imported(reference):
    text = (
        HEADER
        + row(slug="ok")
        + row(slug="bad-place", place="atlantis")
        + row(slug="bad-date", start="20 August 2017")
        + row(slug="no-host", organisers="harbin-government:partner")
    )

    report = events_import_csv(text)

    assert report.errors == [
        (3, "place", "'atlantis' is not a known place key"),
        (4, "start", "'20 August 2017' is not a date and time like 2017-08-20 09:00"),
        (5, "organisers", "exactly one organiser must be the host"),
    ]
    assert Event.objects.count() == 0


def test_reimport_updates_instead_of_duplicating(reference):
    events_import_csv(HEADER + row())

    report = events_import_csv(HEADER + row(title_en="Renamed"))

    assert (report.created, report.updated) == (0, 1)
    assert list(Event.objects.values_list("title_en", flat=True)) == ["Renamed"]


def test_demo_loads_the_seed_events_with_their_figures(reference):
    call_command("demo", only=["events"], verbosity=0)

    ceremony = Event.objects.get(slug="vocational-alliance-inauguration-2023")
    week = Event.objects.get(slug="culture-art-week-2017")
    assert (ceremony.attendance_in_person, ceremony.online_viewers) == (200, 5000)
    assert (week.series.slug, week.edition) == ("harbin-culture-art-week", 2)
    assert Event.objects.filter(status="completed").count() == 12


def test_observed_columns_import_direction_and_participants_by_country(reference):
    from amur.events.imports import OBSERVED

    columns = COLUMNS + OBSERVED
    values = dict.fromkeys(columns, "")
    values.update(
        slug="e2",
        title_en="Oil paintings",
        kind="exhibition",
        place="harbin",
        start="2018-05-01 09:00",
        end="2018-05-20 18:00",
        organisers="harbin-government:host",
        direction="ru_cn",
        participants_cn="120",
        participants_ru="30",
    )
    text = ",".join(columns) + "\n" + ",".join(f'"{values[c]}"' for c in columns) + "\n"

    report = events_import_csv(text)

    event = Event.objects.get(slug="e2")
    assert report.ok
    assert (event.direction, event.participants_cn, event.participants_ru) == ("ru_cn", 120, 30)
    assert event.participants_other is None


def test_observed_direction_must_be_known(reference):
    from amur.events.imports import OBSERVED

    columns = COLUMNS + OBSERVED
    values = dict.fromkeys(columns, "")
    values.update(
        slug="e3",
        title_en="X",
        kind="exhibition",
        place="harbin",
        start="2018-05-01 09:00",
        end="2018-05-02 18:00",
        organisers="harbin-government:host",
        direction="sideways",
    )
    text = ",".join(columns) + "\n" + ",".join(f'"{values[c]}"' for c in columns) + "\n"

    report = events_import_csv(text)

    assert report.errors == [(2, "direction", "'sideways' is not one of cn_ru, ru_cn, joint")]

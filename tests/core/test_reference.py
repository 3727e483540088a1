# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import csv

import pytest
from django.core.management import CommandError, call_command

from amur.core.models import FieldOfExchange, Place
from amur.core.reference import (
    PLACES_CSV,
    ReferenceDataError,
    fields_load,
    places_load,
)

pytestmark = pytest.mark.django_db

HEADER = "key,kind,country,parent,name_zh,name_ru,name_en,lat,lon,is_border,counterpart,note\n"
GOOD = [
    "cn,country,CN,,中国,Китай,China,,,,,\n",
    "harbin,city,CN,cn,哈尔滨,Харбин,Harbin,45.80,126.54,0,,\n",
]


def write(tmp_path, *lines, header=HEADER):
    path = tmp_path / "places.csv"
    path.write_text(header + "".join(lines), encoding="utf-8")
    return path


def test_shipped_places_load_with_parents_counterparts_and_time_zones():
    with PLACES_CSV.open(encoding="utf-8") as handle:
        expected = sum(1 for _ in csv.DictReader(handle))

    count = places_load()

    heihe = Place.objects.get(key="heihe")
    assert count == expected == Place.objects.count()
    assert heihe.parent.key == "cn-hl"
    assert heihe.counterpart.key == "blagoveshchensk"
    assert heihe.is_border is True
    assert Place.objects.get(key="blagoveshchensk").timezone == "Asia/Yakutsk"
    assert Place.objects.get(key="vladivostok").timezone == "Asia/Vladivostok"
    assert Place.objects.get(key="harbin").timezone == "Asia/Shanghai"
    assert Place.objects.get(key="moscow").timezone == "Europe/Moscow"


def test_reloading_places_changes_nothing():
    places_load()
    before = list(Place.objects.order_by("key").values())

    places_load()

    assert list(Place.objects.order_by("key").values()) == before


def test_place_search_keys_meet_across_scripts():
    places_load()

    keys = Place.objects.get(key="harbin").search_keys.split()

    assert {"哈尔滨", "ha", "er", "bin", "haerbin", "харбин", "kharbin", "harbin"} <= set(keys)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("x,planet,CN,,一,Один,One,,,,,\n", "kind 'planet' is not one of"),
        ("x,city,CN,nowhere,一,Один,One,,,,,\n", "parent 'nowhere' is not a known place key"),
        ("x,city,CN,cn,一,Один,One,north,1,0,,\n", "lat 'north' is not a number"),
        ("x,city,CN,cn,一,Один,One,95,1,0,,\n", "lat 95 is out of range ±90"),
        ("x,city,CN,cn,一,Один,One,1,1,yes,,\n", "is_border 'yes' is not 0, 1 or empty"),
        ("harbin,city,CN,cn,一,Один,One,1,1,0,,\n", "key 'harbin' repeats line 3"),
        (",city,CN,cn,一,Один,One,1,1,0,,\n", "the key is empty"),
        ("x,city,CN,cn,,Один,One,1,1,0,,\n", "a name in zh, ru or en is missing"),
        ("x,city,CN,cn,一,Один\n", "expected 12 columns"),
    ],
)
def test_malformed_row_names_file_line_and_reason_and_loads_nothing(tmp_path, line, reason):
    path = write(tmp_path, *GOOD, line)

    with pytest.raises(ReferenceDataError) as caught:
        places_load(path)

    assert str(caught.value).startswith(f"{path}, line 4: ")
    assert reason in str(caught.value)
    assert Place.objects.count() == 0


def test_wrong_header_is_refused(tmp_path):
    path = write(tmp_path, *GOOD, header="key,kind\n")

    with pytest.raises(ReferenceDataError, match="line 1: expected the columns"):
        places_load(path)


def test_command_reports_the_error_in_one_line(tmp_path):
    path = write(tmp_path, *GOOD, "x,city,CN,cn,一,Один,One,95,1,0,,\n")

    with pytest.raises(CommandError, match=r"line 4: lat 95 is out of range"):
        call_command("load_reference_data", places=str(path))

    assert Place.objects.count() == 0


def test_fields_vocabulary_loads_in_three_languages():
    count = fields_load()

    music = FieldOfExchange.objects.get(key="music")
    assert count == FieldOfExchange.objects.count() >= 16
    assert (music.name_zh, music.name_ru, music.name_en) == ("音乐", "Музыка", "Music")


def test_malformed_fields_file_loads_nothing(tmp_path):
    path = tmp_path / "fields.csv"
    path.write_text("key,name_zh,name_ru,name_en\nmusic,音乐,Музыка,Music\nart,,Искусство,Art\n")

    with pytest.raises(ReferenceDataError, match=r"line 3: a name in zh, ru or en is missing"):
        fields_load(path)

    assert FieldOfExchange.objects.count() == 0

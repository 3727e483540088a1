# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import csv
import json
from pathlib import Path

import amur.observatory
from amur.core.reference import PLACES_CSV
from amur.observatory.geography import TILES, contains
from amur.observatory.management.commands.observatory_geodata import (
    LINE_2008,
    cut_ring,
    decode_ring,
)
from amur.observatory.selectors import DIVISION_KEYS, DIVISIONS, FAR_EAST

DATA = Path(amur.observatory.__file__).parent / "data"
GEOJSON = DATA / "heilongjiang.geojson"
FAR_EAST_GEOJSON = DATA / "far_east.geojson"
# Points on Bolshoy Ussuriysky / Heixiazi island either side of the 2008 line.
WEST_OF_LINE = (134.50, 48.37)
EAST_OF_LINE = (134.85, 48.40)


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_decoder_adds_zigzag_pairs_to_the_offsets_and_divides_by_the_scale():
    # "B" = 66 → 2 → zigzag 1; "A" = 65 → 1 → zigzag −1; "@" = 64 → 0.
    ring = decode_ring("BA@@", [1024, 2048])

    assert ring == [[1025 / 1024, 2047 / 1024], [1025 / 1024, 2047 / 1024]]


def test_geojson_has_exactly_the_thirteen_divisions_named_in_three_languages():
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))

    codes = [f["properties"]["code"] for f in data["features"]]
    assert codes == [code for _key, code, _group in DIVISIONS]
    assert len(codes) == 13
    for feature in data["features"]:
        names = [feature["properties"][f"name_{lang}"] for lang in ("zh", "ru", "en")]
        assert all(names), feature["properties"]
    daxinganling = next(f for f in data["features"] if f["properties"]["code"] == "232700")
    assert daxinganling["properties"]["name_ru"] == "Большой Хинган"
    assert daxinganling["geometry"]["type"] == "MultiPolygon"
    assert "Apache" in data["notice"]


def test_every_division_lies_in_heilongjiang():
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))

    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        points = [p for polygon in polygons for ring in polygon for p in ring]
        assert all(121 < x < 135.2 and 43.3 < y < 53.6 for x, y in points), feature["properties"]


def test_far_east_has_every_subject_named_from_our_places_table():
    data = _load(FAR_EAST_GEOJSON)
    with PLACES_CSV.open(encoding="utf-8") as handle:
        places = {row["key"]: row for row in csv.DictReader(handle)}

    properties = [f["properties"] for f in data["features"]]

    assert [(p["key"], p["code"]) for p in properties] == FAR_EAST
    for p in properties:
        assert [p[f"name_{lang}"] for lang in ("zh", "ru", "en")] == [
            places[p["key"]][f"name_{lang}"] for lang in ("zh", "ru", "en")
        ]
        assert all(p[f"name_{lang}"] for lang in ("zh", "ru", "en"))
    magadan = next(p for p in properties if p["code"] == "RU-MAG")
    assert magadan["name_ru"] == "Магаданская область"  # the source calls it "Maga Buryatdan"
    assert "MIT" in data["notice"]
    assert "Natural Earth" in data["notice"]


def test_far_east_subjects_lie_where_their_capitals_are():
    data = _load(FAR_EAST_GEOJSON)
    capitals = {
        "ru-amu": (127.54, 50.27),
        "ru-kha": (135.07, 48.48),
        "ru-pri": (131.89, 43.12),
        "ru-yev": (132.92, 48.79),
    }

    def holders(point):
        return [f["properties"]["key"] for f in data["features"] if contains(f["geometry"], *point)]

    found = {key: holders(point) for key, point in capitals.items()}

    assert found == {key: [key] for key in capitals}


def test_the_2008_line_cuts_heixiazi_island():
    divisions = {f["properties"]["key"]: f["geometry"] for f in _load(GEOJSON)["features"]}
    subjects = {f["properties"]["key"]: f["geometry"] for f in _load(FAR_EAST_GEOJSON)["features"]}

    assert contains(divisions["jiamusi"], *WEST_OF_LINE)
    assert not contains(subjects["ru-kha"], *WEST_OF_LINE)
    assert contains(subjects["ru-kha"], *EAST_OF_LINE)
    assert not any(contains(g, *EAST_OF_LINE) for g in divisions.values())
    assert not any(contains(g, *WEST_OF_LINE) for g in subjects.values())


def test_cut_ring_keeps_one_side_of_the_line_within_the_window_only():
    x0, south = LINE_2008["lon"], LINE_2008["south"]
    # A ring across the line inside the window, and a southern part below the window that
    # lies west of the line but is not on the island: it must stay.
    ring = [
        [x0 - 0.2, south + 0.05],
        [x0 + 0.2, south + 0.05],
        [x0 + 0.2, south + 0.15],
        [x0 - 0.2, south + 0.15],
        [x0 - 0.2, south + 0.05],
    ]

    east = cut_ring(ring, keep="east")
    west = cut_ring(ring, keep="west")

    assert all(x >= x0 for x, _y in east)
    assert all(x <= x0 for x, _y in west)
    assert [x0, south + 0.05] in east
    assert [x0, south + 0.15] in east
    assert cut_ring(
        [
            [x0 - 0.2, south - 0.5],
            [x0 - 0.1, south - 0.5],
            [x0 - 0.1, south - 0.4],
            [x0 - 0.2, south - 0.5],
        ],
        keep="east",
    )[:3] == [[x0 - 0.2, south - 0.5], [x0 - 0.1, south - 0.5], [x0 - 0.1, south - 0.4]]


def test_every_division_and_subject_has_its_own_tile():
    keys = DIVISION_KEYS + [key for key, _code in FAR_EAST]

    assert sorted(TILES) == sorted(keys)
    assert len(set(TILES.values())) == len(keys)

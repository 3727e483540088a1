# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Loading the reference data shipped in ``amur/core/data/``: places and fields of exchange.

Both loaders are all-or-nothing: every row is checked first, and the first malformed row
raises ``ReferenceDataError`` naming the file, the line and the reason, before anything is
written.  Loading the same file again updates rows in place (keys are stable).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from amur.core.enums import PlaceKind
from amur.core.models import FieldOfExchange, Place
from amur.core.search import search_keys

DATA_DIR = Path(__file__).resolve().parent / "data"
PLACES_CSV = DATA_DIR / "places.csv"
FIELDS_CSV = DATA_DIR / "fields.csv"
PLACE_COLUMNS = [
    "key",
    "kind",
    "country",
    "parent",
    "name_zh",
    "name_ru",
    "name_en",
    "lat",
    "lon",
    "is_border",
    "counterpart",
    "note",
]
FIELD_COLUMNS = ["key", "name_zh", "name_ru", "name_en"]

# IANA time zones. A place takes the zone of the first of its key, its region (parent
# chain) and its country found here. Russia spans eleven zones, so its regions are listed;
# China keeps one national zone (Asia/Shanghai; Harbin's own tz entry is a link to it).
TIMEZONES = {
    "CN": "Asia/Shanghai",
    "ru-amu": "Asia/Yakutsk",
    "ru-kha": "Asia/Vladivostok",
    "ru-pri": "Asia/Vladivostok",
    "ru-yev": "Asia/Vladivostok",
    "ru-zab": "Asia/Chita",
    "ru-bu": "Asia/Irkutsk",
    "ru-sa": "Asia/Yakutsk",
    "ru-mag": "Asia/Magadan",
    "ru-kam": "Asia/Kamchatka",
    "ru-sak": "Asia/Sakhalin",
    "ru-chu": "Asia/Anadyr",
    "ru-irk": "Asia/Irkutsk",
    "ru-nvs": "Asia/Novosibirsk",
    "ru-sve": "Asia/Yekaterinburg",
    "ru-mow": "Europe/Moscow",
    "ru-spe": "Europe/Moscow",
    "ru-ta": "Europe/Moscow",
    "RU": "Europe/Moscow",
    "CH": "Europe/Zurich",
    "JP": "Asia/Tokyo",
    "KR": "Asia/Seoul",
    "DE": "Europe/Berlin",
    "FR": "Europe/Paris",
    "US": "America/New_York",
    "KZ": "Asia/Almaty",
    "MN": "Asia/Ulaanbaatar",
    "BY": "Europe/Minsk",
}


class ReferenceDataError(Exception):
    """A reference file cannot be loaded; the message names file, line and reason."""


@dataclass
class _PlaceRow:
    line: int
    key: str
    kind: str
    country: str
    parent: str
    names: tuple[str, str, str]
    lat: Decimal | None
    lon: Decimal | None
    is_border: bool
    counterpart: str
    note: str


def _read(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ReferenceDataError(f"{path}: cannot be read ({exc.strerror})") from exc
    with handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != columns:
            raise ReferenceDataError(
                f"{path}, line 1: expected the columns {','.join(columns)}, "
                f"found {','.join(reader.fieldnames or [])}"
            )
        rows = []
        for row in reader:
            if None in row or any(value is None for value in row.values()):
                raise ReferenceDataError(
                    f"{path}, line {reader.line_num}: expected {len(columns)} columns"
                )
            rows.append((reader.line_num, {k: v.strip() for k, v in row.items()}))
        return rows


def _coordinate(path, line, name, raw, limit) -> Decimal | None:
    if raw == "":
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ReferenceDataError(f"{path}, line {line}: {name} {raw!r} is not a number") from None
    if not value.is_finite() or abs(value) > limit:
        raise ReferenceDataError(f"{path}, line {line}: {name} {raw} is out of range ±{limit}")
    return value


def _check_places(path: Path) -> list[_PlaceRow]:
    rows: list[_PlaceRow] = []
    seen: dict[str, int] = {}
    for line, raw in _read(path, PLACE_COLUMNS):
        key = raw["key"]
        where = f"{path}, line {line}"
        if not key:
            raise ReferenceDataError(f"{where}: the key is empty")
        if key in seen:
            raise ReferenceDataError(f"{where}: key {key!r} repeats line {seen[key]}")
        seen[key] = line
        if raw["kind"] not in PlaceKind.values:
            raise ReferenceDataError(
                f"{where}: kind {raw['kind']!r} is not one of {', '.join(PlaceKind.values)}"
            )
        if len(raw["country"]) != 2 or not raw["country"].isalpha():
            raise ReferenceDataError(f"{where}: country {raw['country']!r} is not a 2-letter code")
        if not all((raw["name_zh"], raw["name_ru"], raw["name_en"])):
            raise ReferenceDataError(f"{where}: a name in zh, ru or en is missing")
        if raw["is_border"] not in ("", "0", "1"):
            raise ReferenceDataError(
                f"{where}: is_border {raw['is_border']!r} is not 0, 1 or empty"
            )
        rows.append(
            _PlaceRow(
                line=line,
                key=key,
                kind=raw["kind"],
                country=raw["country"].upper(),
                parent=raw["parent"],
                names=(raw["name_zh"], raw["name_ru"], raw["name_en"]),
                lat=_coordinate(path, line, "lat", raw["lat"], 90),
                lon=_coordinate(path, line, "lon", raw["lon"], 180),
                is_border=raw["is_border"] == "1",
                counterpart=raw["counterpart"],
                note=raw["note"],
            )
        )
    known = set(seen) | set(Place.objects.values_list("key", flat=True))
    for row in rows:
        for column in ("parent", "counterpart"):
            ref = getattr(row, column)
            if ref and ref not in known:
                raise ReferenceDataError(
                    f"{path}, line {row.line}: {column} {ref!r} is not a known place key"
                )
    return rows


def _timezone(row: _PlaceRow, parents: dict[str, str]) -> str:
    key: str | None = row.key
    while key:
        if key in TIMEZONES:
            return TIMEZONES[key]
        key = parents.get(key)
    return TIMEZONES.get(row.country, "")


@transaction.atomic
def places_load(path: Path | None = None) -> int:
    """Load (or update) every place of ``path``; returns the number of rows."""
    path = Path(path or PLACES_CSV)
    rows = _check_places(path)
    parents = {row.key: row.parent for row in rows}
    places: dict[str, Place] = {}
    for row in rows:
        name_zh, name_ru, name_en = row.names
        places[row.key], _created = Place.objects.update_or_create(
            key=row.key,
            defaults={
                "kind": row.kind,
                "country_code": row.country,
                "name_zh": name_zh,
                "name_ru": name_ru,
                "name_en": name_en,
                "lat": row.lat,
                "lon": row.lon,
                "is_border": row.is_border,
                "note": row.note,
                "timezone": _timezone(row, parents),
                "search_keys": search_keys(name_zh, name_ru, name_en, row.key),
            },
        )
    # Parents and counterparts may point forwards in the file: link them once all exist.
    for row in rows:
        place = places[row.key]
        parent = places.get(row.parent) or Place.objects.filter(key=row.parent).first()
        counterpart = (
            places.get(row.counterpart) or Place.objects.filter(key=row.counterpart).first()
        )
        Place.objects.filter(pk=place.pk).update(parent=parent, counterpart=counterpart)
    return len(rows)


@transaction.atomic
def fields_load(path: Path | None = None) -> int:
    """Load (or update) the vocabulary of fields of exchange; returns the number of rows."""
    path = Path(path or FIELDS_CSV)
    rows = _read(path, FIELD_COLUMNS)
    seen: dict[str, int] = {}
    for line, raw in rows:
        where = f"{path}, line {line}"
        if not raw["key"]:
            raise ReferenceDataError(f"{where}: the key is empty")
        if raw["key"] in seen:
            raise ReferenceDataError(f"{where}: key {raw['key']!r} repeats line {seen[raw['key']]}")
        seen[raw["key"]] = line
        if not all((raw["name_zh"], raw["name_ru"], raw["name_en"])):
            raise ReferenceDataError(f"{where}: a name in zh, ru or en is missing")
    for position, (_line, raw) in enumerate(rows):
        FieldOfExchange.objects.update_or_create(
            key=raw["key"],
            defaults={
                "name_zh": raw["name_zh"],
                "name_ru": raw["name_ru"],
                "name_en": raw["name_en"],
                "position": position,
            },
        )
    return len(rows)

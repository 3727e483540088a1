# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""CSV import of past events, all-or-nothing with a row-by-row error report.

Columns: slug, title_zh, title_ru, title_en, kind, status, place (a place key), venue,
start, end (YYYY-MM-DD HH:MM in the event's zone), timezone (empty: the place's),
organisers (``slug:role`` separated by ``;``), fields (keys separated by ``;``), series,
edition, attendance_in_person, online_viewers, summary_en; optionally, after these, the
columns of ``OBSERVED`` (direction cn_ru / ru_cn / joint and participants by country, read
by the observatory) and of ``SUMMARIES`` (the summary in Chinese and Russian).
Re-importing a file updates the events with the same slug.
"""

from __future__ import annotations

import csv
import io
import zoneinfo
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from amur.core.models import FieldOfExchange, Place
from amur.directory.models import Organisation
from amur.events.enums import Direction, EventKind, EventStatus, OrganiserRole
from amur.events.models import Event, EventSeries
from amur.events.services import event_save

COLUMNS = [
    "slug",
    "title_zh",
    "title_ru",
    "title_en",
    "kind",
    "status",
    "place",
    "venue",
    "start",
    "end",
    "timezone",
    "organisers",
    "fields",
    "series",
    "edition",
    "attendance_in_person",
    "online_viewers",
    "summary_en",
]
OBSERVED = ["direction", "participants_cn", "participants_ru", "participants_other"]
# Optional: the summary in the other two languages.
SUMMARIES = ["summary_zh", "summary_ru"]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, column, reason)

    @property
    def ok(self) -> bool:
        return not self.errors


class _RowError(Exception):
    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column, self.reason = column, reason


def _moment(raw: str, zone: zoneinfo.ZoneInfo, column: str) -> datetime:
    try:
        return datetime.strptime(raw.strip(), "%Y-%m-%d %H:%M").replace(tzinfo=zone)
    except ValueError:
        raise _RowError(column, f"{raw!r} is not a date and time like 2017-08-20 09:00") from None


def _number(raw: str, column: str) -> int | None:
    if not raw.strip():
        return None
    if not raw.strip().isdigit():
        raise _RowError(column, f"{raw!r} is not a whole number")
    return int(raw)


def _parse(row: dict[str, str]) -> dict:
    if not row["slug"].strip():
        raise _RowError("slug", "empty")
    if not any(row[f"title_{lang}"].strip() for lang in ("zh", "ru", "en")):
        raise _RowError("title_en", "the event needs a title in at least one language")
    if row["kind"] not in EventKind.values:
        raise _RowError("kind", f"{row['kind']!r} is not one of {', '.join(EventKind.values)}")
    status = row["status"] or EventStatus.COMPLETED
    if status not in EventStatus.values:
        raise _RowError("status", f"{status!r} is not one of {', '.join(EventStatus.values)}")
    place = Place.objects.filter(key=row["place"].strip()).first()
    if place is None:
        raise _RowError("place", f"{row['place']!r} is not a known place key")
    zone_name = row["timezone"].strip() or place.timezone
    try:
        zone = zoneinfo.ZoneInfo(zone_name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise _RowError("timezone", f"{zone_name!r} is not a time zone") from None
    start, end = _moment(row["start"], zone, "start"), _moment(row["end"], zone, "end")
    if end < start:
        raise _RowError("end", "ends before it starts")
    organisers = []
    for item in filter(None, (part.strip() for part in row["organisers"].split(";"))):
        slug, _sep, role = item.partition(":")
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise _RowError("organisers", f"{slug!r} is not a known organisation")
        if role not in OrganiserRole.values:
            raise _RowError(
                "organisers", f"{role!r} is not one of {', '.join(OrganiserRole.values)}"
            )
        organisers.append((organisation, role))
    if [role for _org, role in organisers].count("host") != 1:
        raise _RowError("organisers", "exactly one organiser must be the host")
    keys = [k.strip() for k in row["fields"].split(";") if k.strip()]
    fields = list(FieldOfExchange.objects.filter(key__in=keys))
    if len(fields) != len(keys):
        unknown = sorted(set(keys) - {f.key for f in fields})
        raise _RowError("fields", f"unknown fields: {', '.join(unknown)}")
    direction = (row.get("direction") or "").strip()
    if direction and direction not in Direction.values:
        raise _RowError("direction", f"{direction!r} is not one of {', '.join(Direction.values)}")
    observed = {"direction": direction} if "direction" in row else {}
    for column in OBSERVED[1:]:
        if column in row:
            observed[column] = _number(row[column] or "", column)
    return {
        "slug": row["slug"].strip(),
        "values": {
            "title_zh": row["title_zh"],
            "title_ru": row["title_ru"],
            "title_en": row["title_en"],
            "summary_en": row["summary_en"],
            **{column: row[column] for column in SUMMARIES if column in row},
            "kind": row["kind"],
            "status": status,
            "place": place,
            "venue": row["venue"],
            "start": start,
            "end": end,
            "timezone": zone_name,
            "attendance_in_person": _number(row["attendance_in_person"], "attendance_in_person"),
            "online_viewers": _number(row["online_viewers"], "online_viewers"),
            **observed,
        },
        "organisers": organisers,
        "fields": fields,
        "series": row["series"].strip(),
        "edition": _number(row["edition"], "edition"),
    }


def events_import_csv(text: str) -> ImportReport:
    """Check every row; import all of them only when none has an error."""
    report = ImportReport()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames not in (
        COLUMNS,
        COLUMNS + OBSERVED,
        COLUMNS + SUMMARIES,
        COLUMNS + OBSERVED + SUMMARIES,
    ):
        report.errors.append((1, "header", f"expected the columns {','.join(COLUMNS)}"))
        return report
    parsed = []
    for row in reader:
        try:
            parsed.append(_parse(row))
        except _RowError as exc:
            report.errors.append((reader.line_num, exc.column, exc.reason))
    if report.errors:
        return report
    with transaction.atomic():
        for item in parsed:
            event = Event.objects.filter(slug=item["slug"]).first()
            report.updated += event is not None
            report.created += event is None
            event = event or Event(slug=item["slug"])
            for name, value in item["values"].items():
                setattr(event, name, value)
            if item["series"]:
                event.series, _created = EventSeries.objects.get_or_create(
                    slug=item["series"], defaults={"name_en": item["values"]["title_en"]}
                )
                event.edition = item["edition"]
            event_save(event=event, organisers=item["organisers"])
            event.fields.set(item["fields"])
    return report

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Import of external series (CSV or XLSX): every row checked, all imported or none."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from amur.core.models import Place
from amur.observatory.models import ExternalValue, SeriesKind

COLUMNS = ["series", "place", "year", "value", "unit", "source"]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, column, reason)

    @property
    def ok(self) -> bool:
        return not self.errors


def _rows(content: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        return [
            ["" if v is None else str(v).strip() for v in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    text = content.decode("utf-8-sig")
    return [[v.strip() for v in row] for row in csv.reader(io.StringIO(text))]


def _check(row: dict[str, str], places: dict[str, Place]) -> tuple[dict | None, list]:
    problems = []
    if row["series"] not in SeriesKind.values:
        problems.append(
            ("series", f"{row['series']!r} is not one of {', '.join(SeriesKind.values)}")
        )
    if row["place"] not in places:
        problems.append(("place", f"{row['place']!r} is not a known place key"))
    year = row["year"].split(".")[0]
    if not (year.isdigit() and 1900 <= int(year) <= 2100):
        problems.append(("year", f"{row['year']!r} is not a year"))
    try:
        value = Decimal(row["value"].replace(",", ""))
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        value = None
        problems.append(("value", f"{row['value']!r} is not a number"))
    for column in ("unit", "source"):
        if not row[column]:
            problems.append((column, "empty"))
    if problems:
        return None, problems
    return {
        "series": row["series"],
        "place": places[row["place"]],
        "year": int(year),
        "value": value,
        "unit": row["unit"],
        "source": row["source"],
    }, []


def external_import(*, content: bytes, filename: str, by) -> ImportReport:
    """Check every row of a CSV or XLSX file; import all of them only when none has an error.

    A value for the same series, place and year replaces the earlier one.
    """
    report = ImportReport()
    try:
        rows = _rows(content, filename)
    except Exception:  # a file that is neither UTF-8 CSV nor XLSX: one clear error
        report.errors.append((1, "file", "not a UTF-8 CSV or an XLSX file"))
        return report
    if not rows or [c.lower() for c in rows[0][: len(COLUMNS)]] != COLUMNS:
        report.errors.append((1, "header", f"expected the columns {','.join(COLUMNS)}"))
        return report
    places = {p.key: p for p in Place.objects.all()}
    checked = []
    for line, raw in enumerate(rows[1:], start=2):
        if not any(raw):
            continue
        row = dict(zip(COLUMNS, [*raw, *[""] * len(COLUMNS)], strict=False))
        values, problems = _check(row, places)
        report.errors.extend((line, column, reason) for column, reason in problems)
        if values:
            checked.append(values)
    if report.errors:
        return report
    with transaction.atomic():
        for values in checked:
            _obj, created = ExternalValue.objects.update_or_create(
                series=values.pop("series"),
                place=values.pop("place"),
                year=values.pop("year"),
                defaults={**values, "imported_by": by if by and by.is_authenticated else None},
            )
            report.created += created
            report.updated += not created
    return report

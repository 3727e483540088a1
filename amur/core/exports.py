# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Tables as downloads: one helper for every CSV and XLSX export of the platform.

Every export goes through here (tests/core/test_exports.py checks that no other module
writes CSV or XLSX), because exported cells carry what visitors typed: a registrant named
``=cmd|' /C calc'!A0`` must not become a formula in the organiser's spreadsheet.

- CSV: a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return is
  prefixed with an apostrophe (OWASP's CSV-injection rule), so spreadsheets read it as
  text. Numbers stay numbers (``-3`` as a Python number, or a string that is exactly a
  number such as ``"-3.5"``, is not a formula).
- XLSX: text is written as a string cell, never as a formula (openpyxl treats any string
  starting with ``=`` as one), so the reader sees exactly what was typed; characters XML
  cannot hold (NUL and other control characters) are dropped instead of failing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell no spreadsheet will evaluate (see the module's docstring)."""
    formula = isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
    return "'" + value if formula and not _NUMBER.fullmatch(value) else value


def csv_writer(stream) -> Any:
    """A ``csv.writer`` on ``stream`` whose rows are neutralised cell by cell."""
    return _SafeWriter(csv.writer(stream))


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row: Iterable) -> Any:
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_command_writer(stream) -> Any:
    """As :func:`csv_writer`, for a command's output (one ``\\n`` per line)."""
    return _SafeWriter(csv.writer(stream, lineterminator="\n"))


def sheet_append(sheet, row: Iterable) -> None:
    """Append ``row`` to an openpyxl sheet with every text written as text, never a formula."""
    values = [_NOT_IN_XML.sub("", v) if isinstance(v, str) else v for v in row]
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def new_workbook():
    """An empty openpyxl workbook (openpyxl is imported only when an XLSX is asked for)."""
    from openpyxl import Workbook

    return Workbook()


def workbook_bytes(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_response(
    name: str, header: Sequence[str], rows: Iterable[Sequence], fmt: str = "csv"
) -> HttpResponse:
    """A download of ``rows`` under ``header``: UTF-8 CSV (the default) or an XLSX sheet.

    ``name`` is the file name without extension, also the sheet's title.
    """
    if fmt == "xlsx":
        book = new_workbook()
        sheet = book.active
        sheet.title = name[:31]
        sheet_append(sheet, header)
        for row in rows:
            sheet_append(sheet, row)
        response = HttpResponse(workbook_bytes(book), content_type=XLSX)
    else:
        fmt = "csv"
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        writer = csv_writer(response)
        writer.writerow(header)
        writer.writerows(rows)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response

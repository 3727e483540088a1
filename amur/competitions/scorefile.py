# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reading and computing the wide score sheets of `amur competition-scores`.

ROUND.csv: first column ``contestant``, then one column per juror; a cell is a score,
``S`` (recused) or empty (absent).  EARLIER.csv: ``contestant`` and one column per earlier
round's stage score.  Every problem is reported with the file, the row and the column.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from amur.competitions import scoring

METHODS = ("corrected-mean", "trimmed-mean", "mean")


class ScoreFileError(Exception):
    """A sheet cannot be used; the message names file, row and column."""


@dataclass
class Sheet:
    jurors: list[str]
    rows: dict[str, dict[str, scoring.Cell]]  # contestant -> juror -> cell, in file order


def parse_scale(raw: str) -> tuple[Decimal, Decimal]:
    """``--scale MIN-MAX`` of the score commands."""
    try:
        low, high = (Decimal(part) for part in raw.split("-", 1))
    except (ValueError, InvalidOperation):
        raise ScoreFileError(f"--scale {raw!r}: expected MIN-MAX, e.g. 1-25") from None
    if low >= high:
        raise ScoreFileError(f"--scale {raw!r}: the minimum must be below the maximum")
    return low, high


def check_options(*, method: str, cap, earlier: str | None, weights: str | None) -> list | None:
    """The option rules both score commands share; returns the weights as decimals."""
    if method == "corrected-mean" and cap is None:
        raise ScoreFileError(f"--method {method} needs --cap N")
    if (earlier is None) != (weights is None):
        raise ScoreFileError("--earlier and --weights go together")
    if not weights:
        return None
    try:
        return [Decimal(w) for w in weights.split(",")]
    except InvalidOperation:
        raise ScoreFileError(f"--weights {weights!r}: not numbers") from None


def read_inputs(
    round_csv: str, *, scale: str, earlier_csv: str | None, weights: list[Decimal] | None
) -> tuple[Sheet, dict[str, list[Decimal]] | None]:
    """The round's sheet and, with weights, the earlier rounds' stage scores: what
    ``competition-scores`` and ``competition-audit`` read, refused the same way."""
    sheet = read_round(Path(round_csv), parse_scale(scale))
    earlier = None
    if weights is not None and earlier_csv is not None:
        earlier = read_earlier(Path(earlier_csv), list(sheet.rows), len(weights) - 1)
    return sheet, earlier


def _rows(path: Path) -> list[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
    except OSError as exc:
        raise ScoreFileError(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ScoreFileError(f"{path}: is not UTF-8 text") from None


def _header(path: Path, header: list[str]) -> list[str]:
    names = [name.strip() for name in header]
    if not names or names[0].lower() != "contestant":
        raise ScoreFileError(f"{path}, row 1, column 1: the first column must be 'contestant'")
    seen: set[str] = set()
    for number, name in enumerate(names[1:], start=2):
        if not name or name.lower() == "contestant" or name in seen:
            raise ScoreFileError(
                f"{path}, row 1, column {number}: unknown column {name!r} "
                "(empty, repeated or a second 'contestant')"
            )
        seen.add(name)
    return names[1:]


def read_round(path: Path, scale: tuple[Decimal, Decimal]) -> Sheet:
    rows = _rows(path)
    if not rows:
        raise ScoreFileError(f"{path}: the file is empty")
    jurors = _header(path, rows[0])
    low, high = scale
    sheet = Sheet(jurors=jurors, rows={})
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(jurors) + 1:
            raise ScoreFileError(
                f"{path}, row {number}: {len(row)} cells for {len(jurors) + 1} columns"
            )
        contestant = row[0].strip()
        if not contestant:
            raise ScoreFileError(f"{path}, row {number}, column 'contestant': empty")
        if contestant in sheet.rows:
            raise ScoreFileError(
                f"{path}, row {number}, column 'contestant': duplicate contestant {contestant!r}"
            )
        cells: dict[str, scoring.Cell] = {}
        for juror, raw in zip(jurors, row[1:], strict=True):
            value = raw.strip()
            where = f"{path}, row {number}, column {juror!r}"
            if value == "":
                cells[juror] = scoring.ABSENT
            elif value.upper() == scoring.RECUSED:
                cells[juror] = scoring.RECUSED
            else:
                try:
                    score = Decimal(value)
                except InvalidOperation:
                    raise ScoreFileError(f"{where}: {value!r} is not a score, S or empty") from None
                if not score.is_finite() or not low <= score <= high:
                    raise ScoreFileError(f"{where}: {value} is outside the scale {low}-{high}")
                cells[juror] = score
        if not scoring.eligible(cells):
            raise ScoreFileError(f"{path}, row {number}: no juror scored {contestant!r}")
        sheet.rows[contestant] = cells
    return sheet


def read_earlier(path: Path, contestants: list[str], rounds: int) -> dict[str, list[Decimal]]:
    rows = _rows(path)
    if not rows:
        raise ScoreFileError(f"{path}: the file is empty")
    columns = _header(path, rows[0])
    if len(columns) != rounds:
        raise ScoreFileError(
            f"{path}, row 1: {len(columns)} earlier rounds but {rounds} earlier weights"
        )
    earlier: dict[str, list[Decimal]] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(columns) + 1:
            raise ScoreFileError(
                f"{path}, row {number}: {len(row)} cells for {len(columns) + 1} columns"
            )
        contestant = row[0].strip()
        if contestant in earlier:
            raise ScoreFileError(
                f"{path}, row {number}, column 'contestant': duplicate contestant {contestant!r}"
            )
        if contestant not in contestants:
            raise ScoreFileError(
                f"{path}, row {number}, column 'contestant': {contestant!r} is not in the round"
            )
        values = []
        for column, raw in zip(columns, row[1:], strict=True):
            try:
                values.append(Decimal(raw.strip()))
            except InvalidOperation:
                raise ScoreFileError(
                    f"{path}, row {number}, column {column!r}: {raw!r} is not a score"
                ) from None
        earlier[contestant] = values
    missing = [c for c in contestants if c not in earlier]
    if missing:
        raise ScoreFileError(f"{path}: no earlier scores for {', '.join(missing)}")
    return earlier


@dataclass
class Result:
    contestant: str
    stage_score: Decimal
    shown: dict[str, scoring.Cell]  # corrected (or raw) score per juror
    cumulative: Decimal | None


def compute(
    sheet: Sheet,
    *,
    method: str,
    cap: Decimal | None,
    decimals: int,
    earlier: dict[str, list[Decimal]] | None = None,
    weights: list[Decimal] | None = None,
) -> list[Result]:
    """Stage scores (and cumulative results), best first; ties keep the file's order."""
    results = []
    for contestant, cells in sheet.rows.items():
        shown: dict[str, scoring.Cell] = dict(cells)
        if method == "corrected-mean":
            _mean, corrected = scoring.corrected_scores(cells, cap, decimals)
            shown.update(corrected)
            stage = scoring.round_half_up(
                sum(corrected.values(), Decimal(0)) / len(corrected), decimals
            )
        elif method == "trimmed-mean":
            stage = scoring.trimmed_mean(cells, decimals)
        else:
            stage = scoring.plain_mean(cells, decimals)
        total = None
        if weights is not None and earlier is not None:
            total = scoring.cumulative([*earlier[contestant], stage], weights, decimals)
        results.append(Result(contestant, stage, shown, total))
    key = (lambda r: -r.cumulative) if weights is not None else (lambda r: -r.stage_score)
    return sorted(results, key=key)


def _pairs(path: Path, second: str, known: set[str], what: str) -> list[tuple[str, str]]:
    """Two-column sheets: a header ``<first>,<second>`` then one pair per row."""
    rows = _rows(path)
    if not rows:
        raise ScoreFileError(f"{path}: the file is empty")
    header = [cell.strip().lower() for cell in rows[0]]
    if len(header) != 2 or header[1] != second:
        raise ScoreFileError(f"{path}, row 1: expected two columns, the second {second!r}")
    pairs = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 2:
            raise ScoreFileError(f"{path}, row {number}: {len(row)} cells for 2 columns")
        name, value = row[0].strip(), row[1].strip()
        if name not in known:
            raise ScoreFileError(f"{path}, row {number}, column 1: {name!r} is not {what}")
        if not value:
            raise ScoreFileError(f"{path}, row {number}, column 2: empty")
        pairs.append((name, value))
    return pairs


def read_teachers(path: Path, sheet: Sheet) -> dict[str, list[str]]:
    """TEACHERS.csv: ``contestant,teacher``, one row per teacher; a teacher who sits on the
    jury is named as in the round's header."""
    teachers: dict[str, list[str]] = {}
    for contestant, teacher in _pairs(
        path, "teacher", set(sheet.rows), "a contestant of the round"
    ):
        teachers.setdefault(contestant, []).append(teacher)
    return teachers


def read_countries(path: Path, sheet: Sheet) -> dict[str, str]:
    """COUNTRIES.csv: ``name,country`` for contestants and jurors (as in the round)."""
    known = set(sheet.rows) | set(sheet.jurors)
    return {
        name: country.upper()
        for name, country in _pairs(path, "country", known, "a contestant or juror of the round")
    }

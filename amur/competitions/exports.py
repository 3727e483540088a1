# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Results and full score tables of a closed round as XLSX and PDF, the way the Chopin
Institute publishes them: the ranking with earlier stage scores and the cumulative result,
then each juror's raw and corrected score ("S" where the juror was recused)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from amur.competitions.models import Contestant, Juror, Round
from amur.core.exports import new_workbook, sheet_append, workbook_bytes
from amur.core.i18n import localised


@dataclass
class ScoreTable:
    title: str
    subtitle: str
    earlier: list[str]  # names of earlier rounds whose stage scores are shown
    jurors: list[str]
    rows: list[dict] = field(default_factory=list)
    with_scores: bool = True


def _cell(value: str) -> Decimal | str:
    """A score as a number where it is one; "S" and empty cells stay text."""
    try:
        return Decimal(value)
    except (ArithmeticError, ValueError, TypeError):
        return value or ""


def score_table(round_: Round) -> ScoreTable:
    """Everything a published result holds, in ranking order (a closed round only)."""
    discipline = round_.discipline
    edition = discipline.edition
    jurors = list(Juror.objects.filter(edition=edition).select_related("person").order_by("pk"))
    earlier = list(Round.objects.filter(discipline=discipline, order__lt=round_.order))
    contestants = {str(c.pk): c for c in Contestant.objects.filter(discipline=discipline)}
    results = (round_.results or {}).get("contestants", {})
    qualified = set((round_.results or {}).get("qualified", []))
    table = ScoreTable(
        title=f"{localised(edition.competition, 'name')} {edition.year}",
        subtitle=f"{localised(discipline, 'name')} · {localised(round_, 'name')} · "
        f"{round_.get_method_display()}",
        earlier=[str(localised(r, "name")) for r in earlier],
        jurors=[j.person.name_latin or j.person.name for j in jurors],
        with_scores=edition.publish_score_tables,
    )
    for key, data in sorted(results.items(), key=lambda kv: (kv[1]["rank"], kv[1]["number"])):
        contestant = contestants[key]
        stages = [
            (r.results or {}).get("contestants", {}).get(key, {}).get("stage", "") for r in earlier
        ]
        table.rows.append(
            {
                "rank": data["rank"],
                "number": contestant.number,
                "name": contestant.name,
                "nationality": contestant.nationality,
                "earlier": [_cell(s) for s in stages],
                "stage": _cell(data["stage"]),
                "total": _cell(data["total"]),
                "qualified": int(key) in qualified,
                "raw": [_cell(data["raw"].get(str(j.pk), "")) for j in jurors],
                "corrected": [
                    _cell(data["corrected"].get(str(j.pk), data["raw"].get(str(j.pk), "")))
                    if data["corrected"]
                    else ""
                    for j in jurors
                ],
            }
        )
    return table


def _result_header(table: ScoreTable) -> list[str]:
    return [
        _("Rank"),
        _("Number"),
        _("Contestant"),
        _("Nationality"),
        *table.earlier,
        _("Stage score"),
        _("Cumulative"),
        _("Advances"),
    ]


def _result_row(row: dict) -> list:
    return [
        row["rank"],
        row["number"],
        row["name"],
        row["nationality"],
        *row["earlier"],
        row["stage"],
        row["total"],
        "✓" if row["qualified"] else "",
    ]


def xlsx_bytes(round_: Round) -> bytes:
    """A workbook: the results, then raw and corrected scores per juror when published."""
    from openpyxl.styles import Font

    table = score_table(round_)
    book = new_workbook()
    sheets = [
        (book.active, _("Results"), _result_header(table), [_result_row(r) for r in table.rows])
    ]
    if table.with_scores:
        for title, key in ((_("Raw scores"), "raw"), (_("Corrected scores"), "corrected")):
            sheets.append(
                (
                    book.create_sheet(),
                    title,
                    [_("Number"), _("Contestant"), *table.jurors],
                    [[r["number"], r["name"], *r[key]] for r in table.rows],
                )
            )
    for sheet, title, header, rows in sheets:
        sheet.title = title[:31]
        sheet_append(sheet, [table.title])
        sheet_append(sheet, [table.subtitle])
        sheet_append(sheet, header)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet_append(sheet, row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "0.00"
        sheet.freeze_panes = "C4"
    return workbook_bytes(book)


def pdf_bytes(round_: Round) -> bytes:
    """A landscape A4 document with the results and, when published, the score tables."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from amur.core.pdf import FONT, styles

    table = score_table(round_)
    style = styles()
    grid = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("ALIGN", (3, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
    )

    def block(header: list[str], rows: list[list]) -> Table:
        cells = [[Paragraph(str(h), style["small"]) for h in header]]
        cells += [[v if isinstance(v, int) else str(v) for v in row] for row in rows]
        return Table(cells, repeatRows=1, style=grid)

    story = [
        Paragraph(table.title, style["title"]),
        Paragraph(table.subtitle, style["body"]),
        Spacer(1, 4 * mm),
        Paragraph(_("Results"), style["heading"]),
        block(_result_header(table), [_result_row(r) for r in table.rows]),
    ]
    if table.with_scores:
        for title, key in ((_("Raw scores"), "raw"), (_("Corrected scores"), "corrected")):
            story += [
                Spacer(1, 4 * mm),
                Paragraph(title, style["heading"]),
                block([_("Number"), *table.jurors], [[r["number"], *r[key]] for r in table.rows]),
            ]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        invariant=1,
        title=table.title,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
    )
    document.build(story)
    return buffer.getvalue()

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
from django.utils.translation import gettext_lazy, pgettext

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


# ---------------------------------------------------------------- integrity analysis


def _method_label(name: str) -> str:
    from amur.competitions.enums import Method

    if name == "median":
        return str(_("Median"))
    return str(Method(name).label)


def integrity_view(found) -> dict:
    """A round's analysis with names and translated labels, for the page and the PDF."""
    from amur.competitions import integrity

    audit, name = found.audit, found.name
    kinds = {
        "rivals": _("their students' closest rivals"),
        "country": _("their own country"),
        "circle": _("a colleague's students"),
    }
    robust = audit.robustness
    return {
        "jurors": [
            {
                "name": name(p.juror),
                "scored": p.scored,
                "recused": [name(c) for c in p.recused],
                "mean": p.mean,
                "spread": p.spread,
                "agreement": p.agreement,
                "deviation": p.mean_deviation,
                "clamped": p.clamped,
            }
            for p in audit.profiles
        ],
        "tests": [
            {
                "juror": name(t.juror),
                "kind": kinds[t.kind],
                "about": ", ".join(name(k) for k in t.about_keys),
                "size": len(t.group),
                "difference": t.difference,
                "p": t.p_value,
                "notable": t.notable,
            }
            for t in sorted(audit.tests, key=lambda t: t.p_value)
        ],
        "comparisons": len(audit.tests),
        "expected": len(audit.tests) * integrity.LEVEL,
        "contestants": [
            {
                "name": name(p.contestant),
                "spread": p.spread,
                "relative": p.relative_spread,
                "bimodality": p.bimodality,
                "divided": p.divided,
                "hinges": [name(j) for j in p.hinges_on],
                "places": [name(j) for j in p.place_hinges_on],
            }
            for p in audit.polarisation
            if p.divided or p.hinges_on
        ],
        "qualified": [name(c) for c in robust.baseline.qualified],
        "variants": [
            {
                "label": _("without %(juror)s") % {"juror": name(v.name)}
                if v.kind == "juror"
                else _method_label(v.name),
                "computable": v.outcome is not None,
                "in": [name(c) for c in v.in_],
                "out": [name(c) for c in v.out],
                "moved": len(v.moved),
                "same": v.same_qualifiers,
            }
            for v in robust.variants
        ],
        "stability": robust.stability,
    }


def _fmt(value, places: int = 2) -> str:
    return "" if value is None else f"{value:.{places}f}"


def integrity_pdf_bytes(round_: Round, found) -> bytes:
    """The analysis as an A4 document: what it can and cannot show, then its tables."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from amur.core.pdf import FONT, styles

    view = integrity_view(found)
    style = styles()
    grid = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )

    def block(header, rows):
        cells = [[Paragraph(str(h), style["small"]) for h in header]]
        cells += [[Paragraph(str(v), style["small"]) for v in row] for row in rows]
        return Table(cells, repeatRows=1, style=grid)

    edition = round_.discipline.edition
    story = [
        Paragraph(f"{localised(edition.competition, 'name')} {edition.year}", style["title"]),
        Paragraph(
            f"{localised(round_.discipline, 'name')} · {localised(round_, 'name')} · "
            f"{_('Integrity analysis')}",
            style["body"],
        ),
        Paragraph(str(INTEGRITY_CAVEAT), style["body"]),
        Spacer(1, 4 * mm),
        Paragraph(_("How each juror scored"), style["heading"]),
        block(
            [
                _("Juror"),
                _("Scored"),
                _("Mean"),
                _("Spread"),
                pgettext("jury scores", "Agreement"),
                _("Mean deviation"),
                _("Clamped"),
            ],
            [
                [
                    j["name"],
                    j["scored"],
                    _fmt(j["mean"]),
                    _fmt(j["spread"]),
                    _fmt(j["agreement"]),
                    _fmt(j["deviation"]),
                    "" if j["clamped"] is None else j["clamped"],
                ]
                for j in view["jurors"]
            ],
        ),
        Spacer(1, 4 * mm),
        Paragraph(_("A juror's scores on a group against their other scores"), style["heading"]),
        block(
            [_("Juror"), _("Group"), _("About"), _("Contestants"), _("Difference"), "p"],
            [
                [
                    t["juror"],
                    t["kind"],
                    t["about"],
                    t["size"],
                    _fmt(t["difference"]),
                    _fmt(t["p"], 4),
                ]
                for t in view["tests"]
            ],
        ),
        Spacer(1, 4 * mm),
        Paragraph(_("Divided panels and outcomes that hinge on one juror"), style["heading"]),
        block(
            [_("Contestant"), _("Spread"), _("Bimodality"), _("Qualification hinges on")],
            [
                [c["name"], _fmt(c["spread"]), _fmt(c["bimodality"]), ", ".join(c["hinges"])]
                for c in view["contestants"]
            ],
        ),
        Spacer(1, 4 * mm),
        Paragraph(_("Robustness of the outcome"), style["heading"]),
        block(
            [_("Recomputed"), _("Would advance"), _("Would not advance"), _("Places changed")],
            [
                [
                    v["label"],
                    ", ".join(v["in"]),
                    ", ".join(v["out"]),
                    v["moved"] if v["computable"] else _("not computable"),
                ]
                for v in view["variants"]
            ],
        ),
        Paragraph(
            _("Stability: %(share)s of the runs without one juror keep the same qualifiers.")
            % {"share": _fmt(view["stability"])},
            style["body"],
        ),
    ]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        invariant=1,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        title=str(_("Integrity analysis")),
    ).build(story)
    return buffer.getvalue()


INTEGRITY_CAVEAT = gettext_lazy(
    "These figures describe patterns in the scores and how often chance alone would produce "
    "them. They do not show intent or wrongdoing: a juror may hear a performance differently "
    "for good reasons, and among many comparisons some small p-values are expected by chance."
)

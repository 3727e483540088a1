# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The yearly report: the board of one year as a PDF in one language and as a workbook.

The PDF is HTML put through WeasyPrint with the platform's own Noto Sans SC (Han, Cyrillic,
Latin; shipped in ``core/fonts``), whose used glyphs it embeds, so the file reads on a
machine without Chinese fonts and the server needs no font installed.  Charts are drawn
here as SVG from the very options the page gives ECharts, so the report shows the page's
numbers.  The workbook has one sheet per indicator and one of findings, as the board's XLSX
download.
"""

from __future__ import annotations

import logging
import math
import secrets
from collections.abc import Callable
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from amur.core.audit import audit_record
from amur.core.errors import DomainError
from amur.core.exports import new_workbook, sheet_append, workbook_bytes
from amur.core.pdf import FONT_FILE
from amur.observatory.models import Report, ReportStatus
from amur.observatory.selectors import Slice
from amur.observatory.summary import Card, Dashboard, findings

PALETTE = ["#2f6f9f", "#c0504d", "#9bbb59", "#8064a2", "#f79646", "#4bacc6", "#7f7f7f"]
Progress = Callable[[int, str], None]
log = logging.getLogger(__name__)


class ObservatoryError(DomainError):
    pass


def _text(value) -> str:
    return str(value) if isinstance(value, Promise) else value


def board_workbook(cards: list[Card], found: list[dict]) -> bytes:
    """One sheet per indicator (its value, count, formula and reading above the table of its
    chart), and one sheet of findings."""
    book = new_workbook()
    book.remove(book.active)
    for card in cards:
        sheet = book.create_sheet(card.key[:31])
        for row in (
            [card.title],
            [_("Value"), "" if card.value is None else card.value],
            [_("Observations"), card.n],
            [_("Formula"), card.formula],
            [_("Reading"), card.reading],
            [],
            card.header,
            *(["" if v is None else v for v in row] for row in card.rows),
        ):
            sheet_append(sheet, [_text(v) for v in row])
    sheet = book.create_sheet("findings")
    for finding in found:
        sheet_append(sheet, [finding["text"]])
    return workbook_bytes(book)


def _number(value) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def bar_svg(option: dict | None, *, width: int = 640, height: int = 280) -> str:
    """A bar chart as SVG from an ECharts bar option (categories on x, one or more series,
    stacked when the series share a ``stack``); "" when there is nothing to draw."""
    if not option or not option.get("series"):
        return ""
    labels = [str(v) for v in option.get("xAxis", {}).get("data", [])]
    series = [s for s in option["series"] if s.get("data")]
    if not labels or not series:
        return ""
    stacked = all(s.get("stack") for s in series)
    columns = [[_number(v) for v in s["data"]] for s in series]
    top = (
        max(
            (sum(c) for c in zip(*columns, strict=False))
            if stacked
            else (v for c in columns for v in c),
            default=0,
        )
        or 1.0
    )
    if all(float(v).is_integer() for column in columns for v in column):
        top = float(math.ceil(top / 4) * 4)  # counts: whole numbers on the value axis
    left, right, head, foot = 48, 8, 24 if len(series) > 1 else 8, 70
    plot_w, plot_h = width - left - right, height - head - foot
    band = plot_w / len(labels)
    bar_w = band * 0.7 / (1 if stacked else len(series))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-size="10" font-family="Amur Sans">'
    ]
    for i in range(5):  # the value axis: five lines with their values
        value = top * i / 4
        y = head + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="#ddd"/><text x="{left - 4}" y="{y + 3:.1f}" '
            f'text-anchor="end">{value:,.4g}</text>'
        )
    for j, label in enumerate(labels):
        base = head + plot_h
        for k, column in enumerate(columns):
            value = column[j] if j < len(column) else 0.0
            h = plot_h * value / top
            x = left + band * j + band * 0.15 + (0 if stacked else k * bar_w)
            y = base - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[k % len(PALETTE)]}"/>'
            )
            if stacked:
                base = y
        cx = left + band * (j + 0.5)
        parts.append(
            f'<text x="{cx:.1f}" y="{head + plot_h + 12}" text-anchor="end" '
            f'transform="rotate(-30 {cx:.1f} {head + plot_h + 12})">'
            f"{escape(label[:24])}</text>"
        )
    if len(series) > 1:  # the legend
        x = left
        for k, s in enumerate(series):
            name = escape(str(s.get("name", "")))
            parts.append(
                f'<rect x="{x}" y="6" width="10" height="10" '
                f'fill="{PALETTE[k % len(PALETTE)]}"/>'
                f'<text x="{x + 14}" y="15">{name}</text>'
            )
            x += 24 + 7 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def report_pdf(*, cards: list[Card], found: list[dict], report: Report) -> bytes:
    """The board as a PDF in the active language."""
    # Imported here: WeasyPrint loads Pango when imported, and a server without it should
    # still start (only its reports then fail, with the reason on the report).
    from weasyprint import HTML

    html = render_to_string(
        "observatory/report_pdf.html",
        {
            "report": report,
            "cards": [(card, bar_svg(card.chart)) for card in cards],
            "findings": found,
            "font": FONT_FILE.as_uri(),
            "made": timezone.localtime(),
        },
    )
    return HTML(string=html).write_pdf()


@transaction.atomic
def report_request(*, year: int, language: str, private: bool, by) -> Report:
    """A yearly report, queued; a task builds it after the commit (see ``tasks``)."""
    from amur.observatory import tasks  # here: tasks imports this module

    if language not in dict(settings.LANGUAGES):
        raise ObservatoryError(_("Choose one of the platform's languages."))
    last = timezone.localdate().year + 1  # next year's planned events count too
    if not 2000 <= year <= last:
        raise ObservatoryError(_("Choose a year from 2000 to %(year)s.") % {"year": last})
    report = Report.objects.create(
        year=year,
        language=language,
        private=bool(private and by.is_authenticated),
        requested_by=by,
        token=secrets.token_hex(16),
    )
    audit_record(
        actor=by,
        action="observatory.report_request",
        obj=report,
        new={"year": year, "language": language, "private": report.private},
    )
    transaction.on_commit(lambda: tasks.report_build.enqueue(report.pk))
    return report


def _progress(report: Report) -> Progress:
    def say(percent: int, step: str) -> None:
        Report.objects.filter(pk=report.pk).update(progress=percent, step=step[:200])

    return say


def report_build(report: Report, progress: Progress | None = None) -> Report:
    """Compute the board of the report's year with its requester's rights, in its language,
    then write the workbook and the PDF; the row shows each step.  A failure is kept on the
    row with its reason, never half a report."""
    say = progress or _progress(report)
    updated = Report.objects.filter(pk=report.pk, status=ReportStatus.QUEUED).update(
        status=ReportStatus.RUNNING, progress=0
    )
    if not updated:  # already built, or being built by another worker
        return report
    try:
        with translation.override(report.language):
            user = get_user_model().objects.get(pk=report.requested_by_id)
            board = Dashboard(Slice(year=report.year, private=report.private), user)
            cards = []
            for i, name in enumerate(Dashboard.CARDS, start=1):
                cards.append(getattr(board, name)())
                say(
                    int(70 * i / len(Dashboard.CARDS)),
                    _("Computed: %(title)s") % {"title": cards[-1].title},
                )
            found = findings({c.key: c for c in cards}, board.options)
            say(75, _("Writing the workbook"))
            xlsx = board_workbook(cards, found)
            say(80, _("Writing the PDF"))
            pdf = report_pdf(cards=cards, found=found, report=report)
    except Exception as exc:
        message = (
            str(exc)
            if isinstance(exc, DomainError)
            else _("The report failed: %(error)s") % {"error": exc}
        )
        Report.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED, error=message, finished_at=timezone.now()
        )
        if not isinstance(exc, DomainError):
            log.exception("observatory report %s failed", report.pk)
        return Report.objects.get(pk=report.pk)
    report = Report.objects.get(pk=report.pk)
    name = f"amur-observatory-{report.year}-{report.language}"
    report.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
    report.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
    report.status, report.progress, report.step = ReportStatus.DONE, 100, ""
    report.finished_at = timezone.now()
    report.save()
    return report

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The observatory's pages: the summary of every indicator for a slice set in the URL, and
each card's numbers as CSV or XLSX."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from amur.alliances.models import Alliance
from amur.core.errors import refusals_shown
from amur.core.exports import FORMATS, XLSX, table_response
from amur.core.models import FieldOfExchange, Place
from amur.core.pagecache import ALL, public_page
from amur.core.permissions import check
from amur.directory.enums import OrganisationKind, Sector
from amur.events.enums import Direction
from amur.observatory import geography, reports
from amur.observatory import selectors as sel
from amur.observatory.models import Report
from amur.observatory.selectors import Slice
from amur.observatory.services import COLUMNS, external_import
from amur.observatory.summary import Options, dashboard_for


def _slice(request) -> tuple[Slice, Options]:
    return Slice.from_params(request.GET, request.user), Options.from_params(request.GET)


@public_page(*ALL)
def index(request):
    s, options = _slice(request)
    cards, findings = dashboard_for(s, request.user, options)
    by_key = {c.key: c for c in cards}
    items = [
        (key, row[0], row[2])
        for key, row in zip(sel.DIVISION_KEYS, by_key["concentration"].rows, strict=True)
    ]
    items += [
        (key, row[0], row[2])
        for key, row in zip(sel.FAR_EAST_KEYS, by_key["far_east"].rows, strict=True)
    ]
    if geography.boundary_map_allowed(request.user):
        geo = {
            "map": geography.map_option(items, _("Schematic map")),
            "shapes": geography.geojson_for_language(),
        }
    else:
        geo = {"tiles": geography.tile_option(items)}
    return render(
        request,
        "observatory/index.html",
        {
            "slice": s,
            "options": options,
            "cards": cards,
            "findings": findings,
            "geo": geo,
            "query": request.GET.urlencode(),
            "choices": {
                "years": range(2026, 2003, -1),
                "places": Place.objects.filter(key__in=sel.DIVISION_KEYS).order_by("key"),
                "fields": FieldOfExchange.objects.all(),
                "sectors": Sector.choices,
                "kinds": OrganisationKind.choices,
                "alliances": Alliance.objects.order_by("slug"),
                "directions": Direction.choices,
            },
        },
    )


def export(request, key: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    s, options = _slice(request)
    cards, _findings = dashboard_for(s, request.user, options)
    card = next((c for c in cards if c.key == key), None)
    if card is None:
        raise Http404
    name = slugify(f"observatory-{key}-{s.year or 'all'}")
    rows = [["" if v is None else v for v in row] for row in card.rows]
    return table_response(name, card.header, rows, fmt)


class SeriesUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: series, place, year, value, unit, source. One bad row and "
            "nothing is imported."
        ),
    )


@login_required
def series(request):
    """Imported official statistics; staff upload more (all rows or none)."""
    check(request.user, "observatory.import_series")
    report = None
    form = SeriesUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = external_import(content=upload.read(), filename=upload.name, by=request.user)
        if report.ok:
            messages.success(
                request,
                _("%(created)s values added, %(updated)s replaced.")
                % {"created": report.created, "updated": report.updated},
            )
            return redirect("observatory:series")
    return render(
        request,
        "observatory/series.html",
        {
            "form": form,
            "report": report,
            "values": sel.external_values(None),
            "columns": COLUMNS,
        },
    )


def report_xlsx(request):
    """The whole board as a workbook: one sheet per indicator (its value, count, formula and
    reading above the table of its chart), and the findings."""
    s, options = _slice(request)
    cards, findings = dashboard_for(s, request.user, options)
    response = HttpResponse(reports.board_workbook(cards, findings), content_type=XLSX)
    name = slugify(f"observatory-{s.year or 'all'}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


class ReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    private = forms.BooleanField(
        label=_("Include unpublished records I may see"),
        required=False,
        help_text=_("Such a report is readable only by you and the platform's staff."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [(y, y) for y in range(this_year + 1, 1999, -1)]
        self.fields["year"].initial = this_year - 1
        self.fields["language"].initial = get_language()


def _report_or_404(user, pk: int) -> Report:
    """Reports the user may not read do not exist for them."""
    report = get_object_or_404(Report, pk=pk)
    if not user.has_perm("observatory.view_report", report):
        raise Http404
    return report


def report_list(request):
    """Yearly reports ready for download, and (signed in) a form to ask for one."""
    form = ReportForm(request.POST or None) if request.user.is_authenticated else None
    if request.method == "POST":
        check(request.user, "observatory.request_report")
        if form.is_valid():
            with refusals_shown(request):
                report = reports.report_request(by=request.user, **form.cleaned_data)
                return redirect("observatory:report", pk=report.pk)
    return render(
        request,
        "observatory/reports.html",
        {
            "form": form,
            "reports": sel.reports_visible_to(request.user),
        },
        status=400 if form is not None and form.errors else 200,
    )


def report_detail(request, pk: int):
    report = _report_or_404(request.user, pk)
    template = "observatory/report.html"
    if request.headers.get("HX-Request"):
        template += "#progress"
    return render(request, template, {"report": report})


def report_file(request, pk: int, fmt: str):
    report = _report_or_404(request.user, pk)
    stored = {"pdf": report.pdf, "xlsx": report.xlsx}.get(fmt)
    if stored is None or not report.ready or not stored:
        raise Http404
    with stored.open("rb") as handle:  # a report is a few hundred kilobytes
        content = handle.read()
    response = HttpResponse(content, content_type="application/pdf" if fmt == "pdf" else XLSX)
    name = f"amur-observatory-{report.year}-{report.language}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response

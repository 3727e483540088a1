# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Observatory API: the dashboard's numbers for a slice, as the pages show them.

Query parameters are those of the page (year, place, field, sector, kind, alliance,
direction, scope, small, folk_min, gl_min); ``scope=private`` adds unpublished records
only for the owners of those records and for staff, exactly as on the page.
"""

from __future__ import annotations

from typing import Literal

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from amur.core.api import WRITE_ERRORS, ErrorOut, require_perm
from amur.core.pagecache import ALL, public_api
from amur.observatory import reports
from amur.observatory.models import Report
from amur.observatory.selectors import Slice, reports_visible_to
from amur.observatory.summary import Options, dashboard_for

router = Router(tags=["observatory"])


class CardOut(Schema):
    key: str
    title: str
    value: float | None
    n: int
    small: bool
    interval: list[float] | None
    previous: float | None
    trend: float | None
    formula: str
    reading: str
    header: list[str]
    rows: list[list]
    extra: dict


class FindingOut(Schema):
    key: str
    text: str


class SummaryOut(Schema):
    slice: dict[str, str]
    cards: list[CardOut]
    findings: list[FindingOut]


@router.get("/summary", response=SummaryOut)
def summary(request):
    """Every indicator of the slice with its count, trend, reading, formula and table."""
    s = Slice.from_params(request.GET, request.user)
    cards, findings = dashboard_for(s, request.user, Options.from_params(request.GET))
    return {"slice": s.params(), "cards": [c.as_dict() for c in cards], "findings": findings}


Language = Literal[tuple(code for code, _name in settings.LANGUAGES)]


class ReportIn(Schema):
    year: int
    language: Language
    private: bool = False


class ReportOut(Schema):
    id: int
    year: int
    language: str
    private: bool
    status: str
    progress: int
    step: str
    error: str
    pdf_url: str | None
    xlsx_url: str | None

    @staticmethod
    def _url(obj: Report, fmt: str) -> str | None:
        return reverse("observatory:report_file", args=[obj.pk, fmt]) if obj.ready else None

    @staticmethod
    def resolve_pdf_url(obj: Report) -> str | None:
        return ReportOut._url(obj, "pdf")

    @staticmethod
    def resolve_xlsx_url(obj: Report) -> str | None:
        return ReportOut._url(obj, "xlsx")


@router.get("/reports", response=list[ReportOut])
@public_api(*ALL)
@paginate
def report_list(request):
    """Yearly reports the caller may read: public ones, their own, all for staff."""
    return reports_visible_to(request.user)


@router.post("/reports", response={201: ReportOut, **WRITE_ERRORS})
def report_request(request, payload: ReportIn):
    """Queue a yearly report (PDF in ``language`` and XLSX); poll it until ``status`` is
    ``done``, then download from ``pdf_url`` and ``xlsx_url``."""
    require_perm(request, "observatory.request_report")
    report = reports.report_request(by=request.user, **payload.dict())
    report.refresh_from_db()
    return Status(201, report)


@router.get("/reports/{pk}", response={200: ReportOut, 404: ErrorOut})
def report_detail(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    if not request.user.has_perm("observatory.view_report", report):
        raise Http404
    return report

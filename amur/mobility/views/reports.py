# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reports and dashboards of mobility."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from amur.core.exports import table_response
from amur.core.models import FieldOfExchange
from amur.core.permissions import check
from amur.directory.selectors import organisation_get_for
from amur.mobility import selectors
from amur.mobility.enums import CallKind


def reports(request):
    year = request.GET.get("year")
    year = int(year) if year and year.isdigit() else None
    every_year = selectors.flows()
    rows = [row for row in every_year if year is None or row["year"] == year]
    by_year = selectors.flows_by_year(every_year)
    return render(
        request,
        "mobility/reports.html",
        {
            "flows": rows,
            "by_year": by_year,
            "chart": _flows_chart(by_year),
            "seats": selectors.seats(),
            "expiring": selectors.agreements_expiring(),
            "year": year,
            "kinds": dict(CallKind.choices),
            "fields": {f.key: f for f in FieldOfExchange.objects.all()},
        },
    )


def _flows_chart(by_year: list[dict]) -> dict:
    """Both directions side by side per year, so that reciprocity shows at a glance."""
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {},
        "xAxis": {"type": "category", "data": [str(y["year"]) for y in by_year]},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"type": "bar", "name": str(label), "data": [y[key] for y in by_year]}
            for key, label in (("CN→RU", _("China → Russia")), ("RU→CN", _("Russia → China")))
        ],
    }


def _report_table(table: str) -> tuple[list[str], list[list]]:
    if table == "flows":
        header = ["year", "direction", "kind", "field", "sending", "receiving", "people"]
        return header, [[row[k] for k in header] for row in selectors.flows()]
    if table == "seats":
        header = [
            "agreement",
            "sending",
            "receiving",
            "academic_year",
            "students_agreed",
            "students_used",
            "staff_agreed",
            "staff_used",
        ]
        return header, [
            [
                str(r["agreement"]),
                r["sending"].slug,
                r["receiving"].slug,
                *(r[k] for k in header[3:]),
            ]
            for r in selectors.seats()
        ]
    header = ["agreement", "kind", "status", "valid_until", "auto_renewal", "partners"]
    return header, [
        [
            str(a),
            a.kind,
            a.status,
            a.valid_until.isoformat(),
            a.auto_renewal,
            "; ".join(p.slug for p in a.partners.all()),
        ]
        for a in selectors.agreements_expiring()
    ]


def report_export(request, table: str, fmt: str):
    if table not in ("flows", "seats", "expiring") or fmt not in ("csv", "xlsx"):
        raise Http404
    header, rows = _report_table(table)
    return table_response(f"mobility-{table}", header, rows, fmt)


@login_required
def dashboard(request, slug: str):
    organisation = organisation_get_for(request.user, slug=slug)
    check(request.user, "mobility.view_dashboard", organisation)
    return render(
        request,
        "mobility/dashboard.html",
        {
            "organisation": organisation,
            "board": selectors.dashboard(organisation),
            "sides": [("outgoing", _("Outgoing")), ("incoming", _("Incoming"))],
        },
    )

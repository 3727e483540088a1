# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility API: flows, seats and expiring agreements."""

from datetime import date

from ninja import Query, Router, Schema

from amur.core.api import ErrorOut
from amur.mobility import selectors

router = Router(tags=["mobility"])


class FlowOut(Schema):
    year: int
    direction: str
    kind: str
    field: str
    sending: str
    receiving: str
    people: int


class SeatsOut(Schema):
    agreement: int
    sending: str
    receiving: str
    academic_year: str
    students_agreed: int
    students_used: int
    staff_agreed: int
    staff_used: int


class ExpiringOut(Schema):
    id: int
    title_en: str
    kind: str
    status: str
    valid_until: date
    auto_renewal: bool
    reminders_sent: list[int]

    @staticmethod
    def resolve_reminders_sent(obj):
        return [r.days_before for r in obj.reminders.all() if r.valid_until == obj.valid_until]


@router.get("/reports/flows", response={200: list[FlowOut], 422: ErrorOut})
def report_flows(request, year: int | None = Query(None, ge=1, le=9999)):
    """People moving between China and Russia by year, direction, kind, field, organisation."""
    return selectors.flows(year=year)


@router.get("/reports/seats", response=list[SeatsOut])
def report_seats(request, academic_year: str | None = None):
    """Seats agreed and used per agreement, direction and academic year."""
    return [
        {
            **row,
            "agreement": row["agreement"].pk,
            "sending": row["sending"].slug,
            "receiving": row["receiving"].slug,
        }
        for row in selectors.seats(academic_year=academic_year)
    ]


@router.get("/reports/expiring", response={200: list[ExpiringOut], 422: ErrorOut})
def report_expiring(request, within_days: int = Query(180, ge=0, le=36525)):
    return list(selectors.agreements_expiring(within_days=within_days))

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Observatory API: the dashboard's numbers for a slice, as the pages show them.

Query parameters are those of the page (year, place, field, sector, kind, alliance,
direction, scope, small, folk_min, gl_min); ``scope=private`` adds unpublished records
only for the owners of those records and for staff, exactly as on the page.
"""

from __future__ import annotations

from ninja import Router, Schema

from amur.observatory.selectors import Slice
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

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The observatory's pages: the summary of every indicator for a slice set in the URL, and
each card's numbers as CSV or XLSX."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils.text import slugify

from amur.alliances.models import Alliance
from amur.core.exports import FORMATS, table_response
from amur.core.models import FieldOfExchange, Place
from amur.directory.enums import OrganisationKind, Sector
from amur.events.enums import Direction
from amur.observatory import selectors as sel
from amur.observatory.selectors import Slice
from amur.observatory.summary import Options, dashboard_for


def _slice(request) -> tuple[Slice, Options]:
    return Slice.from_params(request.GET, request.user), Options.from_params(request.GET)


def index(request):
    s, options = _slice(request)
    cards, findings = dashboard_for(s, request.user, options)
    return render(request, "observatory/index.html", {
        "slice": s, "options": options, "cards": cards, "findings": findings,
        "query": request.GET.urlencode(),
        "choices": {
            "years": range(2026, 2003, -1),
            "places": Place.objects.filter(key__in=sel.DIVISION_KEYS).order_by("key"),
            "fields": FieldOfExchange.objects.all(),
            "sectors": Sector.choices, "kinds": OrganisationKind.choices,
            "alliances": Alliance.objects.order_by("slug"), "directions": Direction.choices,
        },
    })  # fmt: skip


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

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility API: Erasmus Without Paper documents, sent and received (XML)."""

from django.http import HttpResponse
from ninja import Router, Schema

from amur.core.api import (
    ErrorOut,
    require_perm,
    require_user,
)
from amur.directory.selectors import organisation_get_for
from amur.mobility import ewp, services

router = Router(tags=["mobility"])


def _xml(content: bytes) -> HttpResponse:
    return HttpResponse(content, content_type="application/xml; charset=utf-8")


class ProblemOut(Schema):
    line: int
    message: str


class IiaOutcomeOut(Schema):
    partner_hei: str
    local_hei: str
    partner_iia_id: str
    state: str
    message: str
    agreement_id: int | None
    conditions_agree: bool | None


class ReceiptOut(Schema):
    ok: bool
    kind: str
    documents: int
    problems: list[ProblemOut]
    outcomes: list[IiaOutcomeOut]


def receipt_out(receipt) -> dict:
    return {
        "ok": receipt.ok,
        "kind": receipt.checked.kind,
        "documents": receipt.documents,
        "problems": [{"line": line, "message": m} for line, m in receipt.checked.problems],
        "outcomes": [vars(o) for o in receipt.outcomes],
    }


@router.post("/ewp/receive", response={200: ReceiptOut, 401: ErrorOut})
def ewp_receive(request):
    """Check a partner system's EWP get-response (the XML as the request body: IIAs v7,
    Outgoing Mobilities v2 or Learning Agreements v1) against the official schema; for
    IIAs, record the partner's own IIA ids where an agreement of an institution you edit
    matches.  ``ok`` false with ``problems`` (line, message): nothing was recorded."""
    require_user(request)
    return receipt_out(services.ewp_receive(content=request.body, by=request.user))


@router.get("/organisations/{slug}/ewp/iias", response={200: None, 404: ErrorOut})
def ewp_iias(request, slug: str):
    """The organisation's agreements as EWP IIAs get-response XML, split into pairs."""
    organisation = organisation_get_for(request.user, slug=slug)
    return _xml(ewp.iias_get_response(ewp.agreements_of(organisation), local=organisation))


@router.get(
    "/organisations/{slug}/ewp/omobilities",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def ewp_omobilities(request, slug: str):
    """Outgoing nominations and stays as an EWP Outgoing Mobilities get-response (members)."""
    organisation = organisation_get_for(request.user, slug=slug)
    require_perm(request, "mobility.view_dashboard", organisation)
    return _xml(ewp.omobilities_get_response(organisation))


@router.get(
    "/organisations/{slug}/ewp/learning-agreements",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def ewp_las(request, slug: str):
    """Learning agreements as an EWP Outgoing Mobility LAs get-response (members)."""
    organisation = organisation_get_for(request.user, slug=slug)
    require_perm(request, "mobility.view_dashboard", organisation)
    return _xml(ewp.las_get_response(ewp.stays_of(organisation)))

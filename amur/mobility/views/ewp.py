# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Erasmus Without Paper documents, exported and received."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from amur.core.permissions import check
from amur.directory.selectors import organisation_get_for
from amur.mobility import ewp, services


def _xml(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def ewp_iias(request, slug: str):
    """The organisation's agreements as EWP IIAs (public, as the agreements list is)."""
    organisation = organisation_get_for(request.user, slug=slug)
    iias = ewp.iias_get_response(ewp.agreements_of(organisation), local=organisation)
    return _xml(iias, f"{slug}-iias.xml")


@login_required
def ewp_omobilities(request, slug: str):
    organisation = organisation_get_for(request.user, slug=slug)
    check(request.user, "mobility.view_dashboard", organisation)
    return _xml(ewp.omobilities_get_response(organisation), f"{slug}-omobilities.xml")


@login_required
def ewp_las(request, slug: str):
    organisation = organisation_get_for(request.user, slug=slug)
    check(request.user, "mobility.view_dashboard", organisation)
    return _xml(ewp.las_get_response(ewp.stays_of(organisation)), f"{slug}-las.xml")


@login_required
@require_http_methods(["GET", "POST"])
def ewp_receive(request):
    """A partner system's EWP document, checked against the official schema; the IIAs in
    it matched to our agreements (their ids recorded) for the institutions the user edits."""
    receipt = None
    upload = request.FILES.get("document")
    if request.method == "POST" and upload is not None:
        receipt = services.ewp_receive(content=upload.read(), by=request.user)
    status = 400 if request.method == "POST" and (receipt is None or not receipt.ok) else 200
    return render(
        request,
        "mobility/ewp_receive.html",
        {
            "receipt": receipt,
            "filename": upload.name if upload else "",
            "missing_file": request.method == "POST" and upload is None,
        },
        status=status,
    )

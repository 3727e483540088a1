# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pages of inter-institutional agreements and their cooperation conditions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amur.core.errors import refusals_shown
from amur.core.i18n import localised_text
from amur.core.permissions import EDITOR, check, organisations_acting_for
from amur.directory.models import Organisation
from amur.directory.selectors import organisation_get_for
from amur.mobility import selectors, services
from amur.mobility.forms import (
    AgreementForm,
    ConditionForm,
)


def organisation_agreements(request, pk: int):
    """All agreements of an organisation and its partners, in a table and on a map (by id:
    organisations created on the pages have no slug)."""
    organisation = organisation_get_for(request.user, pk=pk)
    data = selectors.organisation_agreements(organisation, request.user)
    points = []
    for row in data["partners"]:
        place = row["organisation"].place
        if place.lat is not None:
            points.append(
                {
                    "name": localised_text(row["organisation"], "name"),
                    "value": [float(place.lon), float(place.lat), row["agreements"]],
                }
            )
    home = organisation.place
    series = [{"type": "scatter", "name": _("Partners"), "data": points, "symbolSize": 14}]
    if home.lat is not None:
        series.append(
            {
                "type": "scatter",
                "name": localised_text(organisation, "name"),
                "data": [[float(home.lon), float(home.lat)]],
                "symbolSize": 20,
                "symbol": "diamond",
            }
        )
    chart = {
        "title": {"text": _("Partners by place"), "textStyle": {"fontSize": 14}},
        "tooltip": {},
        "legend": {"bottom": 0},
        "xAxis": {"type": "value", "min": 20, "max": 145, "name": "lon"},
        "yAxis": {"type": "value", "min": 15, "max": 65, "name": "lat"},
        "series": series,
    }
    return render(
        request,
        "mobility/organisation_agreements.html",
        {"organisation": organisation, **data, "chart": chart},
    )


AGREEMENT_FIELDS = (
    "kind",
    "title_zh",
    "title_ru",
    "title_en",
    "signed_on",
    "valid_from",
    "valid_until",
    "auto_renewal",
    "status",
    "isced_codes",
    "signatories",
)


CONDITION_FIELDS = (
    "sending",
    "receiving",
    "academic_year",
    "students",
    "student_months",
    "staff",
    "staff_days",
    "trainees",
    "trainee_months",
    "training_staff",
    "training_days",
    "language",
    "language_level",
    "isced_code",
    "eqf_level",
    "blended",
)


def editable_owners(user):
    return organisations_acting_for(user, EDITOR)


def agreement_detail(request, pk: int):
    """Agreements are public (as on the index and in the EWP export); changes are not."""
    agreement = selectors.agreement_get_for(request.user, pk=pk)
    user = request.user
    return render(
        request,
        "mobility/agreement_detail.html",
        {
            "agreement": agreement,
            "partners": agreement.partners.all(),
            "conditions": agreement.conditions.select_related("sending", "receiving").order_by(
                "academic_year", "sending_id", "id"
            ),
            "calls": agreement.calls.select_related("sending", "host"),
            "can_change": user.has_perm("mobility.change_agreement", agreement),
            "documents": [
                d
                for d in agreement.documents.all()
                if user.has_perm("mobility.view_agreement_document", d)
            ],
            "can_open_call": user.has_perm("mobility.open_call", agreement),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_documents(request, pk: int):
    """The owner's editors add and remove the signed texts, one PDF per language."""
    from amur.mobility.forms import AgreementDocumentForm

    agreement = selectors.agreement_get_for(request.user, pk=pk)
    check(request.user, "mobility.change_agreement", agreement)
    form = AgreementDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("delete"):
        document = selectors.agreement_document_get_for(
            request.user, pk=request.POST["delete"], agreement=agreement
        )
        services.agreement_document_delete(document=document, by=request.user)
        messages.success(request, _("Document removed."))
        return redirect("mobility:agreement_documents", pk=pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_document_add(
                agreement=agreement,
                by=request.user,
                upload=form.cleaned_data["file"],
                language=form.cleaned_data["language"],
                title=form.cleaned_data["title"],
            )
        except services.MobilityError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Document added."))
            return redirect("mobility:agreement_documents", pk=pk)
    context = {"agreement": agreement, "form": form, "documents": agreement.documents.all()}
    return render(request, "mobility/agreement_documents.html", context)


@login_required
def agreement_document(request, pk: int):
    document = selectors.agreement_document_get_for(request.user, pk=pk)
    check(request.user, "mobility.view_agreement_document", document)
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"agreement-{document.agreement_id}-{document.language}-{document.pk}.pdf",
    )


@login_required
def agreement_create(request):
    owners = editable_owners(request.user)
    if not owners.exists():
        raise PermissionDenied
    form = AgreementForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        check(request.user, "mobility.create_agreement", data["owner"])
        with refusals_shown(request):
            agreement = services.agreement_save(by=request.user, **data)
            messages.success(request, _("The agreement is saved."))
            return redirect("mobility:agreement", pk=agreement.pk)
    return render(request, "mobility/agreement_form.html", {"form": form, "agreement": None})


@login_required
def agreement_edit(request, pk: int):
    agreement = selectors.agreement_get_for(request.user, pk=pk)
    check(request.user, "mobility.change_agreement", agreement)
    owners = Organisation.objects.filter(pk=agreement.owner_id)
    initial = {name: getattr(agreement, name) for name in AGREEMENT_FIELDS}
    initial |= {"owner": agreement.owner, "partners": list(agreement.partners.all())}
    form = AgreementForm(request.POST or None, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request):
            services.agreement_save(by=request.user, agreement=agreement, **form.cleaned_data)
            messages.success(request, _("The agreement is saved."))
            return redirect("mobility:agreement", pk=agreement.pk)
    return render(request, "mobility/agreement_form.html", {"form": form, "agreement": agreement})


def _condition_page(request, agreement, condition=None):
    check(request.user, "mobility.change_agreement", agreement)
    initial = {n: getattr(condition, n) for n in CONDITION_FIELDS} if condition else None
    form = ConditionForm(request.POST or None, agreement=agreement, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request):
            services.condition_save(
                by=request.user, agreement=agreement, condition=condition, **form.cleaned_data
            )
            messages.success(request, _("The cooperation condition is saved."))
            return redirect("mobility:agreement", pk=agreement.pk)
    return render(
        request,
        "mobility/condition_form.html",
        {"form": form, "agreement": agreement, "condition": condition},
    )


@login_required
def condition_add(request, pk: int):
    return _condition_page(request, selectors.agreement_get_for(request.user, pk=pk))


@login_required
def condition_edit(request, pk: int):
    condition = selectors.condition_get_for(request.user, pk=pk)
    return _condition_page(request, condition.agreement, condition)


@login_required
@require_POST
def condition_delete(request, pk: int):
    condition = selectors.condition_get_for(request.user, pk=pk)
    check(request.user, "mobility.change_agreement", condition.agreement)
    services.condition_delete(by=request.user, condition=condition)
    messages.success(request, _("The cooperation condition is removed."))
    return redirect("mobility:agreement", pk=condition.agreement_id)

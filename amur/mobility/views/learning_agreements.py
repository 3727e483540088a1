# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pages of stays and their learning agreements."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amur.core.errors import refusals_shown
from amur.core.permissions import MEMBER, check, organisations_where
from amur.directory.models import Organisation
from amur.mobility import ewp, selectors, services
from amur.mobility.enums import CreditSystem
from amur.mobility.forms import (
    AnswerForm,
    ComponentFormSet,
    MobilityEwpForm,
    components_from,
)
from amur.mobility.models import (
    Mobility,
)


@login_required
def mobility_list(request):
    stays = selectors.mobilities_visible_to(request.user).order_by("-start", "id")
    offices = Organisation.objects.filter(pk__in=organisations_where(request.user, MEMBER))
    return render(request, "mobility/mobility_list.html", {"mobilities": stays, "offices": offices})


@login_required
def mobility_detail(request, pk: int):
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    check(request.user, "mobility.view_mobility", mobility)
    versions = list(
        mobility.la_versions.select_related(
            "proposed_by", "sending_signer", "receiving_signer"
        ).order_by("-number")
    )
    latest = versions[0] if versions else None
    return render(
        request,
        "mobility/mobility_detail.html",
        {
            "mobility": mobility,
            "versions": versions,
            "latest": latest,
            "current": next((v for v in versions if v.agreed), None),
            "sides": services.la_sides(request.user, mobility),
            "answer_form": AnswerForm(),
            "transcript": getattr(mobility, "transcript", None),
            "recognition": getattr(mobility, "recognition", None),
            "tor_rows": _transcript_rows(mobility),
            "schemes": dict(CreditSystem.choices),
            "ewp_missing": [
                Mobility._meta.get_field(name).verbose_name
                for name in dict.fromkeys(ewp.la_missing(mobility))
            ],
            "may_record_ewp": request.user.has_perm("mobility.record_ewp_data", mobility),
            "ewp_sent": ewp.stay_activity(mobility) is not None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def mobility_ewp(request, pk: int):
    """The sending office records what EWP needs of the stay (EQF, ISCED-F, CEFR, contacts)."""
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    check(request.user, "mobility.record_ewp_data", mobility)
    form = MobilityEwpForm(
        request.POST or None,
        mobility=mobility,
        initial={
            "eqf_level": mobility.eqf_level,
            "isced_code": mobility.isced_code,
            "language": mobility.language,
            "language_level": mobility.language_level,
            "sending_contact": mobility.sending_contact_id,
            "receiving_contact": mobility.receiving_contact_id,
            "blended": mobility.blended,
        },
    )
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request):
            services.mobility_ewp_data_save(mobility=mobility, by=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("mobility:mobility", pk=mobility.pk)
    return render(request, "mobility/mobility_ewp.html", {"mobility": mobility, "form": form})


def _transcript_rows(mobility) -> list[tuple]:
    """(transcript entry, recognition line or None) pairs for the stay's page."""
    transcript = getattr(mobility, "transcript", None)
    if transcript is None:
        return []
    recognition = getattr(mobility, "recognition", None)
    lines = {line.entry_id: line for line in recognition.lines.all()} if recognition else {}
    return [(entry, lines.get(entry.pk)) for entry in transcript.entries.all()]


@login_required
def la_propose(request, pk: int):
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    check(request.user, "mobility.sign_la", mobility)
    if request.method == "POST":
        formset = ComponentFormSet(request.POST)
        if formset.is_valid():
            with refusals_shown(request):
                services.la_propose(
                    mobility=mobility, components=components_from(formset), by=request.user
                )
                messages.success(request, _("The proposal is recorded; it now needs signatures."))
                return redirect("mobility:mobility", pk=mobility.pk)
    else:
        latest = mobility.la_versions.order_by("-number").first()
        formset = ComponentFormSet(initial=latest.components if latest else None)
    return render(request, "mobility/la_propose.html", {"mobility": mobility, "formset": formset})


@login_required
@require_POST
def la_sign(request, pk: int):
    version = selectors.la_version_get_for(request.user, pk=pk)
    mobility = version.mobility
    check(request.user, "mobility.sign_la", mobility)
    with refusals_shown(request):
        services.la_sign(version=version, by=request.user, side=request.POST.get("side", ""))
        messages.success(request, _("Signed."))
    return redirect("mobility:mobility", pk=mobility.pk)


@login_required
@require_POST
def la_answer(request, pk: int):
    version = selectors.la_version_get_for(request.user, pk=pk)
    mobility = version.mobility
    check(request.user, "mobility.answer_la", mobility)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an answer."))
        return redirect("mobility:mobility", pk=mobility.pk)
    with refusals_shown(request):
        services.la_receiving_answer(
            version=version,
            by=request.user,
            approve=form.cleaned_data["approve"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("Done."))
    return redirect("mobility:mobility", pk=mobility.pk)

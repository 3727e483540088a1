# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pages of the host's transcript of records and the home side's recognition."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from amur.core.errors import refusals_shown
from amur.core.permissions import check
from amur.mobility import selectors, services
from amur.mobility.forms import (
    RecognitionForm,
    TranscriptFormSet,
    components_from,
)


@login_required
def transcript_issue(request, pk: int):
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    check(request.user, "mobility.issue_transcript", mobility)
    if request.method == "POST":
        formset = TranscriptFormSet(request.POST)
        if formset.is_valid():
            with refusals_shown(request):
                services.transcript_issue(
                    mobility=mobility, entries=components_from(formset), by=request.user
                )
                messages.success(request, _("The transcript of records is issued."))
                return redirect("mobility:mobility", pk=mobility.pk)
    else:
        agreed = services.la_current(mobility)
        initial = [
            {k: c[k] for k in ("code", "title", "credits", "scheme")}
            for c in (agreed.components if agreed else [])
        ]
        formset = TranscriptFormSet(initial=initial or None)
    return render(
        request, "mobility/transcript_issue.html", {"mobility": mobility, "formset": formset}
    )


def _checked(request, lines) -> set[int]:
    if request.method != "POST":
        return {line["entry"].pk for line in lines}
    return {int(v) for v in request.POST.getlist("recognised") if v.isdigit()}


@login_required
def recognition_decide(request, pk: int):
    mobility = selectors.mobility_get_for(request.user, pk=pk)
    check(request.user, "mobility.decide_recognition", mobility)
    if not hasattr(mobility, "transcript"):
        messages.error(request, _("The transcript of records is not issued yet."))
        return redirect("mobility:mobility", pk=mobility.pk)
    lines = services.recognition_proposal(mobility)
    form = RecognitionForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request):
            services.recognition_decide(
                mobility=mobility,
                by=request.user,
                comment=form.cleaned_data["comment"],
                recognised=set(form.cleaned_data["recognised"]),
            )
            messages.success(request, _("The recognition decision is recorded."))
            return redirect("mobility:mobility", pk=mobility.pk)
    return render(
        request,
        "mobility/recognition_decide.html",
        {
            "mobility": mobility,
            "lines": lines,
            "form": form,
            "home": services.credit_rule_for(mobility.sending),
            "checked": _checked(request, lines),
        },
    )

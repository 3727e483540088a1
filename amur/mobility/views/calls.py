# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pages of calls: reading, applying and ranking, and a sending office opening or editing one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from amur.core.errors import refusals_shown
from amur.core.permissions import EDITOR, check, organisations_acting_for
from amur.directory.models import Organisation
from amur.mobility import selectors, services
from amur.mobility.enums import ApplicationDocumentKind
from amur.mobility.forms import CallForm
from amur.mobility.services.agreements import CALL_FIELDS


def call_detail(request, pk: int):
    call = selectors.call_get_for(request.user, pk=pk)
    mine = None
    if request.user.is_authenticated:
        mine = (
            call.applications.filter(applicant=request.user)
            .prefetch_related("history", "documents")
            .first()
        )
    is_office = request.user.has_perm("mobility.view_call_applications", call)
    can_score = request.user.has_perm("mobility.manage_call", call)
    applications = (
        list(call.applications.prefetch_related("documents").order_by("rank", "id"))
        if is_office
        else []
    )
    for application in applications:
        application.call = call
        application.steps = services.application_next_steps(application, request.user)
        application.can_score = can_score and application.status in (
            "submitted",
            "eligible",
            "ranked",
        )
    return render(
        request,
        "mobility/call_detail.html",
        {
            "call": call,
            "mine": mine,
            "applications": applications,
            "is_office": is_office,
            "can_edit": request.user.has_perm("mobility.manage_call", call),
            "document_kinds": ApplicationDocumentKind.choices,
        },
    )


@login_required
@require_POST
def apply(request, pk: int):
    call = selectors.call_get_for(request.user, pk=pk)
    with refusals_shown(request):
        _apply(request, call)  # all or nothing: a refused application is not kept
        messages.success(request, pgettext("mobility", "Your application was submitted."))
    return redirect("mobility:call", pk=call.pk)


def _apply(request, call) -> None:
    services.application_apply(
        call=call,
        user=request.user,
        name=request.POST.get("name", ""),
        language=translation.get_language(),
        motivation=request.POST.get("motivation", ""),
        grade_mark=request.POST.get("grade_mark") or None,
        language_score=request.POST.get("language_score") or None,
        documents=[
            (kind, upload)
            for kind in ApplicationDocumentKind.values
            for upload in request.FILES.getlist(f"document_{kind}")
        ],
    )


@login_required
@require_POST
def call_rank(request, pk: int):
    call = selectors.call_get_for(request.user, pk=pk)
    check(request.user, "mobility.manage_call", call)
    services.call_rank(call=call, by=request.user)
    messages.success(request, _("The eligible applications are ranked."))
    return redirect("mobility:call", pk=call.pk)


def _senders(user, agreement):
    """The partners of ``agreement`` for which ``user`` may open calls."""
    return agreement.partners.filter(pk__in=organisations_acting_for(user, EDITOR).values("pk"))


def _call_page(request, agreement, call=None):
    if call is None:
        senders = _senders(request.user, agreement)
        initial = None
    else:
        senders = Organisation.objects.filter(pk=call.sending_id)
        initial = {name: getattr(call, name) for name in CALL_FIELDS} | {"sending": call.sending}
    form = CallForm(request.POST or None, agreement=agreement, senders=senders, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request):
            saved = services.call_save(
                by=request.user, agreement=agreement, call=call, **form.cleaned_data
            )
            messages.success(request, _("The call is saved."))
            return redirect("mobility:call", pk=saved.pk)
    return render(
        request, "mobility/call_form.html", {"form": form, "agreement": agreement, "call": call}
    )


@login_required
def call_create(request, pk: int):
    agreement = selectors.agreement_get_for(request.user, pk=pk)
    check(request.user, "mobility.open_call", agreement)
    return _call_page(request, agreement)


@login_required
def call_edit(request, pk: int):
    call = selectors.call_get_for(request.user, pk=pk)
    check(request.user, "mobility.manage_call", call)
    return _call_page(request, call.agreement, call)

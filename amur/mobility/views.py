# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amur.core.permissions import EDITOR, check, has_role
from amur.directory.models import Organisation
from amur.mobility import services
from amur.mobility.models import Agreement, Application, Call, ExpertEngagement


def index(request):
    hosts = Organisation.objects.filter(expert_targets__isnull=False).distinct()
    experts = [
        (host, services.expert_progress(host), ExpertEngagement.objects.filter(host=host))
        for host in hosts
    ]
    agreements = Agreement.objects.prefetch_related("partners").order_by("-signed_on")[:50]
    calls = Call.objects.filter(deadline__gte=timezone.now()).select_related("sending", "host")
    return render(
        request,
        "mobility/index.html",
        {"agreements": agreements, "calls": calls, "experts": experts},
    )


def call_detail(request, pk: int):
    call = get_object_or_404(Call.objects.select_related("sending", "host", "agreement"), pk=pk)
    mine = None
    if request.user.is_authenticated:
        mine = call.applications.filter(applicant=request.user).prefetch_related("history").first()
    is_office = request.user.has_perm("mobility.manage_call", call) or (
        request.user.is_authenticated and has_role(request.user, call.host_id, EDITOR)
    )
    applications = call.applications.order_by("rank", "id") if is_office else []
    return render(
        request,
        "mobility/call_detail.html",
        {"call": call, "mine": mine, "applications": applications, "is_office": is_office},
    )


@login_required
@require_POST
def apply(request, pk: int):
    call = get_object_or_404(Call, pk=pk)
    try:
        with transaction.atomic():  # an application that cannot be submitted is not kept
            _apply(request, call)
        messages.success(request, _("Your application was submitted."))
    except IntegrityError:
        messages.error(request, _("You have already applied to this call."))
    except services.MobilityError as exc:
        messages.error(request, str(exc))
    return redirect("mobility:call", pk=call.pk)


def _apply(request, call) -> None:
    name = request.POST.get("name", "").strip() or request.user.username
    application = Application.objects.create(
        call=call, applicant=request.user, name=name,
        motivation=request.POST.get("motivation", ""), language=translation.get_language(),
        grade_mark=request.POST.get("grade_mark") or None,
        language_score=request.POST.get("language_score") or None,
    )  # fmt: skip
    services.application_transition(application=application, to="submitted", by=request.user)


@login_required
@require_POST
def application_step(request, pk: int):
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    check(request.user, "mobility.view_application", application)
    try:
        services.application_transition(
            application=application, to=request.POST.get("to", ""), by=request.user,
            comment=request.POST.get("comment", ""),
        )  # fmt: skip
        messages.success(request, _("Done."))
    except (services.MobilityError, ValueError) as exc:
        messages.error(request, str(exc))
    return redirect("mobility:call", pk=application.call_id)


@login_required
@require_POST
def call_rank(request, pk: int):
    call = get_object_or_404(Call, pk=pk)
    check(request.user, "mobility.manage_call", call)
    services.call_rank(call=call, by=request.user)
    messages.success(request, _("The eligible applications are ranked."))
    return redirect("mobility:call", pk=call.pk)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The mobility home page: agreements, open calls and foreign experts."""

from django.shortcuts import render
from django.utils import timezone

from amur.directory.models import Organisation
from amur.mobility import selectors, services
from amur.mobility.models import (
    Call,
    ExpertEngagement,
)
from amur.mobility.views.agreements import editable_owners


def index(request):
    hosts = Organisation.objects.filter(expert_targets__isnull=False).distinct()
    experts = [
        (host, services.expert_progress(host), ExpertEngagement.objects.filter(host=host))
        for host in hosts
    ]
    agreements = (
        selectors.agreements_visible_to(request.user)
        .prefetch_related("partners")
        .order_by("-signed_on")[:50]
    )
    calls = Call.objects.filter(deadline__gte=timezone.now()).select_related("sending", "host")
    return render(
        request,
        "mobility/index.html",
        {
            "agreements": agreements,
            "calls": calls,
            "experts": experts,
            "can_create_agreement": request.user.is_authenticated
            and editable_owners(request.user).exists(),
        },
    )

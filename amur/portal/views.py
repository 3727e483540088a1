# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The front door, the search over every module and "My Amur": the pages that read across
all the apps, so that core (which every app builds on) reads none of them."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from amur.core import phrases
from amur.core.pagecache import ALL, public_page
from amur.core.views import request_nav
from amur.portal import front
from amur.portal import mine as mine_selectors


@public_page(*ALL)
def home(request):
    """The front door: what is happening now, one search box, then the modules."""
    modules = [
        {**item, "summary": phrases.MODULE_SUMMARIES.get(item["name"], "")}
        for item in request_nav(request)
    ]
    return render(
        request,
        "portal/home.html",
        {"modules": modules, "happening": front.happening(request.user)},
    )


@require_GET
def search(request):
    """One query over every module, in any script, grouped by kind."""
    query = (request.GET.get("q") or "").strip()[:200]
    groups = front.search_everywhere(request.user, query)
    return render(request, "portal/search.html", {"query": query, "groups": groups})


@login_required
def mine(request):
    """ "My Amur": everything that concerns the signed-in person, each linking to where to act."""
    return render(
        request, "portal/mine.html", {"sections": mine_selectors.sections_for(request.user)}
    )

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from amur.core import phrases


def home(request):
    """The front door: what is happening now, one search box, then the modules."""
    from amur.core import front

    modules = [
        {**item, "summary": phrases.MODULE_SUMMARIES.get(item["name"], "")}
        for item in request_nav(request)
    ]
    return render(
        request,
        "core/home.html",
        {"modules": modules, "happening": front.happening(request.user)},
    )


@require_GET
def search(request):
    """One query over every module, in any script, grouped by kind."""
    from amur.core import front

    query = (request.GET.get("q") or "").strip()[:200]
    groups = front.search_everywhere(request.user, query)
    return render(request, "core/search.html", {"query": query, "groups": groups})


@login_required
def mine(request):
    """ "My Amur": everything that concerns the signed-in person, each linking to where to act."""
    from amur.core import mine as mine_selectors

    return render(
        request, "core/mine.html", {"sections": mine_selectors.sections_for(request.user)}
    )


def request_nav(request):
    from amur.core.context_processors import shell

    return shell(request)["amur_nav"]


def module_placeholder(request, *, title):
    """The landing page of a module whose pages have not been built yet."""
    return render(request, "core/module_placeholder.html", {"title": title})


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 with the reason when it does not."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return JsonResponse({"status": "error", "database": f"unreachable: {reason}"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})

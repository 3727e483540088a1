# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Pages of one application: its documents, scores and workflow steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from amur.core.errors import refusals_shown
from amur.core.permissions import check
from amur.mobility import selectors, services


@login_required
def application_document(request, pk: int):
    """A document of an application: for the applicant and the offices of the call."""
    document = selectors.application_document_get_for(request.user, pk=pk)
    check(request.user, "mobility.view_application", document.application)
    types = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
    return FileResponse(
        document.file.open("rb"),
        content_type=types[document.extension],
        as_attachment=True,
        filename=f"application-{document.application_id}-{document.kind}.{document.extension}",
    )


@login_required
@require_POST
def application_scores(request, pk: int):
    """The sending office enters the scores that the ranking weighs."""
    application = selectors.application_get_for(request.user, pk=pk)
    check(request.user, "mobility.view_application", application)
    with refusals_shown(request):
        services.application_scores_enter(
            application=application,
            by=request.user,
            **{name: request.POST.get(name) or None for name in services.SCORE_FIELDS},
        )
        messages.success(request, _("Scores saved."))
    return redirect("mobility:call", pk=application.call_id)


@login_required
@require_POST
def application_step(request, pk: int):
    application = selectors.application_get_for(request.user, pk=pk)
    check(request.user, "mobility.view_application", application)
    with refusals_shown(request):
        services.application_transition(
            application=application,
            to=request.POST.get("to", ""),
            by=request.user,
            comment=request.POST.get("comment", ""),
        )
        messages.success(request, _("Done."))
    return redirect("mobility:call", pk=application.call_id)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility API: an applicant's own applications, and the steps of an application (each
decided by its own side, as on the pages)."""

from decimal import Decimal

from ninja import Form, Router, Schema, Status

from amur.core.api import (
    WRITE_ERRORS,
    ErrorOut,
    require_perm,
    require_user,
)
from amur.mobility import selectors, services
from amur.mobility.models import Application

router = Router(tags=["mobility"])


class ApplicationOut(Schema):
    id: int
    call: int
    status: str
    rank: int | None

    @staticmethod
    def resolve_call(obj):
        return obj.call_id


class StepIn(Schema):
    to: str
    comment: str = ""


@router.get("/applications/mine", response={200: list[ApplicationOut], 401: ErrorOut})
def my_applications(request):
    """An applicant sees only their own applications."""
    return list(Application.objects.filter(applicant=require_user(request)))


@router.post(
    "/calls/{pk}/applications",
    response={201: ApplicationOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def application_apply(
    request,
    pk: int,
    name: Form[str] = "",
    motivation: Form[str] = "",
    grade_mark: Form[Decimal | None] = None,
    language_score: Form[Decimal | None] = None,
    language: Form[str] = "en",
):
    """Apply to a call and submit (multipart). Documents go in file fields named
    ``document_transcript``, ``document_language``, ``document_cv``, ``document_other``
    (PDF, JPEG or PNG by content, 10 MB each); a refused one keeps nothing."""
    from amur.mobility.enums import ApplicationDocumentKind

    user = require_user(request)
    call = selectors.call_get_for(request.user, pk=pk)
    documents = [
        (kind, upload)
        for kind in ApplicationDocumentKind.values
        for upload in request.FILES.getlist(f"document_{kind}")
    ]
    application = services.application_apply(
        call=call,
        user=user,
        name=name,
        language=language,
        motivation=motivation,
        grade_mark=grade_mark,
        language_score=language_score,
        documents=documents,
    )
    return Status(201, application)


class ScoresIn(Schema):
    grade_mark: Decimal | None = None
    language_score: Decimal | None = None
    interview_score: Decimal | None = None


@router.post(
    "/applications/{pk}/scores",
    response={200: ApplicationOut, **WRITE_ERRORS},
)
def application_scores(request, pk: int, payload: ScoresIn):
    """The sending office enters scores (0–100) before nominations; rank the call again."""
    application = selectors.application_get_for(request.user, pk=pk)
    require_perm(request, "mobility.view_application", application)
    return services.application_scores_enter(
        application=application, by=request.user, **payload.dict()
    )


@router.post(
    "/applications/{pk}/steps",
    response={200: ApplicationOut, **WRITE_ERRORS},
)
def application_step(request, pk: int, payload: StepIn):
    application = selectors.application_get_for(request.user, pk=pk)
    require_perm(request, "mobility.view_application", application)
    return services.application_transition(
        application=application, to=payload.to, by=request.user, comment=payload.comment
    )

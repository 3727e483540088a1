# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility API: calls, an applicant's own applications, and workflow steps (each decided
by its own side, as on the pages)."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from amur.core.api import ApiError, ErrorOut, require_perm, require_user
from amur.mobility import services
from amur.mobility.models import Application, Call

router = Router(tags=["mobility"])


class CallOut(Schema):
    id: int
    kind: str
    title_en: str
    title_ru: str
    title_zh: str
    seats: int
    nominated: int
    deadline: datetime


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


@router.get("/calls", response=list[CallOut])
@paginate(LimitOffsetPagination)
def call_list(request):
    return Call.objects.order_by("-deadline")


@router.get("/applications/mine", response={200: list[ApplicationOut], 401: ErrorOut})
def my_applications(request):
    """An applicant sees only their own applications."""
    return list(Application.objects.filter(applicant=require_user(request)))


@router.post(
    "/applications/{pk}/steps",
    response={200: ApplicationOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def application_step(request, pk: int, payload: StepIn):
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    require_perm(request, "mobility.view_application", application)
    try:
        return services.application_transition(
            application=application, to=payload.to, by=request.user, comment=payload.comment
        )
    except (services.MobilityError, ValueError) as exc:
        raise ApiError(409, "refused", str(exc)) from None

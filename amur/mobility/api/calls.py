# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility API: calls of a sending office."""

from datetime import datetime
from decimal import Decimal

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from amur.core.api import (
    WRITE_ERRORS,
    Pagination,
    require_perm,
)
from amur.core.pagecache import ALL, public_api
from amur.mobility import selectors, services
from amur.mobility.api.common import organisations_by_pk
from amur.mobility.models import (
    Call,
)

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


@router.get("/calls", response=list[CallOut])
@public_api(*ALL)
@paginate(Pagination)
def call_list(request):
    return Call.objects.order_by("-deadline")


class CallIn(Schema):
    sending: int
    host: int
    kind: str
    title_zh: str = ""
    title_ru: str = ""
    title_en: str = ""
    seats: int
    deadline: datetime
    min_language: str = ""
    eqf_level: int | None = None
    isced_code: str = ""
    blended: bool = False
    weight_grades: Decimal = Decimal("0.5")
    weight_language: Decimal = Decimal("0.3")
    weight_interview: Decimal = Decimal("0.2")


class CallPatch(Schema):
    host: int | None = None
    kind: str | None = None
    title_zh: str | None = None
    title_ru: str | None = None
    title_en: str | None = None
    seats: int | None = None
    deadline: datetime | None = None
    min_language: str | None = None
    eqf_level: int | None = None
    isced_code: str | None = None
    blended: bool | None = None
    weight_grades: Decimal | None = None
    weight_language: Decimal | None = None
    weight_interview: Decimal | None = None


class CallDetailOut(CallOut):
    agreement: int
    sending: int
    host: int
    min_language: str
    eqf_level: int | None
    isced_code: str
    blended: bool
    weight_grades: Decimal
    weight_language: Decimal
    weight_interview: Decimal

    @staticmethod
    def resolve_agreement(obj):
        return obj.agreement_id

    @staticmethod
    def resolve_sending(obj):
        return obj.sending_id

    @staticmethod
    def resolve_host(obj):
        return obj.host_id


@router.post("/agreements/{pk}/calls", response={201: CallDetailOut, **WRITE_ERRORS})
def call_create(request, pk: int, payload: CallIn):
    """A partner's office opens a call under the agreement; it sends, another partner hosts."""
    agreement = selectors.agreement_get_for(request.user, pk=pk)
    require_perm(request, "mobility.open_call", agreement)
    sending, host = (
        organisations_by_pk([payload.sending])[0],
        organisations_by_pk([payload.host])[0],
    )
    call = services.call_save(
        by=request.user,
        agreement=agreement,
        sending=sending,
        host=host,
        **payload.dict(exclude={"sending", "host"}),
    )
    return Status(201, call)


@router.api_operation(
    ["PATCH", "POST"], "/calls/{pk}", response={200: CallDetailOut, **WRITE_ERRORS}
)
def call_update(request, pk: int, payload: CallPatch):
    """The sending office changes the fields given (only seats once one is nominated)."""
    call = selectors.call_get_for(request.user, pk=pk)
    require_perm(request, "mobility.manage_call", call)
    data = {name: getattr(call, name) for name in CallPatch.model_fields}
    given = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    if "host" in given:
        given["host"] = organisations_by_pk([given["host"]])[0]
    return services.call_save(
        by=request.user,
        agreement=call.agreement,
        sending=call.sending,
        call=call,
        **(data | given),
    )

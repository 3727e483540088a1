# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility API: inter-institutional agreements and their cooperation conditions."""

from datetime import date

from ninja import Router, Schema, Status

from amur.core.api import (
    WRITE_ERRORS,
    ErrorOut,
    require_perm,
    require_user,
)
from amur.directory.selectors import organisation_get_for
from amur.mobility import selectors, services
from amur.mobility.api.common import organisations_by_pk

router = Router(tags=["mobility"])


class ConditionIn(Schema):
    sending: int
    receiving: int
    academic_year: str
    students: int = 0
    student_months: int = 0
    staff: int = 0
    staff_days: int = 0
    trainees: int = 0
    trainee_months: int = 0
    training_staff: int = 0
    training_days: int = 0
    language: str = ""
    language_level: str = ""
    isced_code: str = ""
    eqf_level: int | None = None
    blended: bool = False


class ConditionOut(ConditionIn):
    id: int

    @staticmethod
    def resolve_sending(obj):
        return obj.sending_id

    @staticmethod
    def resolve_receiving(obj):
        return obj.receiving_id


class AgreementPatch(Schema):
    kind: str | None = None
    title_zh: str | None = None
    title_ru: str | None = None
    title_en: str | None = None
    partners: list[int] | None = None
    signed_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    auto_renewal: bool | None = None
    status: str | None = None
    isced_codes: str | None = None
    signatories: str | None = None


class AgreementIn(Schema):
    owner: int
    kind: str
    title_zh: str = ""
    title_ru: str = ""
    title_en: str = ""
    partners: list[int]
    signed_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    auto_renewal: bool = False
    status: str = "draft"
    isced_codes: str = ""
    signatories: str = ""


class AgreementOut(Schema):
    id: int
    owner: int
    kind: str
    title_zh: str
    title_ru: str
    title_en: str
    partners: list[int]
    signed_on: date | None
    valid_from: date | None
    valid_until: date | None
    auto_renewal: bool
    status: str
    isced_codes: str
    signatories: str
    conditions: list[ConditionOut]

    @staticmethod
    def resolve_owner(obj):
        return obj.owner_id

    @staticmethod
    def resolve_partners(obj):
        return sorted(obj.partners.values_list("pk", flat=True))

    @staticmethod
    def resolve_conditions(obj):
        return list(obj.conditions.order_by("academic_year", "id"))


@router.get("/agreements/{pk}", response={200: AgreementOut, 404: ErrorOut})
def agreement_detail(request, pk: int):
    """Signed agreements are public, as on the pages and in the EWP export; a draft is seen
    by its partners' members."""
    return selectors.agreement_get_for(request.user, pk=pk)


@router.post("/agreements", response={201: AgreementOut, **WRITE_ERRORS})
def agreement_create(request, payload: AgreementIn):
    """An editor of ``owner`` creates an agreement; the owner is always a partner."""
    require_user(request)
    owner = organisation_get_for(request.user, pk=payload.owner)
    require_perm(request, "mobility.create_agreement", owner)
    data = payload.dict(exclude={"owner", "partners"})
    agreement = services.agreement_save(
        by=request.user, owner=owner, partners=organisations_by_pk(payload.partners), **data
    )
    return Status(201, agreement)


@router.api_operation(
    ["PATCH", "POST"], "/agreements/{pk}", response={200: AgreementOut, **WRITE_ERRORS}
)
def agreement_update(request, pk: int, payload: AgreementPatch):
    """The owner's editors change the fields given; the others keep their values."""
    agreement = selectors.agreement_get_for(request.user, pk=pk)
    require_perm(request, "mobility.change_agreement", agreement)
    data = {name: getattr(agreement, name) for name in AgreementPatch.model_fields}
    data["partners"] = list(agreement.partners.all())
    given = payload.dict(exclude_unset=True)
    if given.get("partners") is not None:
        given["partners"] = organisations_by_pk(given["partners"])
    data |= {k: v for k, v in given.items() if v is not None or k in DATES}
    return services.agreement_save(
        by=request.user, agreement=agreement, owner=agreement.owner, **data
    )


DATES = ("signed_on", "valid_from", "valid_until")


def _condition_args(payload: ConditionIn) -> dict:
    data = payload.dict()
    sending, receiving = (
        organisations_by_pk([data.pop("sending")]),
        organisations_by_pk([data.pop("receiving")]),
    )
    return {**data, "sending": sending[0], "receiving": receiving[0]}


@router.post("/agreements/{pk}/conditions", response={201: ConditionOut, **WRITE_ERRORS})
def condition_add(request, pk: int, payload: ConditionIn):
    agreement = selectors.agreement_get_for(request.user, pk=pk)
    require_perm(request, "mobility.change_agreement", agreement)
    condition = services.condition_save(
        by=request.user, agreement=agreement, **_condition_args(payload)
    )
    return Status(201, condition)


@router.api_operation(
    ["PUT", "POST"], "/conditions/{pk}", response={200: ConditionOut, **WRITE_ERRORS}
)
def condition_update(request, pk: int, payload: ConditionIn):
    condition = selectors.condition_get_for(request.user, pk=pk)
    require_perm(request, "mobility.change_agreement", condition.agreement)
    return services.condition_save(
        by=request.user,
        agreement=condition.agreement,
        condition=condition,
        **_condition_args(payload),
    )


@router.delete("/conditions/{pk}", response={204: None, **WRITE_ERRORS})
def condition_delete(request, pk: int):
    condition = selectors.condition_get_for(request.user, pk=pk)
    require_perm(request, "mobility.change_agreement", condition.agreement)
    services.condition_delete(by=request.user, condition=condition)
    return Status(204, None)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility API: stays and their learning agreements (proposed, signed and answered by
each side)."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from amur.core.api import (
    WRITE_ERRORS,
    ErrorOut,
    Pagination,
    require_user,
)
from amur.directory.models import Person
from amur.mobility import ewp, selectors, services
from amur.mobility.api.common import mobility_for, version_for

router = Router(tags=["mobility"])


class ComponentIO(Schema):
    code: str = ""
    title: str
    credits: str
    scheme: str
    recognised_as: str = ""


class LaVersionOut(Schema):
    id: int
    number: int
    components: list[ComponentIO]
    signed_by_student: datetime | None
    signed_by_sending: datetime | None
    approved_by_receiving: datetime | None
    rejected_at: datetime | None
    receiving_comment: str
    agreed: bool


class MobilityOut(Schema):
    id: int
    person: str
    sending: int
    receiving: int
    kind: str
    start: date
    end: date

    @staticmethod
    def resolve_person(obj):
        return str(obj.person)

    @staticmethod
    def resolve_sending(obj):
        return obj.sending_id

    @staticmethod
    def resolve_receiving(obj):
        return obj.receiving_id


class MobilityDetailOut(MobilityOut):
    learning_agreement: list[LaVersionOut]
    # What EWP needs of the stay (ewp.py), and which of it is still missing.
    eqf_level: int | None
    isced_code: str
    language: str
    language_level: str
    sending_contact: int | None
    receiving_contact: int | None
    blended: bool
    ewp_missing: list[str]

    @staticmethod
    def resolve_sending_contact(obj):
        return obj.sending_contact_id

    @staticmethod
    def resolve_receiving_contact(obj):
        return obj.receiving_contact_id

    @staticmethod
    def resolve_ewp_missing(obj):
        return list(dict.fromkeys(ewp.la_missing(obj)))

    @staticmethod
    def resolve_learning_agreement(obj):
        return list(obj.la_versions.order_by("number"))


class EwpDataIn(Schema):
    eqf_level: int | None = None
    isced_code: str = ""
    language: str = ""
    language_level: str = ""
    sending_contact: int | None = None
    receiving_contact: int | None = None
    blended: bool = False


@router.put("/mobilities/{pk}/ewp-data", response={200: MobilityDetailOut, **WRITE_ERRORS})
def mobility_ewp_data(request, pk: int, payload: EwpDataIn):
    """The sending office records what EWP needs of the stay: EQF level, ISCED-F field, CEFR
    level in the language of the stay, and a contact person (directory person with an
    e-mail address) at each institution."""

    mobility = mobility_for(request, pk, "mobility.record_ewp_data")
    data = payload.dict()
    for name in ("sending_contact", "receiving_contact"):
        if data[name] is not None:
            data[name] = get_object_or_404(Person, pk=data[name])
    return services.mobility_ewp_data_save(mobility=mobility, by=request.user, **data)


class ProposalIn(Schema):
    components: list[ComponentIO]


class SignIn(Schema):
    side: str


class AnswerIn(Schema):
    approve: bool
    comment: str = ""


@router.get("/mobilities", response={200: list[MobilityOut], 401: ErrorOut})
@paginate(Pagination)
def mobility_list(request):
    """The stays the user may see: their own, or those their organisation sends or receives."""
    require_user(request)
    return selectors.mobilities_visible_to(request.user).order_by("-start", "id")


@router.get("/mobilities/{pk}", response={200: MobilityDetailOut, 401: ErrorOut, 404: ErrorOut})
def mobility_detail(request, pk: int):
    require_user(request)
    return selectors.mobility_get_for(request.user, pk=pk)


@router.post(
    "/mobilities/{pk}/learning-agreement",
    response={201: LaVersionOut, **WRITE_ERRORS},
)
def la_propose(request, pk: int, payload: ProposalIn):
    mobility = mobility_for(request, pk, "mobility.sign_la")
    components = [c.dict() for c in payload.components]
    version = services.la_propose(mobility=mobility, components=components, by=request.user)
    return Status(201, version)


@router.post(
    "/learning-agreements/{pk}/signatures",
    response={200: LaVersionOut, **WRITE_ERRORS},
)
def la_sign(request, pk: int, payload: SignIn):
    """The student (side ``student``) or the sending office (``sending``) signs."""
    version = version_for(request, pk, "mobility.sign_la")
    return services.la_sign(version=version, by=request.user, side=payload.side)


@router.post(
    "/learning-agreements/{pk}/answer",
    response={200: LaVersionOut, **WRITE_ERRORS},
)
def la_answer(request, pk: int, payload: AnswerIn):
    """The receiving office approves, or rejects with a comment."""
    version = version_for(request, pk, "mobility.answer_la")
    return services.la_receiving_answer(
        version=version, by=request.user, approve=payload.approve, comment=payload.comment
    )

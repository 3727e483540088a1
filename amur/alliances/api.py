# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Alliances API: registry, applications, decisions, secret ballots and results."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from amur.alliances import selectors, services
from amur.alliances.models import Alliance, Membership, Vote
from amur.core.api import ApiError, ErrorOut, require_perm, require_user
from amur.directory.models import Organisation

router = Router(tags=["alliances"])


class AllianceOut(Schema):
    slug: str
    name_zh: str
    name_ru: str
    name_en: str
    founded: date | None
    secretariat: int

    @staticmethod
    def resolve_secretariat(obj):
        return obj.secretariat_id


class MembershipOut(Schema):
    id: int
    organisation: int
    category: str
    status: str
    joined_on: date | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation_id


class ApplyIn(Schema):
    organisation: int
    category: str = "member"
    text: str = ""


class DecideIn(Schema):
    to: str
    reason: str = ""


class BallotIn(Schema):
    choices: list[str]


class ReceiptOut(Schema):
    receipt: str


class VoteOut(Schema):
    id: int
    kind: str
    title_en: str
    status: str
    majority: str
    quorum: str
    result: dict | None

    @staticmethod
    def resolve_quorum(obj):
        return str(obj.quorum)

    @staticmethod
    def resolve_result(obj):
        # Results appear only after the vote closes.
        return obj.result if services.vote_results_visible(obj) else None


def _refuse(exc):
    raise ApiError(409, "refused", str(exc)) from None


@router.get("/alliances", response=list[AllianceOut])
@paginate(LimitOffsetPagination)
def alliance_list(request):
    return Alliance.objects.order_by("name_en")


@router.get("/alliances/{slug}", response={200: dict, 404: ErrorOut})
def alliance_detail(request, slug: str):
    """The alliance with the breakdown the secretariat reports."""
    alliance = get_object_or_404(Alliance, slug=slug)
    breakdown = selectors.membership_breakdown(alliance)
    return {**AllianceOut.from_orm(alliance).dict(), "breakdown": breakdown}


@router.get("/alliances/{slug}/members", response=list[MembershipOut])
@paginate(LimitOffsetPagination)
def member_list(request, slug: str):
    return selectors.members_active(get_object_or_404(Alliance, slug=slug))


@router.post(
    "/alliances/{slug}/applications",
    response={201: MembershipOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def membership_apply(request, slug: str, payload: ApplyIn):
    """An organisation's administrator applies for it to join."""
    alliance = get_object_or_404(Alliance, slug=slug)
    organisation = get_object_or_404(Organisation, pk=payload.organisation)
    require_perm(request, "alliances.apply_membership", organisation)
    try:
        membership = services.membership_apply(
            alliance=alliance, organisation=organisation, category=payload.category,
            by=request.user, text=payload.text,
        )  # fmt: skip
    except services.AlliancesError as exc:
        _refuse(exc)
    return Status(201, membership)


@router.post(
    "/alliances/{slug}/memberships/{pk}/decision",
    response={200: MembershipOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def membership_decide(request, slug: str, pk: int, payload: DecideIn):
    """The secretariat moves a membership along the workflow."""
    membership = get_object_or_404(Membership, pk=pk, alliance__slug=slug)
    require_perm(request, "alliances.manage_alliance", membership.alliance)
    try:
        return services.membership_transition(
            membership=membership, to=payload.to, by=request.user, reason=payload.reason
        )
    except (services.AlliancesError, ValueError) as exc:
        _refuse(exc)


@router.get("/alliances/{slug}/votes/{pk}", response={200: VoteOut, 404: ErrorOut})
def vote_detail(request, slug: str, pk: int):
    return get_object_or_404(Vote, pk=pk, alliance__slug=slug)


@router.post(
    "/alliances/{slug}/votes/{pk}/ballots",
    response={201: ReceiptOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def ballot_cast(request, slug: str, pk: int, payload: BallotIn):
    """Cast a secret ballot; the answer holds the receipt code, nothing is linked to you."""
    require_user(request)
    vote = get_object_or_404(Vote, pk=pk, alliance__slug=slug)
    try:
        code = services.ballot_cast(vote=vote, user=request.user, choices=payload.choices)
    except services.AlliancesError as exc:
        _refuse(exc)
    return Status(201, {"receipt": code})


@router.get("/alliances/{slug}/votes/{pk}/receipts/{code}", response={200: dict, 404: ErrorOut})
def receipt_verify(request, slug: str, pk: int, code: str):
    vote = get_object_or_404(Vote, pk=pk, alliance__slug=slug)
    return {"counted": services.receipt_verify(vote=vote, code=code)}


@router.post(
    "/alliances/{slug}/votes/{pk}/close",
    response={200: VoteOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def vote_close(request, slug: str, pk: int):
    vote = get_object_or_404(Vote, pk=pk, alliance__slug=slug)
    require_perm(request, "alliances.manage_alliance", vote)
    try:
        return services.vote_close(vote=vote, by=request.user)
    except services.AlliancesError as exc:
        _refuse(exc)

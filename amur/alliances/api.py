# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Alliances API: registry, applications, decisions, secret ballots and results."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from amur.alliances import selectors, services
from amur.alliances.models import Alliance, Dues, Membership, Tally, Vote
from amur.core.api import (
    WRITE_ERRORS,
    ApiError,
    ErrorOut,
    Pagination,
    refused,
    require_perm,
    require_user,
)
from amur.core.pagecache import ALL, public_api
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
    title_zh: str
    title_ru: str
    title_en: str
    status: str
    electorate: str
    seats: int
    in_person: bool
    options: list[dict]
    majority: str
    quorum: str
    result: dict | None

    @staticmethod
    def resolve_options(obj):
        return [
            {
                "key": o.key,
                "label_en": o.label_en,
                "candidate": o.candidate_id,
                "organisation": o.organisation_id,
            }
            for o in obj.options.all()
        ]

    @staticmethod
    def resolve_quorum(obj):
        return str(obj.quorum)

    @staticmethod
    def resolve_result(obj):
        # Results appear only after the vote closes.
        return obj.result if services.vote_results_visible(obj) else None


@router.get("/alliances", response=list[AllianceOut])
@public_api(*ALL)
@paginate(Pagination)
def alliance_list(request):
    return Alliance.objects.order_by("name_en")


@router.get("/alliances/{slug}", response={200: dict, 404: ErrorOut})
def alliance_detail(request, slug: str):
    """The alliance with the breakdown the secretariat reports."""
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    breakdown = selectors.membership_breakdown(alliance)
    return {**AllianceOut.from_orm(alliance).dict(), "breakdown": breakdown}


@router.get("/alliances/{slug}/members", response=list[MembershipOut])
@paginate(Pagination)
def member_list(request, slug: str):
    return selectors.members_active(selectors.alliance_get_for(request.user, slug=slug))


@router.post(
    "/alliances/{slug}/applications",
    response={201: MembershipOut, **WRITE_ERRORS},
)
def membership_apply(request, slug: str, payload: ApplyIn):
    """An organisation's administrator applies for it to join."""
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    organisation = get_object_or_404(Organisation, pk=payload.organisation)
    require_perm(request, "alliances.apply_membership", organisation)
    membership = services.membership_apply(
        alliance=alliance,
        organisation=organisation,
        category=payload.category,
        by=request.user,
        text=payload.text,
    )
    return Status(201, membership)


@router.post(
    "/alliances/{slug}/memberships/{pk}/decision",
    response={200: MembershipOut, **WRITE_ERRORS},
)
def membership_decide(request, slug: str, pk: int, payload: DecideIn):
    """The secretariat moves a membership along the workflow."""
    membership = selectors.membership_get_for(request.user, slug=slug, pk=pk)
    require_perm(request, "alliances.manage_alliance", membership.alliance)
    try:
        return services.membership_transition(
            membership=membership, to=payload.to, by=request.user, reason=payload.reason
        )
    except (services.AlliancesError, ValueError) as exc:
        raise refused(exc) from None


@router.get("/alliances/{slug}/votes/{pk}", response={200: VoteOut, 404: ErrorOut})
def vote_detail(request, slug: str, pk: int):
    return selectors.vote_get_for(request.user, slug=slug, pk=pk)


@router.post(
    "/alliances/{slug}/votes/{pk}/ballots",
    response={201: ReceiptOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def ballot_cast(request, slug: str, pk: int, payload: BallotIn):
    """Cast a secret ballot; the answer holds the receipt code, nothing is linked to you."""
    require_user(request)
    vote = selectors.vote_get_for(request.user, slug=slug, pk=pk)
    code = services.ballot_cast(vote=vote, user=request.user, choices=payload.choices)
    return Status(201, {"receipt": code})


@router.get("/alliances/{slug}/votes/{pk}/receipts/{code}", response={200: dict, 404: ErrorOut})
def receipt_verify(request, slug: str, pk: int, code: str):
    vote = selectors.vote_get_for(request.user, slug=slug, pk=pk)
    return {"counted": services.receipt_verify(vote=vote, code=code)}


@router.post(
    "/alliances/{slug}/votes/{pk}/close",
    response={200: VoteOut, **WRITE_ERRORS},
)
def vote_close(request, slug: str, pk: int):
    vote = selectors.vote_get_for(request.user, slug=slug, pk=pk)
    require_perm(request, "alliances.manage_alliance", vote)
    return services.vote_close(vote=vote, by=request.user)


class VoteIn(Schema):
    kind: str
    title_zh: str = ""
    title_ru: str = ""
    title_en: str = ""
    electorate: str
    body: int | None = None
    quorum: Decimal = Decimal("0.5")
    majority: str = "simple"
    abstentions_count: bool = False
    seats: int = 1
    in_person: bool = False
    position: int | None = None
    term_end: date | None = None
    membership: int | None = None


class CandidateIn(Schema):
    person: int
    organisation: int | None = None


class TellersIn(Schema):
    tellers: list[int]


class TallyIn(Schema):
    counts: dict[str, int]
    participants: int


class DuesIn(Schema):
    year: int
    amount: Decimal
    currency: str = "CNY"


class DuesOut(Schema):
    id: int
    organisation: int
    year: int
    amount: Decimal
    currency: str
    paid: bool
    paid_on: date | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.membership.organisation_id


class PaidIn(Schema):
    paid: bool


def _managed_vote(request, slug: str, pk: int) -> Vote:
    vote = selectors.vote_get_for(request.user, slug=slug, pk=pk)
    require_perm(request, "alliances.manage_alliance", vote)
    return vote


@router.post("/alliances/{slug}/votes", response={201: VoteOut, **WRITE_ERRORS})
def vote_create(request, slug: str, payload: VoteIn):
    """The secretariat prepares a vote as a draft (yes/no options for non-elections)."""
    from amur.alliances.models import Body, Position

    alliance = selectors.alliance_get_for(request.user, slug=slug)
    require_perm(request, "alliances.manage_alliance", alliance)
    data = payload.dict()
    data["body"] = get_object_or_404(Body, pk=data["body"]) if data["body"] else None
    data["position"] = (
        get_object_or_404(Position, pk=data["position"]) if data["position"] else None
    )
    data["membership"] = (
        get_object_or_404(Membership, pk=data["membership"]) if data["membership"] else None
    )
    try:
        vote = services.vote_create(alliance=alliance, by=request.user, **data)
    except services.AlliancesError as exc:
        raise refused(exc) from None
    except ValidationError as exc:
        raise ApiError(409, "invalid", "; ".join(exc.messages)) from None
    return Status(201, vote)


@router.post("/alliances/{slug}/votes/{pk}/candidates", response={201: VoteOut, **WRITE_ERRORS})
def vote_candidate_add(request, slug: str, pk: int, payload: CandidateIn):
    from amur.directory.models import Person

    vote = _managed_vote(request, slug, pk)
    person = get_object_or_404(Person, pk=payload.person)
    organisation = (
        get_object_or_404(Organisation, pk=payload.organisation) if payload.organisation else None
    )
    services.vote_candidate_add(
        vote=vote, person=person, organisation=organisation, by=request.user
    )
    return Status(201, vote)


@router.post("/alliances/{slug}/votes/{pk}/tellers", response={200: VoteOut, **WRITE_ERRORS})
def vote_tellers_set(request, slug: str, pk: int, payload: TellersIn):
    from django.contrib.auth import get_user_model

    vote = _managed_vote(request, slug, pk)
    tellers = list(get_user_model().objects.filter(pk__in=payload.tellers))
    if len(tellers) != len(set(payload.tellers)):
        raise ApiError(404, "not_found", "Unknown user among the tellers")
    return services.vote_tellers_set(vote=vote, tellers=tellers, by=request.user)


@router.post("/alliances/{slug}/votes/{pk}/open", response={200: VoteOut, **WRITE_ERRORS})
def vote_open(request, slug: str, pk: int):
    vote = _managed_vote(request, slug, pk)
    return services.vote_open(vote=vote, by=request.user)


def _teller_vote(request, slug: str, pk: int) -> Vote:
    require_user(request)
    vote = selectors.vote_get_for(request.user, slug=slug, pk=pk)
    require_perm(request, "alliances.count_tally", vote)
    return vote


@router.post("/alliances/{slug}/votes/{pk}/tally", response={201: dict, **WRITE_ERRORS})
def tally_enter(request, slug: str, pk: int, payload: TallyIn):
    """A teller enters the in-person counts (option keys and ``abstain``)."""
    vote = _teller_vote(request, slug, pk)
    tally = services.tally_enter(
        vote=vote, teller=request.user, counts=payload.counts, participants=payload.participants
    )
    return Status(201, {"counts": tally.counts, "participants": tally.participants})


@router.post("/alliances/{slug}/votes/{pk}/tally/confirm", response={200: dict, **WRITE_ERRORS})
def tally_confirm(request, slug: str, pk: int):
    """Another teller confirms the tally; the answer says how many have confirmed."""
    vote = _teller_vote(request, slug, pk)
    tally = get_object_or_404(Tally, vote=vote)
    return {"confirmations": services.tally_confirm(tally=tally, teller=request.user)}


@router.get(
    "/alliances/{slug}/dues",
    response={200: list[DuesOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def dues_list(request, slug: str, year: int | None = None):
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    require_perm(request, "alliances.manage_alliance", alliance)
    rows = Dues.objects.filter(membership__alliance=alliance).select_related("membership")
    return list(rows.filter(year=year) if year else rows)


@router.post("/alliances/{slug}/dues", response={200: dict, **WRITE_ERRORS})
def dues_set(request, slug: str, payload: DuesIn):
    """Ask every active member unit for dues of a year; paid rows never change."""
    alliance = selectors.alliance_get_for(request.user, slug=slug)
    require_perm(request, "alliances.manage_alliance", alliance)
    changed = services.dues_set(alliance=alliance, by=request.user, **payload.dict())
    return {"changed": changed}


@router.post("/alliances/{slug}/dues/{pk}", response={200: DuesOut, **WRITE_ERRORS})
def dues_mark(request, slug: str, pk: int, payload: PaidIn):
    row = selectors.dues_get_for(request.user, slug=slug, pk=pk)
    require_perm(request, "alliances.manage_alliance", row.membership.alliance)
    return services.dues_mark(dues=row, paid=payload.paid, by=request.user)


@router.post(
    "/alliances/{slug}/memberships/{pk}/document", response={200: MembershipOut, **WRITE_ERRORS}
)
def membership_document(request, slug: str, pk: int, document: File[UploadedFile]):
    """The applying organisation's admin attaches the signed form (multipart, PDF, 10 MB)."""
    membership = selectors.membership_get_for(request.user, slug=slug, pk=pk)
    require_perm(request, "alliances.apply_membership", membership.organisation)
    return services.membership_document_attach(
        membership=membership, document=document, by=request.user
    )

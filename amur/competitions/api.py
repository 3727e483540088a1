# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Competitions API: public results, and jurors' own scores (same rules as the pages)."""

from datetime import timedelta
from decimal import Decimal

from django.http import FileResponse, Http404
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from amur.competitions import integrity, selectors, services
from amur.competitions.models import Contestant, Round
from amur.core.api import WRITE_ERRORS, ApiError, ErrorOut, require_perm, require_user

router = Router(tags=["competitions"])


class ScoreIn(Schema):
    contestant: int
    # A number, or the text a juror typed ("8.5"): the service says what is wrong with it.
    value: Decimal | str


class ScoreOut(Schema):
    contestant: int
    # A number, or the text a juror typed ("8.5"): the service says what is wrong with it.
    value: Decimal | str


class PieceIn(Schema):
    composer: str
    work: str
    seconds: int  # 0 or less: the service says the piece needs a duration
    video_url: str = ""


class PieceOut(Schema):
    round: int = Field(alias="round_id")
    position: int
    composer: str
    work: str
    seconds: int
    video_url: str

    @staticmethod
    def resolve_seconds(obj):
        return int(obj.duration.total_seconds())


class RepertoireIn(Schema):
    pieces: list[PieceIn]


class DocumentOut(Schema):
    id: int
    kind: str
    content_type: str
    size: int
    uploaded_at: str

    @staticmethod
    def resolve_uploaded_at(obj):
        return obj.uploaded_at.isoformat()


class ApplicationOut(Schema):
    id: int
    number: int
    discipline: int = Field(alias="discipline_id")
    name: str
    status: str
    fee_paid: bool
    pieces: list[PieceOut]
    documents: list[DocumentOut]

    @staticmethod
    def resolve_pieces(obj):
        return list(obj.pieces.all())

    @staticmethod
    def resolve_documents(obj):
        return list(obj.documents.all())


def _application(request, pk: int) -> Contestant:
    require_user(request)
    return selectors.application_get_for(request.user, pk=pk)


@router.get("/applications/{pk}", response={200: ApplicationOut, 401: ErrorOut, 404: ErrorOut})
def application_detail(request, pk: int):
    """An application with its programme; only the applicant and the organiser's office."""
    return _application(request, pk)


@router.put(
    "/applications/{pk}/rounds/{round_pk}/repertoire",
    response={200: list[PieceOut], **WRITE_ERRORS},
)
def repertoire_set(request, pk: int, round_pk: int, payload: RepertoireIn):
    """Replace the programme for one round; the total is checked against the round's range."""
    contestant = _application(request, pk)
    require_perm(request, "competitions.change_application", contestant)
    round_ = selectors.repertoire_round_get_for(request.user, contestant=contestant, pk=round_pk)
    pieces = [
        services.PieceData(
            composer=p.composer,
            work=p.work,
            duration=timedelta(seconds=p.seconds),
            video_url=p.video_url,
        )
        for p in payload.pieces
    ]
    return services.repertoire_set(
        contestant=contestant, round_=round_, pieces=pieces, by=request.user
    )


@router.post(
    "/applications/{pk}/submit",
    response={200: ApplicationOut, **WRITE_ERRORS},
)
def application_submit(request, pk: int):
    """Submit a draft; refused with the list of what is missing."""
    contestant = _application(request, pk)
    require_perm(request, "competitions.change_application", contestant)
    return services.contestant_submit(contestant=contestant, by=request.user)


@router.post(
    "/applications/{pk}/documents/{kind}",
    response={201: DocumentOut, **WRITE_ERRORS},
)
def document_upload(request, pk: int, kind: str, file: File[UploadedFile]):
    """Upload a photo, CV or identity document (multipart); the type is sniffed."""
    contestant = _application(request, pk)
    require_perm(request, "competitions.change_application", contestant)
    document = services.document_upload(
        contestant=contestant, kind=kind, upload=file, by=request.user
    )
    return Status(201, document)


@router.get("/documents/{pk}", response={401: ErrorOut, 404: ErrorOut})
def document_download(request, pk: int):
    """The file itself, for the applicant and the organiser's office only."""
    require_user(request)
    document = selectors.document_get_for(request.user, pk=pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, content_type=document.content_type
    )


class FeeIn(Schema):
    paid: bool = True


class FeeOut(Schema):
    id: int
    fee_paid: bool
    fee_paid_at: str | None
    fee_paid_by: str | None

    @staticmethod
    def resolve_fee_paid_at(obj):
        return obj.fee_paid_at.isoformat() if obj.fee_paid_at else None

    @staticmethod
    def resolve_fee_paid_by(obj):
        return obj.fee_paid_by.username if obj.fee_paid_by else None


@router.post(
    "/applications/{pk}/fee",
    response={200: FeeOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def fee_mark_paid(request, pk: int, payload: FeeIn):
    """The organiser's office records the fee as paid (or takes it back); audited."""
    contestant = _application(request, pk)
    require_perm(request, "competitions.manage_competition", contestant)
    return services.fee_mark_paid(contestant=contestant, by=request.user, paid=payload.paid)


class RoundOut(Schema):
    id: int
    status: str
    names_revealed: bool
    qualified: list[int]

    @staticmethod
    def resolve_qualified(obj):
        return (obj.results or {}).get("qualified", [])


def _office_round(request, pk: int, service):
    round_ = selectors.round_get_for(request.user, pk=pk)
    require_perm(request, "competitions.manage_competition", round_.discipline.edition)
    return service(round_=round_, by=request.user)


@router.post(
    "/rounds/{pk}/confirm",
    response={200: RoundOut, **WRITE_ERRORS},
)
def round_confirm(request, pk: int):
    """The office confirms the qualifiers proposed when the chair closed the round."""
    return _office_round(request, pk, services.round_confirm)


@router.post(
    "/rounds/{pk}/open",
    response={200: RoundOut, **WRITE_ERRORS},
)
def round_open(request, pk: int):
    """The office opens a planned round once the previous round is confirmed."""
    return _office_round(request, pk, services.round_open)


class RevealIn(Schema):
    revealed: bool


@router.post(
    "/rounds/{pk}/reveal",
    response={200: RoundOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def round_reveal_names(request, pk: int, payload: RevealIn):
    """The chair shows or hides contestants' names on the jurors' sheets."""
    user = require_user(request)
    round_ = selectors.jury_round_get_for(user, pk=pk)
    return services.round_reveal_names(round_=round_, by=user, revealed=payload.revealed)


class AwardIn(Schema):
    contestant: int
    place: int  # from 1: the service refuses another, as on the page


class AwardOut(Schema):
    contestant: int = Field(alias="contestant_id")
    place: int


class AllocationIn(Schema):
    awards: list[AwardIn] | None = None
    count: int = Field(3, ge=1, le=20)


class AllocationOut(Schema):
    id: int
    status: str
    jurors: int
    required: int
    votes_for: int
    votes_against: int
    awards: list[AwardOut]

    @staticmethod
    def resolve_votes_for(obj):
        return sum(v.approve for v in obj.votes.all())

    @staticmethod
    def resolve_votes_against(obj):
        return sum(not v.approve for v in obj.votes.all())

    @staticmethod
    def resolve_awards(obj):
        return list(obj.awards.all())


class VoteIn(Schema):
    approve: bool


def _prize_round(request, pk: int) -> Round:
    require_user(request)
    return selectors.prize_round_get_for(request.user, pk=pk)


@router.get(
    "/rounds/{pk}/prizes", response={200: list[AllocationOut], 401: ErrorOut, 404: ErrorOut}
)
def prize_allocations(request, pk: int):
    """Prize allocations put to the vote in this round, with the tally; jury and office only."""
    round_ = _prize_round(request, pk)
    return list(round_.prize_allocations.prefetch_related("awards", "votes"))


@router.post(
    "/rounds/{pk}/prizes",
    response={201: AllocationOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def prize_allocation_propose(request, pk: int, payload: AllocationIn):
    """The chair proposes an allocation (the computed ranking when no awards are given)."""
    round_ = _prize_round(request, pk)
    awards = {a.contestant: a.place for a in payload.awards} if payload.awards else None
    allocation = services.prize_allocation_propose(
        round_=round_, by=request.user, awards=awards, count=payload.count
    )
    return Status(201, allocation)


@router.post(
    "/prizes/{pk}/votes", response={201: AllocationOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut}
)
def prize_vote(request, pk: int, payload: VoteIn):
    """A juror's one vote on an allocation; the quorum decides."""
    require_user(request)
    allocation = selectors.prize_allocation_get_for(request.user, pk=pk)
    services.prize_vote(allocation=allocation, user=request.user, approve=payload.approve)
    allocation.refresh_from_db()
    return Status(201, allocation)


@router.post(
    "/prizes/{pk}/close", response={200: AllocationOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut}
)
def prize_vote_close(request, pk: int):
    """The chair ends the vote; without the quorum the allocation is not accepted."""
    require_user(request)
    allocation = selectors.prize_allocation_get_for(request.user, pk=pk)
    return services.prize_vote_close(allocation=allocation, by=request.user)


@router.get("/rounds/{pk}/results", response={200: dict, 404: ErrorOut})
def round_results(request, pk: int):
    """Results of a closed round: stage scores, per-juror raw and corrected scores, ranks."""
    round_ = selectors.results_round_get_for(request.user, pk=pk)
    return round_.results


@router.post(
    "/rounds/{pk}/scores", response={200: ScoreOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut}
)
def score_enter(request, pk: int, payload: ScoreIn):
    """A juror enters a score on their own sheet; recused jurors are refused."""
    user = require_user(request)
    # The jury's sheet, as on the page: a round is not even shown to exist to non-jurors.
    round_ = selectors.jury_round_get_for(user, pk=pk)
    contestant = selectors.jury_contestant_get_for(user, round_=round_, pk=payload.contestant)
    score = services.score_enter(
        round_=round_, user=user, contestant=contestant, value=payload.value
    )
    return {"contestant": score.contestant_id, "value": score.value}


class IntegrityPublishIn(Schema):
    published: bool


def _integrity_round(request, pk: int) -> Round:
    try:
        return selectors.integrity_round_get_for(request.user, pk=pk)
    except Http404:
        require_user(request)  # 401 for the anonymous, as the page asks them to log in
        raise


@router.get("/rounds/{pk}/integrity", response={200: dict, 401: ErrorOut, 404: ErrorOut})
def round_integrity(request, pk: int):
    """A round's integrity analysis (patterns and their probability under chance): the chair
    and the office; everyone once the chair publishes it with the results."""
    round_ = _integrity_round(request, pk)
    found = services.round_audit(round_)
    if found is None:
        raise ApiError(404, "not_found", "The round has no results yet.")
    return {
        "published": round_.integrity_published,
        "header": integrity.HEADER,
        "rows": integrity.table(found.audit, found.name),
    }


@router.post(
    "/rounds/{pk}/integrity/publish",
    response={200: dict, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def round_integrity_publish(request, pk: int, payload: IntegrityPublishIn):
    """The chair publishes the analysis beside the results (or withdraws it)."""
    user = require_user(request)
    round_ = _integrity_round(request, pk)
    round_ = services.round_integrity_publish(round_=round_, by=user, published=payload.published)
    return {"published": round_.integrity_published}

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Forum API: the same rules as the pages (blind views, conflicts, decisions)."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from amur.core.api import WRITE_ERRORS, ApiError, ErrorOut, Pagination, require_perm, require_user
from amur.core.pagecache import ALL, public_api
from amur.directory.models import Person
from amur.forum import assignment, outputs, scoring, selectors, services
from amur.forum.models import Submission

router = Router(tags=["forum"])


class TrackOut(Schema):
    key: str
    title_zh: str
    title_ru: str
    title_en: str


class EditionOut(Schema):
    slug: str
    year: int
    forum: str
    phase: str
    cfp_opens: datetime
    cfp_closes: datetime
    translation_due: datetime
    venue_timezone: str
    host_timezone: str
    kinds: list[str]
    reviewers_per_submission: int
    blind: bool
    tracks: list[TrackOut]

    @staticmethod
    def resolve_forum(obj):
        return obj.forum.slug

    @staticmethod
    def resolve_venue_timezone(obj):
        return obj.event.timezone

    @staticmethod
    def resolve_host_timezone(obj):
        return obj.second_timezone

    @staticmethod
    def resolve_kinds(obj):
        return obj.kind_list()

    @staticmethod
    def resolve_tracks(obj):
        return list(obj.tracks.all())


class VersionOut(Schema):
    language: str
    title: str
    abstract: str
    keywords: str
    origin: str
    person: str | None
    leaks: list[str]


class AuthorOut(Schema):
    name: str
    organisation: str | None
    presenter: bool


class ReviewOut(Schema):
    reviewer: str | None
    weighted: float | None
    language_quality: str
    comment: str


class SubmissionOut(Schema):
    id: int
    edition: str
    track: str
    kind: str
    status: str
    language: str
    proposed: str
    versions: list[VersionOut]
    authors: list[AuthorOut] | None
    reviews: list[ReviewOut]


def _submission_out(user, submission: Submission) -> dict:
    """One submission as ``user`` may see it: masked versions and no authors in a blind
    edition for reviewers; reviewers' names only for the committee."""
    show_reviews = user.has_perm("forum.view_reviews", submission)
    is_author = user.has_perm("forum.change_submission", submission)
    authors = None
    if user.has_perm("forum.view_authors", submission):
        authors = [
            {
                "name": str(a.person),
                "presenter": a.presenter,
                "organisation": str(a.organisation) if a.organisation_id else None,
            }
            for a in selectors.authors_for(user, submission)
        ]
    reviews = []
    if show_reviews or is_author:
        for a in submission.assignments.select_related("reviewer__person", "review"):
            review = getattr(a, "review", None) if hasattr(a, "review") else None
            if review is None or review.submitted_at is None:
                continue
            reviews.append(
                {
                    "reviewer": str(a.reviewer.person) if show_reviews else None,
                    "weighted": float(review.weighted) if review.weighted is not None else None,
                    "language_quality": review.language_quality,
                    "comment": review.comment,
                }
            )
    return {
        "id": submission.pk,
        "edition": submission.edition.slug,
        "track": submission.track.key,
        "kind": submission.kind,
        "status": submission.status,
        "language": submission.language,
        "proposed": submission.proposed,
        "versions": [
            {
                "language": v.language,
                "title": v.title,
                "abstract": v.abstract,
                "keywords": v.keywords,
                "origin": v.origin,
                "person": str(v.person) if v.person else None,
                "leaks": v.leaks,
            }
            for v in selectors.versions_for(user, submission)
        ],
        "authors": authors,
        "reviews": reviews,
    }


@router.get("/editions", response=list[EditionOut])
@public_api(*ALL)
@paginate(Pagination)
def edition_list(request):
    return (
        selectors.editions_visible_to(request.user)
        .prefetch_related("tracks")
        .select_related("event")
        .order_by("-year", "id")
    )


@router.get("/editions/{slug}", response={200: EditionOut, 404: ErrorOut})
def edition_detail(request, slug: str):
    return selectors.edition_get_for(request.user, slug=slug)


@router.get("/editions/{slug}/submissions", response=list[SubmissionOut])
def submission_list(request, slug: str):
    """The submissions the caller may open (own, assigned, convened, or all for the chair)."""
    edition = selectors.edition_get_for(request.user, slug=slug)
    return [
        _submission_out(request.user, s)
        for s in selectors.submissions_visible_to(request.user, edition).order_by("id")
    ]


class SubmissionIn(Schema):
    track: str
    kind: str
    language: str
    title: str
    abstract: str
    keywords: str = ""
    submit: bool = True


@router.post("/editions/{slug}/submissions", response={201: SubmissionOut, **WRITE_ERRORS})
def submission_create(request, slug: str, payload: SubmissionIn):
    user = require_user(request)
    edition = selectors.edition_get_for(user, slug=slug)
    track = edition.tracks.filter(key=payload.track).first()
    if track is None:
        raise ApiError(404, "not_found", "track")
    lang = payload.language
    submission = services.submission_create(
        edition=edition,
        track=track,
        kind=payload.kind,
        author=user,
        author_person=services.person_for_user(user),
        language=lang,
        texts={
            f"title_{lang}": payload.title,
            f"abstract_{lang}": payload.abstract,
            f"keywords_{lang}": payload.keywords,
        },
        submit=payload.submit,
    )
    return Status(201, _submission_out(user, submission))


@router.get("/submissions/{pk}", response={200: SubmissionOut, 404: ErrorOut})
def submission_detail(request, pk: int):
    submission = selectors.submission_get_for(request.user, pk=pk)
    return _submission_out(request.user, submission)


class VersionIn(Schema):
    language: str
    title: str
    abstract: str
    keywords: str = ""
    origin: str = "author"
    person: int | None = None


@router.post("/submissions/{pk}/versions", response={200: SubmissionOut, **WRITE_ERRORS})
def version_set(request, pk: int, payload: VersionIn):
    user = require_user(request)
    submission = selectors.submission_get_for(user, pk=pk)
    require_perm(request, "forum.change_submission", submission)
    person = get_object_or_404(Person, pk=payload.person) if payload.person else None
    services.version_set(
        submission=submission,
        language=payload.language,
        origin=payload.origin,
        person=person,
        by=user,
        texts={"title": payload.title, "abstract": payload.abstract, "keywords": payload.keywords},
    )
    submission.refresh_from_db()
    return _submission_out(user, submission)


class ReviewIn(Schema):
    scores: dict[str, int]
    language_quality: str = "good"
    comment: str = ""
    confidential: str = ""
    submit: bool = False


@router.post("/submissions/{pk}/review", response={200: SubmissionOut, **WRITE_ERRORS})
def review_save(request, pk: int, payload: ReviewIn):
    user = require_user(request)
    submission = selectors.submission_get_for(user, pk=pk)
    require_perm(request, "forum.review_submission", submission)
    own = selectors.own_assignment_get_for(user, submission=submission)
    services.review_save(
        assignment=own,
        by=user,
        scores=payload.scores,
        language_quality=payload.language_quality,
        comment=payload.comment,
        confidential=payload.confidential,
        submit=payload.submit,
    )
    return _submission_out(user, submission)


class ConflictIn(Schema):
    detail: str = ""


@router.post("/submissions/{pk}/conflicts", response={204: None, **WRITE_ERRORS})
def conflict_declare(request, pk: int, payload: ConflictIn):
    user = require_user(request)
    submission = selectors.submission_get_for(user, pk=pk)
    require_perm(request, "forum.review_submission", submission)
    services.conflict_declare(
        submission=submission,
        person=services.person_for_user(user),
        detail=payload.detail,
        by=user,
    )
    return Status(204, None)


class DecisionIn(Schema):
    decision: str
    track: str | None = None
    related: int | None = None


@router.post("/submissions/{pk}/decision", response={200: SubmissionOut, **WRITE_ERRORS})
def decision_propose(request, pk: int, payload: DecisionIn):
    user = require_user(request)
    submission = selectors.submission_get_for(user, pk=pk)
    require_perm(request, "forum.propose_decision", submission)
    track = submission.edition.tracks.filter(key=payload.track).first() if payload.track else None
    related = Submission.objects.filter(pk=payload.related).first() if payload.related else None
    submission = services.decision_propose(
        submission=submission, decision=payload.decision, by=user, track=track, related=related
    )
    return _submission_out(user, submission)


class AssignOut(Schema):
    track: str
    assigned: int
    causes: list[str]


@router.post("/editions/{slug}/assign", response={200: list[AssignOut], **WRITE_ERRORS})
def assign(request, slug: str):
    """Run the automatic assignment; per track, how many were assigned or why none."""
    require_user(request)
    edition = selectors.edition_get_for(request.user, slug=slug)
    require_perm(request, "forum.manage_edition", edition)
    outcomes = assignment.assign_edition(edition, by=request.user)
    tracks = {t.pk: t.key for t in edition.tracks.all()}
    return [
        {
            "track": tracks[pk],
            "assigned": sum(len(v) for v in o.assigned.values()),
            "causes": o.causes,
        }
        for pk, o in outcomes.items()
    ]


class RankOut(Schema):
    track: str
    submission: int
    title: str
    status: str
    raw_mean: float | None
    normalised: float | None
    weak_language: int


@router.get("/editions/{slug}/ranking", response={200: list[RankOut], 401: ErrorOut, 403: ErrorOut})
def ranking(request, slug: str):
    """Per track, raw means beside normalised (z) scores; for the committee."""
    edition = selectors.edition_get_for(request.user, slug=slug)
    require_perm(request, "forum.manage_edition", edition)
    rows = []
    for track in edition.tracks.all():
        for s, row in scoring.ranking(edition, track):
            rows.append(
                {
                    "track": track.key,
                    "submission": s.pk,
                    "title": s.title_zh or s.title_ru,
                    "status": s.status,
                    "raw_mean": row.raw_mean,
                    "normalised": row.z_mean,
                    "weak_language": row.weak_language,
                }
            )
    return rows


class SessionOut(Schema):
    title_zh: str
    title_ru: str
    start: datetime
    end: datetime
    room: str
    languages: list[str]
    interpretation: str
    speakers: list[str]
    interpreters: list[str]


@router.get("/editions/{slug}/programme", response={200: list[SessionOut], 404: ErrorOut})
def programme(request, slug: str):
    edition = selectors.edition_get_for(request.user, slug=slug)
    return [
        {
            "title_zh": r.item.session.title_zh,
            "title_ru": r.item.session.title_ru,
            "start": r.item.session.start,
            "end": r.item.session.end,
            "room": r.item.session.room,
            "languages": r.item.languages.split(","),
            "interpretation": r.item.interpretation,
            "speakers": [str(p) for p in r.speakers],
            "interpreters": [str(p) for p in r.interpreters],
        }
        for r in outputs.programme_rows(edition)
    ]


# Last: the generic action route must not shadow the named ones above.
@router.post("/submissions/{pk}/{action}", response={200: SubmissionOut, **WRITE_ERRORS})
def submission_action(request, pk: int, action: str):
    """``submit``, ``withdraw`` or ``confirm`` (the author), ``sign-off`` (the chair)."""
    user = require_user(request)
    submission = selectors.submission_get_for(user, pk=pk)
    if action == "sign-off":
        require_perm(request, "forum.sign_off", submission)
        submission = services.decision_sign_off(submission=submission, by=user)
        return _submission_out(user, submission)
    require_perm(request, "forum.change_submission", submission)
    if action == "submit":
        submission = services.submission_submit(submission=submission, by=user)
    elif action == "withdraw":
        submission = services.submission_withdraw(submission=submission, by=user)
    elif action == "confirm":
        submission = services.speaker_confirm(submission=submission, by=user)
    else:
        raise ApiError(404, "not_found", action)
    return _submission_out(user, submission)

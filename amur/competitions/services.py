# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Applications, conflicts of interest, jury sheets and round results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.competitions import documents, scoring
from amur.competitions.enums import (
    TRANSITIONS,
    ApplicationStatus,
    DocumentKind,
    Method,
    PrizeStatus,
    RoundStatus,
)
from amur.competitions.models import (
    Conflict,
    Contestant,
    Document,
    Juror,
    Piece,
    PrizeAllocation,
    PrizeAward,
    PrizeVote,
    Round,
    Score,
    ScoreChange,
    Sheet,
    clock,
)
from amur.core.audit import audit_record
from amur.core.i18n import localised
from amur.core.search import normalise


class CompetitionsError(Exception):
    pass


@transaction.atomic
def contestant_transition(*, contestant: Contestant, to: str, by, reason: str = "") -> Contestant:
    contestant = Contestant.objects.select_for_update().get(pk=contestant.pk)
    current = ApplicationStatus(contestant.status)
    if to not in TRANSITIONS[current]:
        raise CompetitionsError(
            _("An application cannot go from “%(from)s” to “%(to)s”.")
            % {"from": current.label, "to": ApplicationStatus(to).label}
        )
    edition = contestant.discipline.edition
    if to == ApplicationStatus.SUBMITTED and timezone.now() > edition.applications_close:
        raise CompetitionsError(_("The application deadline has passed."))
    if to == ApplicationStatus.INELIGIBLE and not reason.strip():
        raise CompetitionsError(_("Say why the application is ineligible."))
    contestant.status = to
    contestant.save(update_fields=["status"])
    transaction.on_commit(lambda: contestant_notify(contestant))
    audit_record(actor=by, action="competition.application", obj=contestant,
                 old={"status": current}, new={"status": to}, reason=reason)  # fmt: skip
    return contestant


def conflicts_propose(*, edition) -> list[Conflict]:
    """Propose a conflict wherever a juror is named among a contestant's teachers."""
    jurors = list(Juror.objects.filter(edition=edition).select_related("person"))
    created = []
    for contestant in Contestant.objects.filter(discipline__edition=edition):
        for teacher in contestant.teachers:
            teacher_keys = set(normalise(teacher.get("name", "")).split())
            for juror in jurors:
                person = juror.person
                juror_keys = set(normalise(" ".join([person.name, person.name_latin])).split())
                if teacher_keys and teacher_keys <= juror_keys:
                    conflict, new = Conflict.objects.get_or_create(
                        juror=juror, contestant=contestant, defaults={"reason": "teacher"}
                    )
                    if new:
                        created.append(conflict)
    return created


def _juror(round_: Round, user) -> Juror:
    juror = Juror.objects.filter(edition=round_.discipline.edition, user=user).first()
    if juror is None:
        raise CompetitionsError(_("You are not on the jury of this competition."))
    return juror


def _recused(juror: Juror, contestant: Contestant) -> bool:
    return Conflict.objects.filter(juror=juror, contestant=contestant, confirmed=True).exists()


@transaction.atomic
def score_enter(
    *, round_: Round, user, contestant: Contestant, value: Decimal, reason: str = ""
) -> Score:
    """A juror enters or changes a score on their own sheet.

    Refused, storing nothing: a recused juror, a round not being scored, a value off the
    scale or its step, a submitted sheet (only the chair reopens it).
    """
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    juror = _juror(round_, user)
    if round_.status != RoundStatus.SCORING:
        raise CompetitionsError(_("This round is not being scored."))
    if contestant.discipline_id != round_.discipline_id:
        raise CompetitionsError(_("This contestant is not in this round."))
    if _recused(juror, contestant):
        raise CompetitionsError(_("You are recused for this contestant and cannot score them."))
    value = Decimal(value)
    if (
        not round_.scale_min <= value <= round_.scale_max
        or (value - round_.scale_min) % round_.step
    ):
        raise CompetitionsError(
            _("A score lies between %(min)s and %(max)s in steps of %(step)s.")
            % {"min": round_.scale_min, "max": round_.scale_max, "step": round_.step}
        )
    sheet, _created = Sheet.objects.select_for_update().get_or_create(round=round_, juror=juror)
    if sheet.submitted_at is not None:
        raise CompetitionsError(_("Your sheet is submitted; only the chair can reopen it."))
    score = Score.objects.filter(sheet=sheet, contestant=contestant).first()
    old = score.value if score else None
    if score is None:
        score = Score.objects.create(sheet=sheet, contestant=contestant, value=value)
    elif score.value != value:
        score.value = value
        score.save(update_fields=["value"])
    if old != value:
        ScoreChange.objects.create(score_sheet=sheet, contestant=contestant, by=user, old=old,
                                   new=value, reason=reason)  # fmt: skip
    return score


@transaction.atomic
def sheet_submit(*, round_: Round, user) -> Sheet:
    juror = _juror(round_, user)
    sheet, _created = Sheet.objects.select_for_update().get_or_create(round=round_, juror=juror)
    if sheet.submitted_at is None:
        sheet.submitted_at = timezone.now()
        sheet.save(update_fields=["submitted_at"])
    return sheet


@transaction.atomic
def sheet_reopen(*, sheet: Sheet, by, reason: str) -> Sheet:
    """Only the chair reopens a submitted sheet, with a reason kept in the audit trail."""
    chair = Juror.objects.filter(
        edition=sheet.round.discipline.edition, user=by, is_chair=True
    ).exists()
    if not chair:
        raise CompetitionsError(_("Only the chair of the jury can reopen a sheet."))
    if not reason.strip():
        raise CompetitionsError(_("Reopening a sheet needs a reason."))
    if sheet.round.status != RoundStatus.SCORING:
        raise CompetitionsError(_("This round is not being scored."))
    sheet = Sheet.objects.select_for_update().get(pk=sheet.pk)
    sheet.submitted_at = None
    sheet.save(update_fields=["submitted_at"])
    audit_record(actor=by, action="competition.sheet_reopen", obj=sheet, reason=reason)
    return sheet


def sheet_read(*, round_: Round, user, juror: Juror) -> dict[int, Decimal]:
    """A juror reads their own sheet; other jurors' sheets only once the round is closed."""
    own = _juror(round_, user)
    if own.pk != juror.pk and round_.status not in (RoundStatus.CLOSED, RoundStatus.CONFIRMED):
        raise CompetitionsError(_("Other jurors' sheets stay closed until the round closes."))
    return {
        s.contestant_id: s.value
        for s in Score.objects.filter(sheet__round=round_, sheet__juror=juror)
        if not _recused(own, s.contestant) or own.pk != juror.pk
    }


def round_cells(round_: Round) -> dict[Contestant, dict[str, scoring.Cell]]:
    """Each contestant's cells: a score, "S" for a recused juror, "" for no score."""
    jurors = list(Juror.objects.filter(edition=round_.discipline.edition).select_related("person"))
    conflicts = set(
        Conflict.objects.filter(juror__in=jurors, confirmed=True).values_list(
            "juror_id", "contestant_id"
        )
    )
    entered = Score.objects.filter(sheet__round=round_).select_related("sheet")
    scores = {(s.sheet.juror_id, s.contestant_id): s.value for s in entered}
    contestants = Contestant.objects.filter(
        discipline=round_.discipline, status=ApplicationStatus.ADMITTED
    )
    if round_.order > 1:
        previous = Round.objects.get(discipline=round_.discipline, order=round_.order - 1)
        contestants = contestants.filter(pk__in=(previous.results or {}).get("qualified", []))
    table = {}
    for contestant in contestants.order_by("number"):
        table[contestant] = {
            str(j.pk): scoring.RECUSED if (j.pk, contestant.pk) in conflicts
            else scores.get((j.pk, contestant.pk), scoring.ABSENT)
            for j in jurors
        }  # fmt: skip
    return table


@transaction.atomic
def round_close(*, round_: Round, by) -> Round:
    """The chair closes the round; results are computed and the qualifiers proposed."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not Juror.objects.filter(edition=round_.discipline.edition, user=by, is_chair=True).exists():
        raise CompetitionsError(_("Only the chair of the jury can close a round."))
    if round_.status != RoundStatus.SCORING:
        raise CompetitionsError(_("This round is not being scored."))
    jurors = Juror.objects.filter(edition=round_.discipline.edition).count()
    if round_.sheets.filter(submitted_at__isnull=False).count() < jurors:
        raise CompetitionsError(_("Every juror must submit their sheet first."))
    earlier = {
        r.order: {
            int(k): Decimal(v["stage"]) for k, v in (r.results or {}).get("contestants", {}).items()
        }
        for r in Round.objects.filter(discipline=round_.discipline, order__lt=round_.order)
    }
    contestants = {}
    for contestant, cells in round_cells(round_).items():
        if not scoring.eligible(cells):
            continue
        if round_.method == Method.CORRECTED_MEAN:
            _mean, corrected = scoring.corrected_scores(cells, round_.cap)
            stage = scoring.corrected_mean(cells, round_.cap)
        elif round_.method == Method.TRIMMED_MEAN:
            corrected, stage = {}, scoring.trimmed_mean(cells)
        else:
            corrected, stage = {}, scoring.plain_mean(cells)
        total = stage
        if round_.weights and earlier:
            stages = [earlier[o].get(contestant.pk, Decimal(0)) for o in sorted(earlier)] + [stage]
            total = scoring.cumulative(stages, [Decimal(str(w)) for w in round_.weights])
        contestants[str(contestant.pk)] = {
            "number": contestant.number,
            "stage": str(stage),
            "total": str(total),
            "raw": {k: str(v) for k, v in cells.items()},
            "corrected": {k: str(v) for k, v in corrected.items()},
        }
    totals = {k: Decimal(v["total"]) for k, v in contestants.items()}
    ranks = scoring.competition_ranks(totals)
    for key, rank in ranks.items():
        contestants[key]["rank"] = rank
    round_.results = {
        "contestants": contestants,
        "qualified": [int(k) for k in scoring.advancing(totals, round_.quota)],
    }
    round_.status = RoundStatus.CLOSED
    round_.save(update_fields=["results", "status"])
    audit_record(
        actor=by, action="competition.round_close", obj=round_, new=round_.results["qualified"]
    )
    return round_


def _age_on(birth, day) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@transaction.atomic
def contestant_apply(*, discipline, user, name: str, name_latin: str, nationality: str,
                     birth_date, teachers: list[dict], language: str) -> Contestant:  # fmt: skip
    """Apply to a discipline: the deadline and the age limits are checked on the server."""
    from amur.competitions.models import Discipline

    discipline = (
        Discipline.objects.select_for_update().select_related("edition").get(pk=discipline.pk)
    )
    edition, now = discipline.edition, timezone.now()
    if not edition.applications_open <= now <= edition.applications_close:
        raise CompetitionsError(_("Applications are not open."))
    reference = discipline.age_on or edition.starts
    age = _age_on(birth_date, reference)
    if (discipline.min_age and age < discipline.min_age) or (
        discipline.max_age and age > discipline.max_age
    ):
        raise CompetitionsError(
            _(
                "On %(day)s the applicant is %(age)s; "
                "this discipline admits ages %(min)s to %(max)s."
            )
            % {
                "day": reference.isoformat(),
                "age": age,
                "min": discipline.min_age,
                "max": discipline.max_age,
            }
        )
    if (
        Contestant.objects.filter(discipline=discipline, user=user)
        .exclude(status="withdrawn")
        .exists()
    ):
        raise CompetitionsError(_("You have already applied to this discipline."))
    number = (
        discipline.contestants.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    contestant = Contestant.objects.create(
        discipline=discipline, user=user, number=number, name=name, name_latin=name_latin,
        nationality=nationality.upper(), birth_date=birth_date, teachers=teachers,
        language=language, status="draft",
    )  # fmt: skip
    audit_record(actor=user, action="competition.application", obj=contestant,
                 new={"status": "draft"})  # fmt: skip
    return contestant


EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED)


def _check_editable(contestant: Contestant) -> None:
    """The applicant changes programme and documents until the deadline, not after."""
    if contestant.status not in EDITABLE:
        raise CompetitionsError(_("This application can no longer be changed."))
    if timezone.now() > contestant.discipline.edition.applications_close:
        raise CompetitionsError(_("The application deadline has passed."))


@dataclass(frozen=True)
class PieceData:
    composer: str
    work: str
    duration: timedelta | None
    video_url: str = ""


_video_url = URLValidator(schemes=["https", "http"])


def programme_problems(round_: Round, pieces: Sequence[PieceData | Piece]) -> list[str]:
    """What is wrong with a programme for ``round_``: each piece, then the total duration."""
    problems = []
    for n, piece in enumerate(pieces, start=1):
        if not piece.composer.strip() or not piece.work.strip():
            problems.append(_("Piece %(n)s needs a composer and a work.") % {"n": n})
        if piece.duration is None or piece.duration <= timedelta(0):
            problems.append(_("Piece %(n)s needs a duration (minutes:seconds).") % {"n": n})
        if round_.by_video:
            try:
                _video_url(piece.video_url)
            except ValidationError:
                problems.append(
                    _("Piece %(n)s needs a video link (https://…) for the pre-selection.")
                    % {"n": n}
                )
    if round_.needs_repertoire and not pieces:
        problems.append(
            _("The programme for “%(round)s” is missing.") % {"round": localised(round_, "name")}
        )
    total = sum((p.duration or timedelta(0) for p in pieces), timedelta(0))
    if pieces and (
        (round_.min_duration is not None and total < round_.min_duration)
        or (round_.max_duration is not None and total > round_.max_duration)
    ):
        problems.append(
            _(
                "The programme for “%(round)s” lasts %(total)s; "
                "this round asks for %(range)s (minutes:seconds)."
            )
            % {
                "round": localised(round_, "name"),
                "total": clock(total),
                "range": round_.duration_range,
            }
        )
    return problems


@transaction.atomic
def repertoire_set(
    *, contestant: Contestant, round_: Round, pieces: Sequence[PieceData], by
) -> list[Piece]:
    """Replace the contestant's programme for one round, checked against the round's limits.

    Refused as a whole, storing nothing: a piece without composer, work or duration, a
    missing or malformed video link in a pre-selection round, a total outside the round's
    duration range, an application past its deadline or no longer open.
    """
    contestant = (
        Contestant.objects.select_for_update()
        .select_related("discipline__edition")
        .get(pk=contestant.pk)
    )
    _check_editable(contestant)
    if round_.discipline_id != contestant.discipline_id:
        raise CompetitionsError(_("This round belongs to another discipline."))
    problems = programme_problems(round_, pieces)
    if problems:
        raise CompetitionsError(" ".join(problems))
    Piece.objects.filter(contestant=contestant, round=round_).delete()
    created = Piece.objects.bulk_create(
        Piece(contestant=contestant, round=round_, position=n, composer=p.composer.strip(),
              work=p.work.strip(), duration=p.duration,
              video_url=p.video_url.strip() if round_.by_video else "")
        for n, p in enumerate(pieces, start=1)
    )  # fmt: skip
    audit_record(
        actor=by, action="competition.repertoire", obj=contestant,
        new={"round": round_.pk, "pieces": [[p.composer, p.work, clock(p.duration)]
                                            for p in created]},
    )  # fmt: skip
    return created


@transaction.atomic
def document_upload(*, contestant: Contestant, kind: str, upload, by) -> Document:
    """Store a photo, CV or identity document, replacing the one of the same kind.

    The type is judged by the content (``documents.check``), never by the name; too large,
    empty, mislabelled or damaged files are refused and nothing is stored.
    """
    contestant = (
        Contestant.objects.select_for_update()
        .select_related("discipline__edition")
        .get(pk=contestant.pk)
    )
    _check_editable(contestant)
    if kind not in DocumentKind.values:
        raise CompetitionsError(_("Unknown kind of document."))
    try:
        found = documents.check(upload, kind)
    except documents.DocumentRefused as exc:
        raise CompetitionsError(str(exc)) from None
    old = Document.objects.filter(contestant=contestant, kind=kind).first()
    if old is not None:
        storage, name = old.file.storage, old.file.name
        old.delete()
        transaction.on_commit(lambda: storage.delete(name))
    document = Document(
        contestant=contestant, kind=kind, content_type=found.content_type, size=upload.size,
        original_name=(upload.name or "")[:200],
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )  # fmt: skip
    document.file.save(f"{kind}.{found.extension}", upload, save=False)
    document.save()
    audit_record(actor=by, action="competition.document", obj=contestant,
                 new={"kind": kind, "type": found.content_type, "size": upload.size})  # fmt: skip
    return document


def application_gaps(contestant: Contestant) -> list[str]:
    """What still keeps an application from being submitted."""
    present = set(contestant.documents.values_list("kind", flat=True))
    gaps = [
        _("Missing document: %(document)s.") % {"document": DocumentKind(kind).label}
        for kind in contestant.discipline.required_documents
        if kind not in present
    ]
    for round_ in contestant.discipline.rounds.all():
        if round_.needs_repertoire:
            pieces = list(contestant.pieces.filter(round=round_))
            gaps += programme_problems(round_, pieces)
    return gaps


@transaction.atomic
def contestant_submit(*, contestant: Contestant, by) -> Contestant:
    """Submit a draft: the deadline and the completeness of the application are checked."""
    contestant = Contestant.objects.select_for_update().get(pk=contestant.pk)
    if contestant.status == ApplicationStatus.DRAFT:
        _check_editable(contestant)
        gaps = application_gaps(contestant)
        if gaps:
            raise CompetitionsError(" ".join(gaps))
    return contestant_transition(contestant=contestant, to=ApplicationStatus.SUBMITTED, by=by)


def contestant_notify(contestant: Contestant) -> None:
    """Tell the contestant about their application's status, in their language."""
    from amur.core.mail import send_localised

    email = contestant.user.email if contestant.user else ""
    if email:
        send_localised(
            to=[email], language=contestant.language,
            subject_template="competitions/email/status_subject.txt",
            body_template="competitions/email/status_body.txt",
            context={"contestant": contestant},
        )  # fmt: skip


@transaction.atomic
def fee_mark_paid(*, contestant: Contestant, by, paid: bool = True) -> Contestant:
    """The office records that the fee arrived (or takes it back): who and when, audited."""
    contestant = Contestant.objects.select_for_update().get(pk=contestant.pk)
    if contestant.fee_paid == paid:
        return contestant
    old = {
        "fee_paid": contestant.fee_paid,
        "at": contestant.fee_paid_at.isoformat() if contestant.fee_paid_at else None,
    }
    contestant.fee_paid = paid
    contestant.fee_paid_at = timezone.now() if paid else None
    contestant.fee_paid_by = by if paid else None
    contestant.save(update_fields=["fee_paid", "fee_paid_at", "fee_paid_by"])
    audit_record(
        actor=by,
        action="competition.fee",
        obj=contestant,
        old=old,
        new={"fee_paid": paid},
        organisation_id=contestant.owning_organisation_id(),
    )
    return contestant


@transaction.atomic
def round_open(*, round_: Round, by) -> Round:
    """The office opens a round for scoring once the round before it is confirmed."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.status != RoundStatus.PLANNED:
        raise CompetitionsError(_("Only a planned round can be opened for scoring."))
    previous = Round.objects.filter(discipline=round_.discipline, order__lt=round_.order).last()
    if previous is not None and previous.status != RoundStatus.CONFIRMED:
        raise CompetitionsError(_("The qualifiers of the previous round must be confirmed first."))
    round_.status = RoundStatus.SCORING
    round_.save(update_fields=["status"])
    audit_record(
        actor=by,
        action="competition.round_open",
        obj=round_,
        organisation_id=round_.discipline.edition.competition.organiser_id,
    )
    return round_


@transaction.atomic
def round_confirm(*, round_: Round, by) -> Round:
    """The office confirms the qualifiers the system proposed when the chair closed the round."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.status != RoundStatus.CLOSED:
        raise CompetitionsError(_("Only a round closed by the chair can be confirmed."))
    round_.status = RoundStatus.CONFIRMED
    round_.confirmed_at = timezone.now()
    round_.confirmed_by = by
    round_.save(update_fields=["status", "confirmed_at", "confirmed_by"])
    audit_record(
        actor=by,
        action="competition.round_confirm",
        obj=round_,
        new={"qualified": round_.results["qualified"]},
        organisation_id=round_.discipline.edition.competition.organiser_id,
    )
    return round_


@transaction.atomic
def round_reveal_names(*, round_: Round, by, revealed: bool) -> Round:
    """The chair shows (or hides again) contestants' names on the jurors' sheets."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not Juror.objects.filter(edition=round_.discipline.edition, user=by, is_chair=True).exists():
        raise CompetitionsError(_("Only the chair of the jury can reveal the names."))
    if round_.names_revealed != revealed:
        round_.names_revealed = revealed
        round_.save(update_fields=["names_revealed"])
        audit_record(
            actor=by,
            action="competition.names_revealed",
            obj=round_,
            old={"revealed": not revealed},
            new={"revealed": revealed},
        )
    return round_


def _is_chair(round_: Round, user) -> bool:
    return Juror.objects.filter(
        edition=round_.discipline.edition, user=user, is_chair=True
    ).exists()


def prize_proposal(round_: Round, count: int = 3) -> dict[int, int]:
    """``{contestant_id: place}`` from the round's ranking: every contestant ranked within the
    first ``count`` places, ties ex aequo (ranks 1, 2, 2 leave no third prize)."""
    contestants = (round_.results or {}).get("contestants", {})
    return {int(pk): data["rank"] for pk, data in contestants.items() if data["rank"] <= count}


def quorum(edition, jurors: int) -> int:
    """Votes in favour needed: the edition's fraction of the jurors, rounded up, exactly."""
    numerator, denominator = edition.prize_quorum_numerator, edition.prize_quorum_denominator
    return -(-jurors * numerator // denominator)


@transaction.atomic
def prize_allocation_propose(
    *, round_: Round, by, awards: dict[int, int] | None = None, count: int = 3
) -> PrizeAllocation:
    """The chair puts an allocation of prizes to the jury's vote.

    Without ``awards`` the computed ranking is proposed as it stands; the chair may change
    places (ex aequo allowed) before the vote, but only among the round's ranked contestants.
    """
    round_ = (
        Round.objects.select_for_update().select_related("discipline__edition").get(pk=round_.pk)
    )
    if not _is_chair(round_, by):
        raise CompetitionsError(_("Only the chair of the jury can put prizes to the vote."))
    if round_.status not in (RoundStatus.CLOSED, RoundStatus.CONFIRMED):
        raise CompetitionsError(_("Prizes follow the ranking of a closed round."))
    if round_.prize_allocations.filter(
        status__in=[PrizeStatus.OPEN, PrizeStatus.ACCEPTED]
    ).exists():
        raise CompetitionsError(_("A prize allocation of this round is open or accepted already."))
    awards = prize_proposal(round_, count) if awards is None else awards
    ranked = {int(pk) for pk in round_.results.get("contestants", {})}
    if not awards or not set(awards) <= ranked or any(place < 1 for place in awards.values()):
        raise CompetitionsError(
            _("Prizes go to contestants ranked in this round, with places from 1.")
        )
    edition = round_.discipline.edition
    jurors = Juror.objects.filter(edition=edition).count()
    allocation = PrizeAllocation.objects.create(
        round=round_, proposed_by=by, jurors=jurors, required=quorum(edition, jurors)
    )
    PrizeAward.objects.bulk_create(
        PrizeAward(allocation=allocation, contestant_id=pk, place=place)
        for pk, place in sorted(awards.items(), key=lambda kv: kv[1])
    )
    audit_record(actor=by, action="competition.prizes_proposed", obj=allocation,
                 new={"awards": {str(k): v for k, v in awards.items()},
                      "required": allocation.required, "jurors": jurors})  # fmt: skip
    return allocation


def _prize_decide(allocation: PrizeAllocation, *, closing: bool) -> None:
    votes = list(allocation.votes.values_list("approve", flat=True))
    yes, cast = sum(votes), len(votes)
    if yes >= allocation.required:
        allocation.status = PrizeStatus.ACCEPTED
    elif closing or yes + (allocation.jurors - cast) < allocation.required:
        allocation.status = PrizeStatus.REJECTED
    else:
        return
    allocation.decided_at = timezone.now()
    allocation.save(update_fields=["status", "decided_at"])
    audit_record(actor=None, action="competition.prizes_decided", obj=allocation,
                 new={"status": allocation.status, "for": yes, "votes": cast,
                      "required": allocation.required})  # fmt: skip


@transaction.atomic
def prize_vote(*, allocation: PrizeAllocation, user, approve: bool) -> PrizeVote:
    """A juror votes once on an allocation; it is accepted as soon as the quorum votes for it
    and rejected as soon as the quorum can no longer be reached."""
    allocation = (
        PrizeAllocation.objects.select_for_update()
        .select_related("round__discipline__edition")
        .get(pk=allocation.pk)
    )
    juror = Juror.objects.filter(edition=allocation.round.discipline.edition, user=user).first()
    if juror is None:
        raise CompetitionsError(_("You are not on the jury of this competition."))
    if allocation.status != PrizeStatus.OPEN:
        raise CompetitionsError(_("This vote is over."))
    try:
        with transaction.atomic():
            vote = PrizeVote.objects.create(allocation=allocation, juror=juror, approve=approve)
    except IntegrityError:
        raise CompetitionsError(_("You have voted on this allocation already.")) from None
    audit_record(actor=user, action="competition.prize_vote", obj=allocation,
                 new={"juror": juror.pk, "approve": approve})  # fmt: skip
    _prize_decide(allocation, closing=False)
    return vote


@transaction.atomic
def prize_vote_close(*, allocation: PrizeAllocation, by) -> PrizeAllocation:
    """The chair ends the vote: without the quorum in favour the allocation is not accepted."""
    allocation = PrizeAllocation.objects.select_for_update().get(pk=allocation.pk)
    if not _is_chair(allocation.round, by):
        raise CompetitionsError(_("Only the chair of the jury can end the vote."))
    if allocation.status != PrizeStatus.OPEN:
        raise CompetitionsError(_("This vote is over."))
    _prize_decide(allocation, closing=True)
    audit_record(actor=by, action="competition.prize_vote_closed", obj=allocation)
    return allocation

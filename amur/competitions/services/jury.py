# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The jury: conflicts of interest, score sheets, and rounds from opening to the office's
confirmation of the qualifiers."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.competitions import locking, scoring
from amur.competitions.enums import (
    ApplicationStatus,
    Method,
    RoundStatus,
)
from amur.competitions.models import (
    Conflict,
    Contestant,
    Juror,
    Round,
    Score,
    ScoreChange,
    Sheet,
)
from amur.competitions.services.common import CompetitionsError
from amur.core.audit import audit_record
from amur.core.names import name_forms, person_forms
from amur.core.validators import finite_decimal


def conflicts_propose(*, edition) -> list[Conflict]:
    """Propose a conflict wherever a juror is named among a contestant's teachers, in
    whichever script the application names them."""
    jurors = [
        (juror, person_forms(juror.person))
        for juror in Juror.objects.filter(edition=edition).select_related("person")
    ]
    created = []
    for contestant in Contestant.objects.filter(discipline__edition=edition):
        for teacher in contestant.teachers:
            teacher_forms = name_forms(teacher.get("name", ""))
            for juror, juror_forms in jurors:
                if teacher_forms & juror_forms:
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


def _plain(number: Decimal) -> str:
    """``Decimal("25.00")`` as 25 and ``Decimal("0.50")`` as 0.5, as a juror writes them."""
    return format(number.normalize(), "f")


def _score_value(value) -> Decimal:
    """A score as typed on the sheet (``"8.5"``) or given by the API, as a finite number."""
    number = finite_decimal(value)
    if number is None:
        raise CompetitionsError(_("A score is a number, such as 8.5."))
    return number


@transaction.atomic
def score_enter(
    *, round_: Round, user, contestant: Contestant, value: Decimal | str, reason: str = ""
) -> Score:
    """A juror enters or changes a score on their own sheet.

    Refused, storing nothing: a recused juror, a round not being scored, a value off the
    scale or its step, a submitted sheet (only the chair reopens it).
    """
    round_ = locking.round_locked(round_.pk)
    juror = _juror(round_, user)
    if round_.status != RoundStatus.SCORING:
        raise CompetitionsError(_("This round is not being scored."))
    if contestant.discipline_id != round_.discipline_id:
        raise CompetitionsError(_("This contestant is not in this round."))
    if _recused(juror, contestant):
        raise CompetitionsError(_("You are recused for this contestant and cannot score them."))
    value = _score_value(value)
    if (
        not round_.scale_min <= value <= round_.scale_max
        or (value - round_.scale_min) % round_.step
    ):
        raise CompetitionsError(
            _("A score lies between %(min)s and %(max)s in steps of %(step)s.")
            % {
                "min": _plain(round_.scale_min),
                "max": _plain(round_.scale_max),
                "step": _plain(round_.step),
            }
        )
    sheet = locking.sheet_locked(round_, juror)
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
        ScoreChange.objects.create(
            score_sheet=sheet, contestant=contestant, by=user, old=old, new=value, reason=reason
        )
    return score


@transaction.atomic
def sheet_submit(*, round_: Round, user) -> Sheet:
    round_ = locking.round_locked(round_.pk)
    juror = _juror(round_, user)
    sheet = locking.sheet_locked(round_, juror)
    if sheet.submitted_at is None:
        sheet.submitted_at = timezone.now()
        sheet.save(update_fields=["submitted_at"])
    return sheet


@transaction.atomic
def sheet_reopen(*, sheet: Sheet, by, reason: str) -> Sheet:
    """Only the chair reopens a submitted sheet, with a reason kept in the audit trail."""
    round_ = locking.round_locked(sheet.round_id)
    chair = Juror.objects.filter(edition=round_.discipline.edition, user=by, is_chair=True).exists()
    if not chair:
        raise CompetitionsError(_("Only the chair of the jury can reopen a sheet."))
    if not reason.strip():
        raise CompetitionsError(_("Reopening a sheet needs a reason."))
    if round_.status != RoundStatus.SCORING:
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
            str(j.pk): scoring.RECUSED
            if (j.pk, contestant.pk) in conflicts
            else scores.get((j.pk, contestant.pk), scoring.ABSENT)
            for j in jurors
        }
    return table


@transaction.atomic
def round_close(*, round_: Round, by) -> Round:
    """The chair closes the round; results are computed and the qualifiers proposed."""
    round_ = locking.round_locked(round_.pk)
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


@transaction.atomic
def round_open(*, round_: Round, by) -> Round:
    """The office opens a round for scoring once the round before it is confirmed."""
    round_ = locking.round_locked(round_.pk)
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
    round_ = locking.round_locked(round_.pk)
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
    round_ = locking.round_locked(round_.pk)
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

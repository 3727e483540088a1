# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Competitions API: public results, and jurors' own scores (same rules as the pages)."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from amur.competitions import services
from amur.competitions.enums import RoundStatus
from amur.competitions.models import Contestant, Round
from amur.core.api import ApiError, ErrorOut, require_user

router = Router(tags=["competitions"])


class ScoreIn(Schema):
    contestant: int
    value: Decimal


class ScoreOut(Schema):
    contestant: int
    value: Decimal


@router.get("/rounds/{pk}/results", response={200: dict, 404: ErrorOut})
def round_results(request, pk: int):
    """Results of a closed round: stage scores, per-juror raw and corrected scores, ranks."""
    round_ = get_object_or_404(Round, pk=pk, status__in=[RoundStatus.CLOSED, RoundStatus.CONFIRMED])
    return round_.results


@router.post(
    "/rounds/{pk}/scores", response={200: ScoreOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut}
)
def score_enter(request, pk: int, payload: ScoreIn):
    """A juror enters a score on their own sheet; recused jurors are refused."""
    user = require_user(request)
    round_ = get_object_or_404(Round, pk=pk)
    contestant = get_object_or_404(Contestant, pk=payload.contestant, discipline=round_.discipline)
    try:
        score = services.score_enter(
            round_=round_, user=user, contestant=contestant, value=payload.value
        )
    except services.CompetitionsError as exc:
        raise ApiError(409, "refused", str(exc)) from None
    return {"contestant": score.contestant_id, "value": score.value}

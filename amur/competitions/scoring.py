# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Jury scoring methods, in exact decimal arithmetic.

Every method is a plain function of the scores, so that anyone can re-check a published
result (``amur competition-scores``) and the tests can compute by hand what they assert.
Binary floats never enter: 2.675 rounded half-up to two places is 2.68 here, while
``round(2.675, 2)`` gives 2.67.

A juror's cell is an integer or decimal score, ``RECUSED`` ("S": the juror is the
contestant's teacher or otherwise in conflict and does not score) or ``ABSENT`` (no score).
Recused and absent jurors are left out of every computation — never counted as zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

RECUSED = "S"
ABSENT = ""

Cell = Decimal | str


def round_half_up(value: Decimal, decimals: int = 2) -> Decimal:
    """Round half away from zero (the arithmetic of published results), exactly."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def eligible(scores: Mapping[str, Cell]) -> dict[str, Decimal]:
    """The scores that count: jurors who neither recused themselves nor were absent."""
    return {juror: cell for juror, cell in scores.items() if isinstance(cell, Decimal)}


def _mean(values: Sequence[Decimal]) -> Decimal:
    if not values:
        raise ValueError("no eligible score to average")
    return sum(values, Decimal(0)) / len(values)


def corrected_scores(
    scores: Mapping[str, Cell], cap: Decimal | int, decimals: int = 2
) -> tuple[Decimal, dict[str, Decimal]]:
    """The 2025 Chopin Competition's correction, once, without iteration.

    The mean of the eligible scores is rounded half-up; every score farther than ``cap``
    from that rounded mean is replaced by mean + cap or mean − cap.  Returns the rounded
    mean and the corrected score of each eligible juror.
    """
    cap = Decimal(cap)
    counted = eligible(scores)
    mean = round_half_up(_mean(list(counted.values())), decimals)
    low, high = mean - cap, mean + cap
    return mean, {juror: min(max(score, low), high) for juror, score in counted.items()}


def corrected_mean(scores: Mapping[str, Cell], cap: Decimal | int, decimals: int = 2) -> Decimal:
    """Stage score: the mean of the corrected scores, rounded half-up."""
    _mean_before, corrected = corrected_scores(scores, cap, decimals)
    return round_half_up(_mean(list(corrected.values())), decimals)


def trimmed_mean(scores: Mapping[str, Cell], decimals: int = 2) -> Decimal:
    """Drop the single highest and single lowest score, average the rest, round half-up."""
    values = sorted(eligible(scores).values())
    if len(values) < 3:
        raise ValueError("a trimmed mean needs at least three eligible scores")
    return round_half_up(_mean(values[1:-1]), decimals)


def trimmed_components(
    components: Sequence[tuple[Mapping[str, Cell], Decimal | int]], decimals: int = 2
) -> Decimal:
    """Figure-skating style: each component's trimmed mean × its factor is rounded first,
    then the rounded products are summed."""
    return sum(
        (
            round_half_up(trimmed_mean(scores, decimals) * Decimal(factor), decimals)
            for scores, factor in components
        ),
        Decimal(0),
    )


def plain_mean(scores: Mapping[str, Cell], decimals: int = 2) -> Decimal:
    return round_half_up(_mean(list(eligible(scores).values())), decimals)


def median(scores: Mapping[str, Cell], decimals: int = 2) -> Decimal:
    """The middle eligible score (the mean of the two middle ones for an even count),
    rounded half-up."""
    values = sorted(eligible(scores).values())
    if not values:
        raise ValueError("no eligible score to average")
    middle = len(values) // 2
    if len(values) % 2:
        return round_half_up(values[middle], decimals)
    return round_half_up((values[middle - 1] + values[middle]) / 2, decimals)


def cumulative(
    stage_scores: Sequence[Decimal], weights: Sequence[Decimal | int], decimals: int = 2
) -> Decimal:
    """Weighted sum of ROUNDED stage scores, the weights taken as shares of their total
    (30/70 and 0.3/0.7 are the same), rounded half-up."""
    if len(stage_scores) != len(weights):
        raise ValueError("one weight per round is needed")
    total = sum((Decimal(w) for w in weights), Decimal(0))
    if total <= 0:
        raise ValueError("the weights must add up to more than zero")
    pairs = zip(stage_scores, weights, strict=True)
    weighted = sum(
        (round_half_up(Decimal(score), decimals) * Decimal(w) for score, w in pairs), Decimal(0)
    )
    return round_half_up(weighted / total, decimals)


def yes_no_order(votes: Mapping[str, tuple[int, Decimal]]) -> list[str]:
    """Contestants by number of "yes" votes, the mean score breaking ties."""
    return sorted(votes, key=lambda c: (-votes[c][0], -votes[c][1]))


def rank_sum(rankings: Mapping[str, Mapping[str, int]], decimals: int = 2) -> dict[str, Decimal]:
    """Ranking-based method: each juror ranks the contestants (1 = best); the lowest
    total wins.  A recused juror does not rank that contestant, so the result is the mean
    rank over the jurors who ranked, scaled to the whole panel (total = mean × jurors),
    which equals the plain total whenever nobody recused."""
    panel = len(rankings)
    given: dict[str, list[int]] = {}
    for ranks in rankings.values():
        for contestant, rank in ranks.items():
            given.setdefault(contestant, []).append(rank)
    return {
        contestant: round_half_up(_mean([Decimal(r) for r in ranks]) * panel, decimals)
        for contestant, ranks in given.items()
    }


def competition_ranks(results: Mapping[str, Decimal], *, higher_is_better: bool = True):
    """Standard competition ranking (1, 2, 2, 4) on the given (already rounded) values."""
    ordered = sorted(results.items(), key=lambda item: -item[1] if higher_is_better else item[1])
    ranks: dict[str, int] = {}
    previous, previous_rank = None, 0
    for position, (contestant, value) in enumerate(ordered, start=1):
        if value != previous:
            previous, previous_rank = value, position
        ranks[contestant] = previous_rank
    return ranks


def advancing(results: Mapping[str, Decimal], quota: int) -> list[str]:
    """The contestants who advance: the best ``quota``, and everyone tied at the cut."""
    if quota <= 0:
        return []
    ordered = sorted(results, key=lambda c: -results[c])
    if len(ordered) <= quota:
        return ordered
    cut = results[ordered[quota - 1]]
    return [c for c in ordered if results[c] >= cut]

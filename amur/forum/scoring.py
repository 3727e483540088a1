# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scores: raw weighted means beside per-reviewer z-scores, and the ranking per track.

A strict reviewer's 3 and a generous one's 4 may mean the same; each reviewer's weighted
scores over the edition are turned into z = (x − μ) / σ (population σ; a reviewer whose
scores never vary gives 0).  A submission's normalised score is the mean of its z-scores.
The language-quality flags are counted apart and never enter either score.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from amur.forum.enums import LanguageQuality
from amur.forum.models import Edition, Review


def z_scores(values_by_reviewer: dict[int, list[float]]) -> dict[int, tuple[float, float]]:
    """``{reviewer: (mean, population standard deviation)}``."""
    stats = {}
    for reviewer, values in values_by_reviewer.items():
        mean = sum(values) / len(values)
        sd = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        stats[reviewer] = (mean, sd)
    return stats


def z_of(value: float, mean: float, sd: float) -> float:
    return 0.0 if sd == 0 else (value - mean) / sd


@dataclass
class Row:
    submission_id: int
    raw: list[float] = field(default_factory=list)
    z: list[float] = field(default_factory=list)
    weak_language: int = 0

    @property
    def raw_mean(self) -> float | None:
        return sum(self.raw) / len(self.raw) if self.raw else None

    @property
    def z_mean(self) -> float | None:
        return sum(self.z) / len(self.z) if self.z else None


def table(edition: Edition) -> dict[int, Row]:
    """Every submission's submitted reviews: raw weighted scores and normalised ones."""
    reviews = list(
        Review.objects.filter(
            assignment__submission__edition=edition,
            submitted_at__isnull=False,
            weighted__isnull=False,
        ).select_related("assignment")
    )
    per_reviewer: dict[int, list[float]] = defaultdict(list)
    for review in reviews:
        per_reviewer[review.assignment.reviewer_id].append(float(review.weighted))
    stats = z_scores(per_reviewer)
    rows: dict[int, Row] = {}
    for review in reviews:
        a = review.assignment
        row = rows.setdefault(a.submission_id, Row(a.submission_id))
        value = float(review.weighted)
        row.raw.append(value)
        row.z.append(z_of(value, *stats[a.reviewer_id]))
        row.weak_language += review.language_quality != LanguageQuality.GOOD
    return rows


def ranking(edition: Edition, track) -> list[tuple[object, Row]]:
    """The track's submitted submissions, best normalised score first (unreviewed last)."""
    rows = table(edition)
    submissions = list(track.submissions.exclude(status__in=["draft", "withdrawn"]))
    ranked = [(s, rows.get(s.pk, Row(s.pk))) for s in submissions]
    ranked.sort(
        key=lambda item: (
            item[1].z_mean is None,
            -(item[1].z_mean or 0),
            -(item[1].raw_mean or 0),
            item[0].pk,
        )
    )
    return ranked

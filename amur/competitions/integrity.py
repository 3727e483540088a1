# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Integrity analytics of a round: how each juror scored, whether a juror's scores on some
group of contestants (their student's closest rivals, their compatriots, a colleague's
students) differ from their scores on everyone else, how divided the jury was on each
contestant, and how robust the outcome is to one juror or another scoring method.

Two kinds of arithmetic, on purpose:

* Results are reproduced exactly: every recomputation of stage scores, places and
  qualifiers (:func:`outcome`, :func:`robustness`) calls the functions of
  :mod:`amur.competitions.scoring` in exact ``Decimal`` arithmetic, so a leave-one-juror-out
  result is the very result the scoring method gives on the reduced panel.
* Statistics (means, spreads, deviations, rank correlations, bimodality, p-values) are
  descriptive figures computed in binary floating point; they are never published as a
  result and need no exactness.

The figures describe patterns and how likely such a pattern is under chance; they do not
show intent, and with many jurors and groups some small p-values are expected by chance.

The input is what ``amur competition-scores`` reads: ``rows`` maps each contestant to a
mapping juror → cell, a cell being a ``Decimal`` score, ``scoring.RECUSED`` or
``scoring.ABSENT``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from amur.competitions import scoring

Rows = Mapping[str, Mapping[str, scoring.Cell]]

METHODS = ("corrected-mean", "trimmed-mean", "mean", "median")
WINDOW = 3  # places either side of a juror's student in the panel's ranking
PERMUTATIONS = 4999
LEVEL = 0.05


# ---------------------------------------------------------------- small float statistics


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _sd(values: Sequence[float]) -> float | None:
    """Sample standard deviation (n − 1), None below two values."""
    if len(values) < 2:
        return None
    m = _mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def average_ranks(values: Sequence[float]) -> list[float]:
    """Ranks 1..n of ``values`` (ascending), ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    if len(xs) < 2:
        return None
    mx, my = _mean(xs), _mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rank correlation (Pearson's on average ranks); None when undefined."""
    return pearson(average_ranks(xs), average_ranks(ys))


def bimodality(values: Sequence[float]) -> float | None:
    """Bimodality coefficient (skewness² + 1) / (excess kurtosis + 3) from the moments of
    the scores themselves: 1 for two equal camps, 5/9 for scores spread evenly, 1/3 for a
    normal-shaped panel; above 5/9 suggests two camps.  The moment form is used because
    the small-sample adjusted form cannot exceed 5/9 on panels of eight or nine jurors even
    when they split into two equal camps.  None below four values or without spread."""
    n = len(values)
    if n < 4:
        return None
    m = _mean(values)
    m2 = sum((v - m) ** 2 for v in values) / n
    if m2 == 0:
        return None
    m3 = sum((v - m) ** 3 for v in values) / n
    m4 = sum((v - m) ** 4 for v in values) / n
    return (m3 * m3 / m2**3 + 1) / (m4 / m2**2)


BIMODAL = 5 / 9
DIVIDED = 1.5  # a contestant's spread over the round's pooled spread


def permutation_p(
    group: Sequence[float],
    others: Sequence[float],
    *,
    alternative: str = "less",
    permutations: int = PERMUTATIONS,
    seed: int = 0,
) -> float:
    """p-value of the difference of means (group − others) under random relabelling.

    ``alternative`` "less" asks how often chance gives a difference as low as the one seen,
    "greater" as high, "two-sided" as far from zero.  Monte Carlo with a seeded generator:
    p = (1 + hits) / (1 + permutations), never zero.
    """
    observed = _mean(group) - _mean(others)
    pooled = [*group, *others]
    size, total = len(group), sum(pooled)
    rng = random.Random(seed)
    hits = 0
    eps = 1e-12
    for _ in range(permutations):
        rng.shuffle(pooled)
        part = sum(pooled[:size])
        diff = part / size - (total - part) / (len(pooled) - size)
        if alternative == "less":
            hits += diff <= observed + eps
        elif alternative == "greater":
            hits += diff >= observed - eps
        else:
            hits += abs(diff) >= abs(observed) - eps
    return (1 + hits) / (1 + permutations)


# ---------------------------------------------------------------- the panel


def jurors_of(rows: Rows) -> list[str]:
    """The jurors in column order."""
    seen: dict[str, None] = {}
    for cells in rows.values():
        for juror in cells:
            seen.setdefault(juror, None)
    return list(seen)


def loo_mean(cells: Mapping[str, scoring.Cell], juror: str) -> float | None:
    """Mean of the other jurors' eligible scores (float), None when nobody else scored."""
    others = [float(v) for j, v in scoring.eligible(cells).items() if j != juror]
    return _mean(others) if others else None


def pooled_sd(rows: Rows) -> float | None:
    """The round's spread of scores within contestants: the square root of the mean of
    each contestant's sample variance (contestants with at least two scores)."""
    variances = []
    for cells in rows.values():
        sd = _sd([float(v) for v in scoring.eligible(cells).values()])
        if sd is not None:
            variances.append(sd * sd)
    if not variances or not any(variances):
        return None
    return math.sqrt(_mean(variances))


def deviations(rows: Rows, juror: str, scale: float | None = None) -> dict[str, float]:
    """Each score of ``juror`` minus the other jurors' mean for that contestant, in units of
    the round's pooled spread (:func:`pooled_sd`); contestants the juror did not score, or
    nobody else scored, are left out."""
    scale = scale if scale is not None else pooled_sd(rows)
    if not scale:
        return {}
    result = {}
    for contestant, cells in rows.items():
        own = cells.get(juror)
        other = loo_mean(cells, juror)
        if isinstance(own, Decimal) and other is not None:
            result[contestant] = (float(own) - other) / scale
    return result


def panel_order(rows: Rows, juror: str) -> list[str]:
    """Contestants best first by the other jurors' mean (so the juror's own scores do not
    move anyone); ties keep the file's order."""
    means = {c: loo_mean(cells, juror) for c, cells in rows.items()}
    ranked = [c for c in rows if means[c] is not None]
    return sorted(ranked, key=lambda c: -means[c])


@dataclass
class JurorProfile:
    juror: str
    scored: int
    recused: list[str]
    mean: float | None
    spread: float | None  # sample standard deviation of the juror's scores
    agreement: float | None  # Spearman with the panel's mean without the juror
    deviations: dict[str, float]  # contestant -> deviation in pooled-SD units
    mean_deviation: float | None
    clamped: int | None  # scores moved by the correction (corrected mean only)


def juror_profile(
    rows: Rows, juror: str, *, cap: Decimal | int | None = None, decimals: int = 2
) -> JurorProfile:
    own = {c: cells[juror] for c, cells in rows.items() if isinstance(cells.get(juror), Decimal)}
    values = [float(v) for v in own.values()]
    paired = [(float(own[c]), loo_mean(rows[c], juror)) for c in own]
    paired = [(x, y) for x, y in paired if y is not None]
    devs = deviations(rows, juror)
    clamped = None
    if cap is not None:
        clamped = 0
        for contestant, score in own.items():
            _m, corrected = scoring.corrected_scores(rows[contestant], cap, decimals)
            clamped += corrected[juror] != score
    return JurorProfile(
        juror=juror,
        scored=len(own),
        recused=[c for c, cells in rows.items() if cells.get(juror) == scoring.RECUSED],
        mean=_mean(values) if values else None,
        spread=_sd(values),
        agreement=spearman([x for x, _ in paired], [y for _, y in paired]),
        deviations=devs,
        mean_deviation=_mean(list(devs.values())) if devs else None,
        clamped=clamped,
    )


# ---------------------------------------------------------------- groups of contestants


@dataclass
class GroupTest:
    juror: str
    kind: str  # "rivals", "country", "circle"
    about: str  # the student(s), the country, or the colleague
    group: list[str]
    group_mean: float
    others_mean: float
    difference: float  # group − others, in pooled-SD units
    p_value: float
    alternative: str

    about_keys: list[str] = field(default_factory=list)  # the students or the colleague

    @property
    def notable(self) -> bool:
        return self.p_value < LEVEL


def rivals(rows: Rows, juror: str, *, window: int = WINDOW) -> list[str]:
    """Contestants the juror scored within ``window`` places of any of the juror's recused
    contestants, in the ranking by the other jurors' mean."""
    order = panel_order(rows, juror)
    students = [c for c in order if rows[c].get(juror) == scoring.RECUSED]
    near: list[str] = []
    for student in students:
        at = order.index(student)
        for c in order[max(0, at - window) : at + window + 1]:
            if isinstance(rows[c].get(juror), Decimal) and c not in near:
                near.append(c)
    return near


def group_test(
    rows: Rows,
    juror: str,
    group: Sequence[str],
    *,
    kind: str,
    about: str,
    alternative: str,
    permutations: int = PERMUTATIONS,
    seed: int = 0,
    devs: Mapping[str, float] | None = None,
    about_keys: Sequence[str] = (),
) -> GroupTest | None:
    """The juror's deviations on ``group`` against their deviations on everyone else they
    scored; None when either side is empty."""
    devs = devs if devs is not None else deviations(rows, juror)
    inside = [devs[c] for c in group if c in devs]
    outside = [v for c, v in devs.items() if c not in set(group)]
    if not inside or not outside:
        return None
    return GroupTest(
        juror=juror,
        kind=kind,
        about=about,
        group=[c for c in group if c in devs],
        group_mean=_mean(inside),
        others_mean=_mean(outside),
        difference=_mean(inside) - _mean(outside),
        p_value=permutation_p(
            inside, outside, alternative=alternative, permutations=permutations, seed=seed
        ),
        alternative=alternative,
        about_keys=list(about_keys) or [about],
    )


def rivals_test(
    rows: Rows,
    juror: str,
    *,
    window: int = WINDOW,
    permutations: int = PERMUTATIONS,
    seed: int = 0,
) -> GroupTest | None:
    """Are the juror's scores lower, relative to the panel, on their students' closest
    rivals than on everyone else?  One-sided; None without a recused contestant."""
    students = [c for c, cells in rows.items() if cells.get(juror) == scoring.RECUSED]
    if not students:
        return None
    return group_test(
        rows,
        juror,
        rivals(rows, juror, window=window),
        kind="rivals",
        about=", ".join(students),
        alternative="less",
        permutations=permutations,
        seed=seed,
        about_keys=students,
    )


def country_test(
    rows: Rows,
    juror: str,
    countries: Mapping[str, str],
    *,
    permutations: int = PERMUTATIONS,
    seed: int = 0,
) -> GroupTest | None:
    """Are the juror's scores higher, relative to the panel, for contestants of the juror's
    own country?  ``countries`` maps jurors and contestants to a country code."""
    country = countries.get(juror, "")
    if not country:
        return None
    group = [c for c in rows if countries.get(c, "") == country]
    return group_test(
        rows,
        juror,
        group,
        kind="country",
        about=country,
        alternative="greater",
        permutations=permutations,
        seed=seed,
    )


def circle_of(colleague: str, teachers: Mapping[str, Sequence[str]], rows: Rows) -> list[str]:
    """Contestants taught by ``colleague`` (by the teachers list) or recused for them."""
    return [
        c
        for c, cells in rows.items()
        if colleague in teachers.get(c, ()) or cells.get(colleague) == scoring.RECUSED
    ]


def circle_tests(
    rows: Rows,
    juror: str,
    teachers: Mapping[str, Sequence[str]],
    *,
    permutations: int = PERMUTATIONS,
    seed: int = 0,
) -> list[GroupTest]:
    """For each other juror with students among the contestants: do this juror's scores on
    that colleague's students differ (either way) from their other scores?"""
    devs = deviations(rows, juror)
    tests = []
    for colleague in jurors_of(rows):
        if colleague == juror:
            continue
        test = group_test(
            rows,
            juror,
            circle_of(colleague, teachers, rows),
            kind="circle",
            about=colleague,
            alternative="two-sided",
            permutations=permutations,
            seed=seed,
            devs=devs,
        )
        if test is not None:
            tests.append(test)
    return tests


# ---------------------------------------------------------------- outcomes, exactly


@dataclass
class Outcome:
    scores: dict[str, Decimal]  # stage score, exact
    totals: dict[str, Decimal]  # cumulative where earlier rounds count, else the stage score
    ranks: dict[str, int]
    qualified: list[str]


def stage_score(
    cells: Mapping[str, scoring.Cell], *, method: str, cap: Decimal | int | None, decimals: int
) -> Decimal:
    if method == "corrected-mean":
        if cap is None:
            raise ValueError("the corrected mean needs a cap")
        return scoring.corrected_mean(cells, cap, decimals)
    if method == "trimmed-mean":
        return scoring.trimmed_mean(cells, decimals)
    if method == "median":
        return scoring.median(cells, decimals)
    return scoring.plain_mean(cells, decimals)


def outcome(
    rows: Rows,
    *,
    method: str,
    cap: Decimal | int | None,
    decimals: int = 2,
    quota: int | None = None,
    earlier: Mapping[str, Sequence[Decimal]] | None = None,
    weights: Sequence[Decimal] | None = None,
) -> Outcome:
    """Stage scores, totals, places and qualifiers exactly as the round computes them.
    Raises ValueError when the method cannot score someone (e.g. a trimmed mean of two)."""
    scores = {
        c: stage_score(cells, method=method, cap=cap, decimals=decimals)
        for c, cells in rows.items()
    }
    totals = dict(scores)
    if earlier is not None and weights is not None:
        totals = {
            c: scoring.cumulative([*earlier[c], s], list(weights), decimals)
            for c, s in scores.items()
        }
    ranks = scoring.competition_ranks(totals)
    qualified = scoring.advancing(totals, quota) if quota is not None else []
    return Outcome(scores=scores, totals=totals, ranks=ranks, qualified=sorted(qualified))


def without(rows: Rows, juror: str) -> dict[str, dict[str, scoring.Cell]]:
    """The sheet as if ``juror`` had not sat on the panel."""
    return {c: {j: v for j, v in cells.items() if j != juror} for c, cells in rows.items()}


@dataclass
class Variant:
    label: str  # "without <juror>" or "method <name>"
    kind: str  # "juror" or "method"
    name: str
    outcome: Outcome | None  # None when the method cannot score this panel
    problem: str = ""
    in_: list[str] = field(default_factory=list)  # would qualify, did not
    out: list[str] = field(default_factory=list)  # qualified, would not
    moved: dict[str, tuple[int, int]] = field(default_factory=dict)  # place now -> then

    def describe(self, name: Callable[[str], str] = str) -> str:
        return f"without {name(self.name)}" if self.kind == "juror" else self.label

    @property
    def same_qualifiers(self) -> bool:
        return self.outcome is not None and not self.in_ and not self.out


@dataclass
class Robustness:
    baseline: Outcome
    variants: list[Variant]
    quota: int | None = None

    def leave_one_out(self) -> list[Variant]:
        return [v for v in self.variants if v.kind == "juror"]

    @property
    def stability(self) -> float | None:
        """Share of the computable leave-one-juror-out runs that keep the same qualifiers
        (None without a quota: then only places are compared)."""
        if self.quota is None:
            return None
        runs = [v for v in self.leave_one_out() if v.outcome is not None]
        if not runs:
            return None
        return sum(v.same_qualifiers for v in runs) / len(runs)

    def hinges(self) -> dict[str, list[str]]:
        """Contestant -> the jurors whose absence alone would move them across the cut."""
        found: dict[str, list[str]] = {}
        for variant in self.leave_one_out():
            for contestant in [*variant.in_, *variant.out]:
                found.setdefault(contestant, []).append(variant.name)
        return found

    def place_hinges(self) -> dict[str, list[str]]:
        """Contestant -> the jurors whose absence alone would change their place."""
        found: dict[str, list[str]] = {}
        for variant in self.leave_one_out():
            for contestant in variant.moved:
                found.setdefault(contestant, []).append(variant.name)
        return found


def _compare(label: str, kind: str, name: str, baseline: Outcome, compute) -> Variant:
    try:
        result = compute()
    except ValueError as exc:
        return Variant(label, kind, name, None, problem=str(exc))
    before, after = set(baseline.qualified), set(result.qualified)
    return Variant(
        label,
        kind,
        name,
        result,
        in_=sorted(after - before),
        out=sorted(before - after),
        moved={
            c: (baseline.ranks[c], result.ranks[c])
            for c in baseline.ranks
            if result.ranks.get(c) != baseline.ranks[c]
        },
    )


def robustness(
    rows: Rows,
    *,
    method: str,
    cap: Decimal | int | None,
    decimals: int = 2,
    quota: int | None = None,
    earlier: Mapping[str, Sequence[Decimal]] | None = None,
    weights: Sequence[Decimal] | None = None,
) -> Robustness:
    """The outcome recomputed without each juror in turn and under each other method.
    Methods that cannot be computed (the corrected mean without a cap) are reported so."""
    common = {"decimals": decimals, "quota": quota, "earlier": earlier, "weights": weights}
    baseline = outcome(rows, method=method, cap=cap, **common)
    variants = [
        _compare(
            f"without {j}",
            "juror",
            j,
            baseline,
            lambda j=j: outcome(without(rows, j), method=method, cap=cap, **common),
        )
        for j in jurors_of(rows)
    ]
    for other in METHODS:
        if other != method:
            variants.append(
                _compare(
                    f"method {other}",
                    "method",
                    other,
                    baseline,
                    lambda m=other: outcome(rows, method=m, cap=cap, **common),
                )
            )
    return Robustness(baseline=baseline, variants=variants, quota=quota)


# ---------------------------------------------------------------- polarisation


@dataclass
class Polarisation:
    contestant: str
    scores: int
    spread: float | None  # sample standard deviation
    range: float | None
    bimodality: float | None
    relative_spread: float | None  # spread / the round's pooled spread
    hinges_on: list[str]  # jurors whose absence alone moves the contestant across the cut
    place_hinges_on: list[str]

    @property
    def bimodal(self) -> bool:
        return self.bimodality is not None and self.bimodality > BIMODAL

    @property
    def divided(self) -> bool:
        """Two camps and a spread well above the round's usual (small panels of whole-point
        scores often look two-humped by chance, so the shape alone is not enough)."""
        return self.bimodal and (self.relative_spread or 0) > DIVIDED


def polarisation(rows: Rows, robust: Robustness | None = None) -> list[Polarisation]:
    hinges = robust.hinges() if robust else {}
    places = robust.place_hinges() if robust else {}
    scale = pooled_sd(rows)
    result = []
    for contestant, cells in rows.items():
        values = [float(v) for v in scoring.eligible(cells).values()]
        result.append(
            Polarisation(
                contestant=contestant,
                scores=len(values),
                spread=_sd(values),
                range=max(values) - min(values) if values else None,
                bimodality=bimodality(values),
                relative_spread=_sd(values) / scale if scale and len(values) > 1 else None,
                hinges_on=hinges.get(contestant, []),
                place_hinges_on=places.get(contestant, []),
            )
        )
    return result


# ---------------------------------------------------------------- the whole analysis


@dataclass
class Audit:
    profiles: list[JurorProfile]
    tests: list[GroupTest]
    polarisation: list[Polarisation]
    robustness: Robustness
    window: int
    permutations: int
    seed: int


def audit(
    rows: Rows,
    *,
    method: str,
    cap: Decimal | int | None,
    decimals: int = 2,
    quota: int | None = None,
    earlier: Mapping[str, Sequence[Decimal]] | None = None,
    weights: Sequence[Decimal] | None = None,
    countries: Mapping[str, str] | None = None,
    teachers: Mapping[str, Sequence[str]] | None = None,
    window: int = WINDOW,
    permutations: int = PERMUTATIONS,
    seed: int = 0,
) -> Audit:
    """Everything at once; same inputs and seed give the same figures.  Colleagues'
    circles are compared when ``teachers`` is given (an empty mapping: recusals only)."""
    clamp_cap = cap if method == "corrected-mean" else None
    profiles = [juror_profile(rows, j, cap=clamp_cap, decimals=decimals) for j in jurors_of(rows)]
    tests: list[GroupTest] = []
    for j in jurors_of(rows):
        found = rivals_test(rows, j, window=window, permutations=permutations, seed=seed)
        if found:
            tests.append(found)
        if countries:
            found = country_test(rows, j, countries, permutations=permutations, seed=seed)
            if found:
                tests.append(found)
        if teachers is not None:
            tests += circle_tests(rows, j, teachers, permutations=permutations, seed=seed)
    robust = robustness(
        rows,
        method=method,
        cap=cap,
        decimals=decimals,
        quota=quota,
        earlier=earlier,
        weights=weights,
    )
    return Audit(
        profiles=profiles,
        tests=tests,
        polarisation=polarisation(rows, robust),
        robustness=robust,
        window=window,
        permutations=permutations,
        seed=seed,
    )


# ---------------------------------------------------------------- tables and text

HEADER = ["section", "juror", "contestant", "about", "figure", "value"]


def _f(value: float | None, places: int = 3) -> str:
    return "" if value is None else f"{value:.{places}f}"


def table(result: Audit, name: Callable[[str], str] = str) -> list[list[str]]:
    """The whole analysis as rows under :data:`HEADER` (one figure a row), for CSV/XLSX;
    ``name`` turns a juror's or contestant's key into what the table shows."""

    def names(keys) -> str:
        return "; ".join(name(k) for k in keys)

    rows: list[list[str]] = []
    for p in result.profiles:
        for figure, value in (
            ("scored", str(p.scored)),
            ("recused", names(p.recused)),
            ("mean", _f(p.mean)),
            ("spread", _f(p.spread)),
            ("agreement", _f(p.agreement)),
            ("mean_deviation", _f(p.mean_deviation)),
            ("clamped", "" if p.clamped is None else str(p.clamped)),
        ):
            rows.append(["juror", name(p.juror), "", "", figure, value])
        for contestant, value in p.deviations.items():
            rows.append(["deviation", name(p.juror), name(contestant), "", "deviation", _f(value)])
    for t in result.tests:
        for figure, value in (
            ("group", names(t.group)),
            ("group_mean", _f(t.group_mean)),
            ("others_mean", _f(t.others_mean)),
            ("difference", _f(t.difference)),
            ("alternative", t.alternative),
            ("p_value", _f(t.p_value, 4)),
        ):
            rows.append([t.kind, name(t.juror), "", names(t.about_keys), figure, value])
    for p in result.polarisation:
        for figure, value in (
            ("spread", _f(p.spread)),
            ("relative_spread", _f(p.relative_spread)),
            ("range", _f(p.range)),
            ("bimodality", _f(p.bimodality)),
            ("divided", "yes" if p.divided else ""),
            ("hinges_on", names(p.hinges_on)),
            ("place_hinges_on", names(p.place_hinges_on)),
        ):
            rows.append(["contestant", "", name(p.contestant), "", figure, value])
    robust = result.robustness
    rows.append(["robustness", "", "", "baseline", "qualified", names(robust.baseline.qualified)])
    for v in robust.variants:
        if v.outcome is None:
            rows.append(["robustness", "", "", v.describe(name), "not_computable", v.problem])
            continue
        for figure, value in (
            ("in", names(v.in_)),
            ("out", names(v.out)),
            ("moved", "; ".join(f"{name(c)}: {a}->{b}" for c, (a, b) in v.moved.items())),
            ("same_qualifiers", "yes" if v.same_qualifiers else "no"),
        ):
            rows.append(["robustness", "", "", v.describe(name), figure, value])
    rows.append(["robustness", "", "", "leave-one-juror-out", "stability", _f(robust.stability)])
    return rows


def text_report(result: Audit) -> str:
    """A short plain-text summary: patterns and their probability under chance only."""
    lines = [
        "Integrity analysis (patterns and their probability under chance; not proof of intent)",
        "",
        "Jurors: scored, mean, spread, agreement with the rest of the panel, mean deviation",
    ]
    for p in result.profiles:
        clamped = "" if p.clamped is None else f", clamped {p.clamped}"
        lines.append(
            f"  {p.juror}: {p.scored}, {_f(p.mean, 2)}, {_f(p.spread, 2)}, "
            f"{_f(p.agreement, 2)}, {_f(p.mean_deviation, 2)}{clamped}"
        )
    lines += [
        "",
        f"Group comparisons (window {result.window}, {result.permutations} permutations, "
        f"seed {result.seed}); p below {LEVEL} marked *",
    ]
    for t in result.tests:
        mark = " *" if t.notable else ""
        lines.append(
            f"  {t.juror} {t.kind} ({t.about}): {len(t.group)} contestants, difference "
            f"{_f(t.difference, 2)} SD, p = {_f(t.p_value, 4)}{mark}"
        )
    if not result.tests:
        lines.append("  none (no recusals, countries or teachers to compare)")
    if any(t.notable for t in result.tests):
        lines.append(
            f"  Comparisons made: {len(result.tests)}; about {len(result.tests) * LEVEL:.1f} "
            "of them would fall below the level by chance alone."
        )
    lines += ["", "Contestants on whom the jury was divided or whose outcome hinges on one juror"]
    divided = [p for p in result.polarisation if p.divided or p.hinges_on]
    for p in divided:
        hinge = f", qualification hinges on {' '.join(p.hinges_on)}" if p.hinges_on else ""
        camps = ", two camps" if p.divided else ""
        lines.append(
            f"  {p.contestant}: spread {_f(p.spread, 2)} ({_f(p.relative_spread, 1)}x the "
            f"round's), bimodality {_f(p.bimodality, 2)}{camps}{hinge}"
        )
    if not divided:
        lines.append("  none")
    robust = result.robustness
    lines += ["", f"Robustness: qualifiers {' '.join(robust.baseline.qualified) or '-'}"]
    for v in robust.variants:
        if v.outcome is None:
            lines.append(f"  {v.label}: not computable ({v.problem})")
        elif v.in_ or v.out:
            lines.append(f"  {v.label}: in {' '.join(v.in_) or '-'}, out {' '.join(v.out) or '-'}")
        else:
            lines.append(f"  {v.label}: same qualifiers, {len(v.moved)} places change")
    lines.append(
        f"  Stability (leave-one-juror-out runs with the same qualifiers): "
        f"{_f(robust.stability, 2) or '-'}"
    )
    return "\n".join(lines) + "\n"

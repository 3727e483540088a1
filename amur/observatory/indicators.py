# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The observatory's formulas as pure functions: numbers in, number (or None) out.

Every function works on counts that the selectors have already aggregated in the database,
so nothing here touches a model.  ``None`` means "not defined for these counts" (an empty
slice, a single category where evenness is meaningless …); the pages show it as "no data
yet", never as zero.  ``FORMULAS`` holds the formula each page shows beside its number.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

SMALL_DEFAULT = 20  # below this many observations an index is greyed and marked unreliable

FORMULAS = {
    "folk_share": "FS = N_folk / N_all",
    "shannon": "H = −Σ p_k ln p_k",
    "evenness": "J = H / ln K",
    "simpson": "D = 1 − Σ p_k²",
    "net_balance": "NB = (X − M) / (X + M)",
    "grubel_lloyd": "GL_k = 1 − |X_k − M_k| / (X_k + M_k)",
    "grubel_lloyd_aggregate": "GL = 1 − Σ|X_k − M_k| / Σ(X_k + M_k)",
    "hhi": "HHI = Σ s_i²",
    "hhi_normalised": "HHI* = (HHI − 1/K) / (1 − 1/K)",
    "gini": "G = Σ_i Σ_j |x_i − x_j| / (2 K² μ)",
    "theil": "T = (1/K) Σ (x_i/μ) ln(x_i/μ) = T_within + T_between",
    "location_quotient": "LQ_i = (a_i / A) / (p_i / P)",
    "wilson": "(p̂ + z²/2n ± z √(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)",
    "fill_rate": "filled / requests",
    "gap": "gap = max(0, demand − supply)",
}


def share(part: float, total: float) -> float | None:
    """part / total; None for an empty total."""
    return part / total if total else None


def is_small(n: int, threshold: int = SMALL_DEFAULT) -> bool:
    """True when ``n`` observations are too few for the index to be read with confidence."""
    return n < threshold


def wilson_interval(k: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """Wilson score interval of the share k/n (95 % for z = 1.96); None when n = 0."""
    if n <= 0:
        return None
    p = k / n
    denominator = 1 + z * z / n
    centre = p + z * z / (2 * n)
    margin = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (max(0.0, (centre - margin) / denominator), min(1.0, (centre + margin) / denominator))


def _proportions(counts: Iterable[float]) -> list[float]:
    values = [c for c in counts if c > 0]
    total = sum(values)
    return [c / total for c in values] if total else []


def shannon(counts: Iterable[float]) -> float | None:
    """Shannon diversity H = −Σ p_k ln p_k over the categories with activity."""
    p = _proportions(counts)
    if not p:
        return None
    return -sum(x * math.log(x) for x in p) + 0.0  # + 0.0 turns −0.0 into 0.0


def evenness(counts: Sequence[float], k: int | None = None) -> float | None:
    """Pielou's evenness H / ln K; K is the number of possible categories (default: all
    given, zeros included).  Undefined for K < 2."""
    k = len(counts) if k is None else k
    h = shannon(counts)
    if h is None or k < 2:
        return None
    return h / math.log(k)


def simpson(counts: Iterable[float]) -> float | None:
    """Gini–Simpson diversity 1 − Σ p_k²: the chance that two activities differ in category."""
    p = _proportions(counts)
    if not p:
        return None
    return 1 - sum(x * x for x in p)


def net_balance(x: float, m: float) -> float | None:
    """(X − M) / (X + M): +1 all China→Russia, −1 all Russia→China, 0 balanced."""
    total = x + m
    return (x - m) / total if total else None


def grubel_lloyd(x: float, m: float) -> float | None:
    """Reciprocity of one category: 1 two-way balanced, 0 entirely one-way."""
    total = x + m
    return 1 - abs(x - m) / total if total else None


def grubel_lloyd_aggregate(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Reciprocity over categories, 1 − Σ|X_k − M_k| / Σ(X_k + M_k): one-way categories are
    not hidden by opposite flows elsewhere, as they would be in the net balance."""
    pairs = list(pairs)
    total = sum(x + m for x, m in pairs)
    if not total:
        return None
    return 1 - sum(abs(x - m) for x, m in pairs) / total


def hhi(counts: Iterable[float]) -> float | None:
    """Herfindahl–Hirschman index Σ s_i² of the shares (1 = everything in one place)."""
    p = _proportions(counts)
    if not p:
        return None
    return sum(x * x for x in p)


def hhi_normalised(counts: Sequence[float]) -> float | None:
    """(HHI − 1/K) / (1 − 1/K) over K units, zeros included: 0 even, 1 all in one unit."""
    k = len(counts)
    h = hhi(counts)
    if h is None or k < 2:
        return None
    return (h - 1 / k) / (1 - 1 / k)


def gini(values: Sequence[float]) -> float | None:
    """Gini coefficient Σ_i Σ_j |x_i − x_j| / (2 K² μ) over K units, zeros included."""
    k = len(values)
    if not k:
        return None
    mean = sum(values) / k
    if not mean:
        return None
    # Sorted form of the double sum: Σ_i Σ_j |x_i − x_j| = 2 Σ_i (2i − K − 1) x_(i).
    ordered = sorted(values)
    double_sum = 2 * sum((2 * i - k - 1) * x for i, x in enumerate(ordered, start=1))
    return double_sum / (2 * k * k * mean)


def _theil_terms(values: Sequence[float], mean: float) -> float:
    return sum((x / mean) * math.log(x / mean) for x in values if x > 0)


def theil(values: Sequence[float]) -> float | None:
    """Theil T = (1/K) Σ (x_i/μ) ln(x_i/μ) over K units; 0 even, ln K all in one unit."""
    k = len(values)
    if not k:
        return None
    mean = sum(values) / k
    if not mean:
        return None
    return _theil_terms(values, mean) / k


def theil_decomposition(groups: Mapping[str, Sequence[float]]) -> dict | None:
    """Theil T split exactly into within- and between-group parts.

    T = Σ_g s_g T_g + Σ_g s_g ln(μ_g / μ), with s_g the group's share of the total; groups
    without activity contribute nothing.  Returns ``{"total", "within", "between",
    "groups": {name: {"share", "theil"}}}``.
    """
    everything = [x for values in groups.values() for x in values]
    total = theil(everything)
    if total is None:
        return None
    grand = sum(everything)
    mean = grand / len(everything)
    within = between = 0.0
    parts = {}
    for name, values in groups.items():
        group_total = sum(values)
        s = group_total / grand
        t = theil(values) if values else None
        parts[name] = {"share": s, "theil": t}
        if group_total:
            within += s * (t or 0.0)
            between += s * math.log((group_total / len(values)) / mean)
    return {"total": total, "within": within, "between": between, "groups": parts}


def location_quotient(
    activity: float, total_activity: float, population: float, total_population: float
) -> float | None:
    """(a_i / A) / (p_i / P): above 1, a place has more activity than its population share."""
    if not total_activity or not population or not total_population:
        return None
    return (activity / total_activity) / (population / total_population)


def median(values: Sequence[float]) -> float | None:
    """The middle value (mean of the two middle ones for an even count); None if empty."""
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return None
    middle = n // 2
    return ordered[middle] if n % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def gap(demand: float, supply: float) -> float:
    """Unmet demand: max(0, demand − supply)."""
    return max(0, demand - supply)


def trend(current: float | None, previous: float | None) -> float | None:
    """Change against the previous period (current − previous); None if either is missing."""
    if current is None or previous is None:
        return None
    return current - previous

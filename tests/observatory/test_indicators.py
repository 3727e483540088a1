# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every formula against numbers worked out by hand (the arithmetic is in the comments)."""

import math

import pytest

from amur.observatory import indicators as ix


def test_share_and_wilson_interval():
    # 3 of 10; Wilson 95 %: centre (0.3 + 1.9208/10) / 1.38416 = 0.35550,
    # margin 1.96·√(0.021 + 0.0096040) / 1.38416 = 0.24771 → (0.1078, 0.6032)
    low, high = ix.wilson_interval(3, 10)

    assert ix.share(3, 10) == 0.3
    assert (round(low, 4), round(high, 4)) == (0.1078, 0.6032)


def test_empty_counts_give_none_never_zero():
    assert ix.share(0, 0) is None
    assert ix.wilson_interval(0, 0) is None
    assert ix.shannon([]) is None
    assert ix.simpson([0, 0]) is None
    assert ix.hhi([]) is None
    assert ix.gini([]) is None
    assert ix.gini([0, 0, 0]) is None
    assert ix.theil([0, 0]) is None
    assert ix.net_balance(0, 0) is None
    assert ix.grubel_lloyd(0, 0) is None
    assert ix.grubel_lloyd_aggregate([]) is None
    assert ix.median([]) is None
    assert ix.location_quotient(5, 10, 0, 100) is None


def test_small_number_flag_uses_the_threshold():
    assert ix.is_small(19) is True
    assert ix.is_small(20) is False
    assert ix.is_small(5, threshold=5) is False


def test_shannon_evenness_simpson_on_a_worked_example():
    # counts 2, 1, 1: p = ½, ¼, ¼; H = ½ln2 + 2·¼ln4 = 1.5 ln 2 = 1.03972
    counts = [2, 1, 1, 0]

    assert ix.shannon(counts) == pytest.approx(1.5 * math.log(2))
    # four possible categories: J = 1.5 ln 2 / ln 4 = 0.75
    assert ix.evenness(counts) == pytest.approx(0.75)
    # 1 − (¼ + 1/16 + 1/16) = 0.625
    assert ix.simpson(counts) == pytest.approx(0.625)


def test_single_category_has_no_diversity():
    assert ix.shannon([7]) == 0.0
    assert ix.simpson([7]) == 0.0
    assert ix.evenness([7]) is None  # one possible category: evenness undefined
    assert ix.evenness([7, 0, 0]) == 0.0
    assert ix.hhi([7, 0, 0]) == 1.0
    assert ix.hhi_normalised([7, 0, 0]) == 1.0


def test_all_equal_counts_are_perfectly_even():
    counts = [5, 5, 5, 5]

    assert ix.evenness(counts) == pytest.approx(1.0)
    assert ix.simpson(counts) == pytest.approx(0.75)
    assert ix.hhi(counts) == pytest.approx(0.25)
    assert ix.hhi_normalised(counts) == pytest.approx(0.0)
    assert ix.gini(counts) == 0.0
    assert ix.theil(counts) == pytest.approx(0.0)


def test_net_balance_and_grubel_lloyd():
    # X = 30, M = 10: NB = 20/40 = 0.5; GL = 1 − 20/40 = 0.5
    assert ix.net_balance(30, 10) == 0.5
    assert ix.grubel_lloyd(30, 10) == 0.5
    assert ix.grubel_lloyd(10, 10) == 1.0
    assert ix.grubel_lloyd(10, 0) == 0.0
    assert ix.net_balance(0, 4) == -1.0


def test_aggregated_grubel_lloyd_does_not_let_opposite_flows_cancel():
    # music 10 → 0, sports 0 → 10: balanced overall (NB 0) but entirely one-way per field
    pairs = [(10, 0), (0, 10)]

    assert ix.net_balance(10, 10) == 0.0
    assert ix.grubel_lloyd_aggregate(pairs) == 0.0
    # (6, 2), (1, 1): 1 − (4 + 0) / (8 + 2) = 0.6
    assert ix.grubel_lloyd_aggregate([(6, 2), (1, 1)]) == pytest.approx(0.6)


def test_hhi_and_normalised_hhi():
    # shares 0.5, 0.3, 0.2: HHI = 0.25 + 0.09 + 0.04 = 0.38; K = 3: (0.38 − ⅓)/(⅔) = 0.07
    assert ix.hhi([5, 3, 2]) == pytest.approx(0.38)
    assert ix.hhi_normalised([5, 3, 2]) == pytest.approx(0.07)


def test_gini_matches_the_double_sum():
    # 0, 0, 0, 4: Σ_i Σ_j |x_i − x_j| = 2·3·4 = 24; μ = 1, K = 4: 24 / (2·16·1) = 0.75
    values = [0, 0, 0, 4]

    double_sum = sum(abs(a - b) for a in values for b in values)
    assert double_sum == 24
    assert ix.gini(values) == pytest.approx(0.75)
    # 1, 2, 3: Σ|…| = 8, μ = 2, K = 3: 8 / 36 = 0.2222
    assert ix.gini([3, 1, 2]) == pytest.approx(8 / 36)


def test_theil_of_everything_in_one_unit_is_ln_k():
    assert ix.theil([0, 0, 0, 4]) == pytest.approx(math.log(4))


def test_theil_decomposition_adds_up_exactly():
    groups = {"harbin": [60], "border": [20, 10, 5, 0], "interior": [3, 2]}

    parts = ix.theil_decomposition(groups)

    assert parts["within"] + parts["between"] == pytest.approx(parts["total"], abs=1e-12)
    assert parts["total"] == pytest.approx(ix.theil([60, 20, 10, 5, 0, 3, 2]))
    assert sum(g["share"] for g in parts["groups"].values()) == pytest.approx(1.0)
    # Harbin alone has no inequality within; its share is 60/100.
    assert parts["groups"]["harbin"] == {"share": 0.6, "theil": 0.0}


def test_theil_decomposition_of_equal_groups_is_all_between():
    # Each group even inside: everything unequal lies between the groups.
    parts = ix.theil_decomposition({"a": [4, 4], "b": [1, 1]})

    assert parts["within"] == pytest.approx(0.0)
    assert parts["between"] == pytest.approx(parts["total"])
    # shares 0.8/0.2, means 4 and 1 against 2.5: 0.8 ln 1.6 + 0.2 ln 0.4
    assert parts["between"] == pytest.approx(0.8 * math.log(1.6) + 0.2 * math.log(0.4))


def test_location_quotient_and_median_and_gap():
    # 30 of 100 events in a place with 10 of 200 people: 0.3 / 0.05 = 6
    assert ix.location_quotient(30, 100, 10, 200) == pytest.approx(6.0)
    assert ix.median([5, 1, 3]) == 3
    assert ix.median([4, 1, 3, 2]) == 2.5
    assert ix.gap(20, 8) == 12
    assert ix.gap(3, 8) == 0
    assert ix.trend(0.4, 0.25) == pytest.approx(0.15)
    assert ix.trend(0.4, None) is None


def test_every_formula_is_documented():
    functions = [
        "share",
        "wilson_interval",
        "shannon",
        "evenness",
        "simpson",
        "net_balance",
        "grubel_lloyd",
        "grubel_lloyd_aggregate",
        "hhi",
        "hhi_normalised",
        "gini",
        "theil",
        "theil_decomposition",
        "location_quotient",
        "median",
        "gap",
    ]

    assert [f for f in functions if not getattr(ix, f).__doc__] == []

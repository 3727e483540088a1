# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Integrity analytics on constructed juries whose answer is known."""

import math
import random
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amur.competitions import integrity, scorefile, scoring
from amur.competitions.scoring import ABSENT, RECUSED

# Four contestants, three jurors; J3 is recused for D.
SMALL = {
    "A": {"J1": D(20), "J2": D(22), "J3": D(18)},
    "B": {"J1": D(15), "J2": D(17), "J3": D(19)},
    "C": {"J1": D(10), "J2": D(12), "J3": D(8)},
    "D": {"J1": D(18), "J2": D(16), "J3": RECUSED},
}


def test_leave_one_out_mean_and_deviations_by_hand():
    # Sample variances within contestants: A (20,22,18) 4; B (15,17,19) 4; C (10,12,8) 4;
    # D (18,16) 2 -> pooled SD sqrt((4+4+4+2)/4) = sqrt(3.5).
    assert integrity.pooled_sd(SMALL) == pytest.approx(math.sqrt(3.5))
    assert integrity.loo_mean(SMALL["A"], "J3") == 21.0
    assert integrity.loo_mean(SMALL["D"], "J3") == 17.0

    devs = integrity.deviations(SMALL, "J3")

    # J3: A 18 − 21 = −3; B 19 − 16 = 3; C 8 − 11 = −3; D recused, left out.
    scale = math.sqrt(3.5)
    assert devs == pytest.approx({"A": -3 / scale, "B": 3 / scale, "C": -3 / scale})


def test_agreement_is_spearman_with_the_panel_without_the_juror():
    profile = integrity.juror_profile(SMALL, "J3")

    # J3's scores A 18, B 19, C 8 (ranks 2, 3, 1); panel without J3: A 21, B 16, C 11
    # (ranks 3, 2, 1).  d² = 1 + 1 + 0 = 2 -> 1 − 6·2 / (3·8) = 0.5.
    assert profile.agreement == pytest.approx(0.5)
    assert profile.scored == 3
    assert profile.recused == ["D"]
    assert profile.mean == pytest.approx(15.0)
    assert profile.spread == pytest.approx(math.sqrt(((3) ** 2 + 4**2 + 7**2) / 2))


def test_clamp_count_follows_the_correction():
    # B: mean of 15, 17, 19 = 17.00, cap 1 allows 16..18 -> J1 and J3 clamped.
    # A: mean 20 -> 19..21: J2 (22) and J3 (18) clamped. C: mean 10 -> 9..11: J2, J3.
    profile = integrity.juror_profile(SMALL, "J3", cap=1)

    assert profile.clamped == 3
    assert integrity.juror_profile(SMALL, "J1", cap=1).clamped == 1  # B's 15
    assert integrity.juror_profile(SMALL, "J1", cap=5).clamped == 0


def test_spearman_with_ties_uses_average_ranks():
    assert integrity.average_ranks([3, 1, 3, 2]) == [3.5, 1, 3.5, 2]
    assert integrity.spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1)
    assert integrity.spearman([1, 1, 1], [1, 2, 3]) is None


def test_bimodality_coefficient():
    # Two camps far apart exceed 5/9; a single peak does not.
    # Two equal camps: no skew, kurtosis m4/m2² = 1 -> (0 + 1) / 1 = 1.
    assert integrity.bimodality([5, 5, 5, 5, 20, 20, 20, 20]) == pytest.approx(1)
    assert integrity.bimodality([14, 15, 15, 15, 15, 16, 15, 15]) < integrity.BIMODAL
    assert integrity.bimodality([1, 2, 3]) is None
    assert integrity.bimodality([4, 4, 4, 4]) is None


def test_rivals_are_the_window_around_the_student_in_the_panel_ranking():
    rows = {
        c: {"J1": D(25 - i), "J2": D(25 - i), "X": D(25 - i)} for i, c in enumerate("ABCDEFGHI")
    }
    rows["E"]["X"] = RECUSED

    assert integrity.rivals(rows, "X", window=2) == ["C", "D", "F", "G"]
    assert integrity.rivals(rows, "X", window=1) == ["D", "F"]


def test_permutation_p_is_reproducible_and_never_zero():
    p1 = integrity.permutation_p([-3.0, -3.0], [0.0, 0.1, -0.1, 0.2], seed=7, permutations=999)
    p2 = integrity.permutation_p([-3.0, -3.0], [0.0, 0.1, -0.1, 0.2], seed=7, permutations=999)

    assert p1 == p2
    # Only 1 of 15 relabellings puts both −3 in the group: p ≈ 1/15.
    assert p1 == pytest.approx(1 / 15, abs=0.025)
    assert integrity.permutation_p([5.0], [0.0, 0.0], alternative="less", permutations=99) == 1.0


# ---------------------------------------------------------------- constructed juries


def jury(seed, *, contestants=30, jurors=9, strategic=None, depress=4):
    """A panel on a 1-25 scale: score = quality + juror's leniency + noise, rounded to whole
    points.  Juror X teaches two contestants in the middle of the field (recused); if
    ``strategic``, X takes ``depress`` points off the contestants within three places of them
    in the standings of the rest of the panel (what a juror sitting through the round
    sees; the test never learns who was targeted)."""
    rng = random.Random(seed)
    names = [f"C{i:02d}" for i in range(contestants)]
    quality = {c: 21 - 10 * i / contestants for i, c in enumerate(names)}
    panel = [f"J{i}" for i in range(1, jurors)] + ["X"]
    leniency = {j: rng.gauss(0, 1) for j in panel}
    students = {names[10], names[20]}
    rows = {}
    for c in names:
        cells = {}
        for j in panel:
            if j == "X" and c in students:
                cells[j] = RECUSED
                continue
            value = quality[c] + leniency[j] + rng.gauss(0, 1.5)
            cells[j] = D(min(25, max(1, round(value))))
        rows[c] = cells
    if strategic:
        for c in integrity.rivals(rows, "X", window=3):
            rows[c]["X"] = max(D(1), rows[c]["X"] - depress)
    return rows


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_planted_strategic_juror_is_detected(seed):
    rows = jury(seed, strategic=True)

    test = integrity.rivals_test(rows, "X", permutations=999, seed=seed)

    assert test is not None
    assert test.kind == "rivals"
    assert test.difference < 0
    assert test.p_value < 0.05


def test_honest_panel_false_alarm_rate_is_near_the_level():
    panels = 200
    alarms = sum(
        integrity.rivals_test(jury(seed), "X", permutations=199, seed=seed).p_value < 0.05
        for seed in range(panels)
    )

    # Binomial(200, 0.05): mean 10, sd 3.1; a biased test would leave this band.
    assert 2 <= alarms <= 20


def test_honest_jurors_are_not_flagged_while_the_strategic_one_is():
    rows = jury(11, strategic=True)
    result = integrity.audit(rows, method="corrected-mean", cap=3, quota=10, permutations=999)

    flagged = {t.juror for t in result.tests if t.kind == "rivals" and t.notable}
    assert flagged == {"X"}


def test_country_test_finds_a_favoured_compatriot_group():
    rows = jury(3)
    compatriots = ["C03", "C08", "C14", "C19", "C25"]
    for c in compatriots:
        rows[c]["J1"] = min(D(25), rows[c]["J1"] + 4)
    countries = {"J1": "PL", **dict.fromkeys(compatriots, "PL"), "C01": "CN"}

    test = integrity.country_test(rows, "J1", countries, permutations=999)

    assert test.group == compatriots
    assert test.alternative == "greater"
    assert test.p_value < 0.05
    assert integrity.country_test(rows, "J2", countries) is None  # no country known


def test_circle_test_compares_with_a_colleagues_students():
    rows = jury(5)
    teachers = {"C02": ["J2"], "C07": ["J2"], "C12": ["J2"], "C17": ["J2"], "C22": ["J2"]}
    for c in teachers:
        rows[c]["J1"] = min(D(25), rows[c]["J1"] + 5)

    tests = {t.about: t for t in integrity.circle_tests(rows, "J1", teachers, permutations=999)}

    assert tests["J2"].group == list(teachers)
    assert tests["J2"].p_value < 0.05
    # X's recused students are X's circle even without a teachers list.
    assert tests["X"].group == ["C10", "C20"]


# ---------------------------------------------------------------- robustness, exactly


@pytest.mark.parametrize("method", ["corrected-mean", "trimmed-mean", "mean"])
def test_leave_one_out_equals_scoring_the_reduced_panel(method):
    rows = jury(2)
    robust = integrity.robustness(rows, method=method, cap=D(3), quota=12)

    for variant in robust.leave_one_out():
        reduced = scorefile.Sheet(
            jurors=[j for j in integrity.jurors_of(rows) if j != variant.name],
            rows=integrity.without(rows, variant.name),
        )
        results = scorefile.compute(reduced, method=method, cap=D(3), decimals=2)
        assert variant.outcome.scores == {r.contestant: r.stage_score for r in results}
        totals = {r.contestant: r.stage_score for r in results}
        assert variant.outcome.qualified == sorted(scoring.advancing(totals, 12))


def test_other_methods_and_median_are_computed_exactly():
    rows = {
        "A": {"J1": D(20), "J2": D(21), "J3": D(25), "J4": D(10)},
        "B": {"J1": D(19), "J2": D(19), "J3": D(19), "J4": D(19)},
    }

    robust = integrity.robustness(rows, method="corrected-mean", cap=3, quota=1)
    methods = {v.name: v for v in robust.variants if v.kind == "method"}

    # A: mean 19 -> 16..22: 25 -> 22, 10 -> 16: (20+21+22+16)/4 = 19.75 > B 19.
    assert robust.baseline.scores == {"A": D("19.75"), "B": D("19.00")}
    assert methods["median"].outcome.scores["A"] == D("20.50")
    assert methods["trimmed-mean"].outcome.scores["A"] == D("20.50")
    assert methods["mean"].outcome.scores["A"] == D("19.00")
    # Plain mean ties A with B at the cut: both advance, so B moves in.
    assert methods["mean"].in_ == ["B"]
    assert methods["mean"].out == []
    assert scoring.median({"J1": D(1), "J2": D(2), "J3": RECUSED, "J4": ABSENT}) == D("1.50")


def test_stability_and_hinges():
    # Quota 1; A beats B only thanks to J1.  Without J1, B wins; without anyone else, A wins.
    rows = {
        "A": {"J1": D(25), "J2": D(15), "J3": D(15), "J4": D(15)},
        "B": {"J1": D(10), "J2": D(16), "J3": D(16), "J4": D(16)},
    }

    robust = integrity.robustness(rows, method="mean", cap=None, quota=1)

    assert robust.baseline.qualified == ["A"]
    assert robust.stability == pytest.approx(3 / 4)
    assert robust.hinges() == {"B": ["J1"], "A": ["J1"]}
    corrected = next(v for v in robust.variants if v.name == "corrected-mean")
    assert corrected.outcome is None
    assert "cap" in corrected.problem
    polar = {p.contestant: p for p in integrity.polarisation(rows, robust)}
    assert polar["A"].hinges_on == ["J1"]
    assert polar["A"].range == 10


def test_a_method_that_cannot_score_the_reduced_panel_is_reported():
    rows = {"A": {"J1": D(20), "J2": D(21), "J3": D(22)}}

    robust = integrity.robustness(rows, method="trimmed-mean", cap=None, quota=1)

    assert all(v.outcome is None for v in robust.leave_one_out())
    assert robust.stability is None


def test_polarising_juror_raises_the_contestants_dispersion():
    calm = {p.contestant: p for p in integrity.polarisation(jury(4))}
    split = jury(4)
    for j in ("J1", "J2", "J3", "J4"):
        split["C05"][j] = D(24)
    for j in ("J5", "J6", "J7", "J8"):
        split["C05"][j] = D(8)
    divided = {p.contestant: p for p in integrity.polarisation(split)}

    assert divided["C05"].spread > 3 * calm["C05"].spread
    assert divided["C05"].bimodal
    assert divided["C05"].divided
    assert not calm["C05"].divided
    assert sum(p.divided for p in calm.values()) <= 1

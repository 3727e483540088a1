# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scoring methods against results computed by hand."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amur.competitions import scoring
from amur.competitions.scoring import ABSENT, RECUSED


def sheet(*cells):
    return {
        f"J{i}": (D(c) if isinstance(c, int | str) and c not in (RECUSED, ABSENT) else c)
        for i, c in enumerate(cells, start=1)
    }


def test_corrected_mean_by_hand_with_a_recusal():
    # Eligible 20, 21, 25, 19 (J3 recused): mean 21.25; cap 3 allows 18.25..24.25,
    # so 25 becomes 24.25; (20 + 21 + 24.25 + 19) / 4 = 21.0625 -> 21.06.
    scores = sheet(20, 21, RECUSED, 25, 19)

    mean, corrected = scoring.corrected_scores(scores, 3)

    assert mean == D("21.25")
    assert corrected == {"J1": D(20), "J2": D(21), "J4": D("24.25"), "J5": D(19)}
    assert scoring.corrected_mean(scores, 3) == D("21.06")


def test_recused_juror_is_left_out_never_counted_as_zero():
    assert scoring.corrected_mean(sheet(20, RECUSED, 20), 3) == D("20.00")
    assert scoring.plain_mean(sheet(20, ABSENT, 22), 2) == D("21.00")


def test_score_exactly_cap_away_is_not_corrected():
    # Mean of 18, 18, 18, 22 = 19.00; 22 is exactly 3 away and stays.
    _mean, corrected = scoring.corrected_scores(sheet(18, 18, 18, 22), 3)

    assert corrected["J4"] == D(22)


def test_correction_happens_once_without_iteration():
    # Mean 15.75 -> range 12.75..18.75: 10 becomes 12.75. A second pass would move the
    # mean to 16.44 and correct again; the rule corrects only once.
    scores = sheet(18, 18, 17, 10)

    assert scoring.corrected_scores(scores, 3)[1]["J4"] == D("12.75")
    assert scoring.corrected_mean(scores, 3) == D("16.44")


def test_half_up_differs_from_binary_floats():
    # 2.675 is 2.67499999… as a float, so round() goes down; published results go up.
    assert round(2.675, 2) == 2.67
    assert scoring.round_half_up(D("2.675")) == D("2.68")
    # Three jurors give 2, 3, 3.025 -> mean 2.675 -> 2.68 on a 1-25 continuous scale.
    assert scoring.plain_mean(sheet("2", "3", "3.025")) == D("2.68")


def test_cumulative_uses_rounded_stage_scores():
    # 30/70 of 20.005 (rounded to 20.01 first) and 18.00: 0.3*20.01 + 0.7*18 = 18.603 -> 18.60.
    assert scoring.cumulative([D("20.005"), D("18.00")], [30, 70]) == D("18.60")
    assert scoring.cumulative([D("20.005"), D("18.00")], [D("0.3"), D("0.7")]) == D("18.60")


def test_chopin_final_weights():
    # 0.10*20 + 0.20*21 + 0.35*22 + 0.35*23 = 2 + 4.2 + 7.7 + 8.05 = 21.95
    assert scoring.cumulative([D(20), D(21), D(22), D(23)], [10, 20, 35, 35]) == D("21.95")


def test_trimmed_mean_drops_one_highest_and_one_lowest():
    # 5, 7, 7, 8, 10 -> drop 5 and 10 -> (7 + 7 + 8) / 3 = 7.333 -> 7.33
    assert scoring.trimmed_mean(sheet(5, 7, 7, 8, 10)) == D("7.33")


def test_trimmed_components_round_each_product_before_summing():
    # Component 1: trimmed mean of 7.25, 7.50, 7.75 -> 7.50 x 1.67 = 12.525 -> 12.53;
    # component 2: trimmed mean of 8, 8.25, 9 -> 8.25 x 0.8 = 6.60; total 19.13
    # (unrounded products would give 12.525 + 6.6 = 19.125 -> 19.13 too, so check parts).
    first = (sheet("7.25", "7.50", "7.75"), D("1.67"))
    second = (sheet("8", "8.25", "9"), D("0.8"))

    assert scoring.trimmed_components([first]) == D("12.53")
    assert scoring.trimmed_components([first, second]) == D("19.13")


def test_yes_no_count_with_mean_as_tie_break():
    votes = {"A": (5, D("20.1")), "B": (7, D("18.0")), "C": (5, D("21.3"))}

    assert scoring.yes_no_order(votes) == ["B", "C", "A"]


def test_ranking_method_lowest_total_wins():
    rankings = {
        "J1": {"A": 1, "B": 2, "C": 3},
        "J2": {"A": 2, "B": 1, "C": 3},
        "J3": {"A": 1, "B": 3, "C": 2},
    }

    totals = scoring.rank_sum(rankings)

    assert totals == {"A": D("4.00"), "B": D("6.00"), "C": D("8.00")}
    assert scoring.competition_ranks(totals, higher_is_better=False) == {"A": 1, "B": 2, "C": 3}


def test_everyone_tied_at_the_cut_advances():
    results = {"A": D("21.00"), "B": D("20.50"), "C": D("20.50"), "D": D("19.00")}

    assert scoring.advancing(results, 2) == ["A", "B", "C"]
    assert scoring.competition_ranks(results) == {"A": 1, "B": 2, "C": 2, "D": 4}


scores_strategy = st.lists(st.integers(1, 25), min_size=2, max_size=12)


@given(scores_strategy, st.integers(1, 5))
def test_corrected_score_never_farther_than_cap_from_rounded_mean(values, cap):
    mean, corrected = scoring.corrected_scores(sheet(*values), cap)

    assert all(abs(score - mean) <= cap for score in corrected.values())


@given(scores_strategy, st.integers(1, 5), st.randoms())
def test_permuting_jurors_changes_nothing(values, cap, rng):
    shuffled = values[:]
    rng.shuffle(shuffled)

    assert scoring.corrected_mean(sheet(*values), cap) == scoring.corrected_mean(
        sheet(*shuffled), cap
    )
    assert scoring.plain_mean(sheet(*values)) == scoring.plain_mean(sheet(*shuffled))


@given(scores_strategy, st.integers(1, 25), st.integers(1, 25), st.integers(1, 5))
def test_a_recused_jurors_value_never_influences_the_result(values, one, other, cap):
    with_one = {**sheet(*values), "X": RECUSED, "hidden": D(one)}
    with_other = {**sheet(*values), "X": RECUSED, "hidden": D(other)}
    # What the recused juror "would have given" must not matter: drop it as the service does.
    for scores in (with_one, with_other):
        scores.pop("hidden")

    assert scoring.corrected_mean(with_one, cap) == scoring.corrected_mean(sheet(*values), cap)
    assert scoring.corrected_mean(with_other, cap) == scoring.corrected_mean(sheet(*values), cap)


def test_no_eligible_score_is_an_error_not_zero():
    with pytest.raises(ValueError, match="no eligible score"):
        scoring.corrected_mean(sheet(RECUSED, ABSENT), 3)

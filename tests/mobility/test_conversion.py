# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from amur.mobility.conversion import (
    CreditRule,
    GradeTable,
    convert_credits,
    ects_from_distribution,
)

CN, RU, ECTS = CreditRule.default("cn"), CreditRule.default("ru"), CreditRule.default("ects")


def test_a_year_of_russian_credit_units_is_sixty_ects_at_36_hours():
    # 60 з.е. x 36 h = 2160 h; at 36 h per ECTS credit it stays 60, at 30 h it is 72.
    assert convert_credits(D(60), RU, CreditRule("ects", D(36))) == D("60.0")
    assert convert_credits(D(60), RU, ECTS) == D("72.0")


def test_chinese_credits_at_sixteen_contact_hours():
    # 3 Chinese credits = 48 h = 1.333 Russian credit units -> 1.3; = 1.6 ECTS at 30 h.
    assert convert_credits(D(3), CN, RU) == D("1.3")
    assert convert_credits(D(3), CN, ECTS) == D("1.6")


def test_institution_states_its_own_rule():
    conservatory = CreditRule("cn", D(18))

    assert convert_credits(D(2), conservatory, RU) == D("1.0")


@given(st.decimals(min_value=0, max_value=300, places=1))
def test_round_trip_through_hours_is_exact_without_rounding(credits):
    there = convert_credits(credits, RU, CreditRule("ects", D(36)), places=4)

    assert convert_credits(there, CreditRule("ects", D(36)), RU, places=1) == credits.quantize(
        D("0.1")
    )


@pytest.mark.parametrize(
    ("mark", "russian", "ects"),
    [
        (100, "5", "A"),
        (90, "5", "A"),
        (89.5, "4", "B"),
        (80, "4", "B"),
        (70, "4", "C"),
        (60, "3", "D"),
        (59, "2", "F"),
        (0, "2", "F"),
    ],
)
def test_chinese_marks_at_band_edges(mark, russian, ects):
    table = GradeTable()

    assert table.cn_to_russian(mark) == russian
    assert table.cn_to_ects(mark) == ects


def test_pass_fail_follows_the_chinese_pass_mark():
    table = GradeTable()

    assert table.cn_to_russian(60, pass_fail=True) == "зачёт"
    assert table.cn_to_russian(59, pass_fail=True) == "незачёт"


def test_russian_to_ects_and_back_to_the_same_band():
    table = GradeTable()

    assert [table.russian_to_ects(g) for g in ["5", "4", "3", "2"]] == ["A", "B", "D", "F"]
    assert table.cn_to_russian(table.russian_to_cn_mark("4")) == "4"


def test_out_of_scale_and_unknown_grades_are_refused():
    table = GradeTable()

    with pytest.raises(ValueError, match="outside the Chinese 0–100 scale"):
        table.cn_to_ects(101)
    with pytest.raises(ValueError, match="not a Russian grade"):
        table.russian_to_cn_mark("6")


def test_grade_distribution_table():
    assert [ects_from_distribution(D(p)) for p in (5, 10, 20, 50, 80, 95)] == [
        "A",
        "A",
        "B",
        "C",
        "D",
        "E",
    ]


def test_a_table_of_an_agreement_replaces_the_defaults():
    strict = GradeTable(
        bands=[(95, "5", "A"), (85, "4", "B"), (75, "4", "C"), (60, "3", "D"), (0, "2", "F")]
    )

    assert strict.cn_to_russian(90) == "4"

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest

from amur.talent import levels
from amur.talent.enums import Scheme

TORFL = ["TEU", "TBU", "TORFL-1", "TORFL-2", "TORFL-3", "TORFL-4"]


CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"]


@pytest.mark.parametrize(("level", "cefr"), list(zip(TORFL, CEFR, strict=True)))
def test_torfl_maps_one_to_one_to_cefr_in_both_tables(level, cefr):
    official = levels.comparable(Scheme.TORFL, level, "official")
    teachers = levels.comparable(Scheme.TORFL, level, "teachers")

    assert (official.label, teachers.label) == (cefr, cefr)
    assert "ТРКИ" in official.source


def test_hsk_tables_disagree_and_name_their_sources():
    official = levels.comparable(Scheme.HSK2, "6", "official")
    teachers = levels.comparable(Scheme.HSK2, "6", "teachers")

    assert (official.label, teachers.label) == ("C2", "B2")
    assert official.source == "official HSK claim (HSK 1–6 = A1–C2)"
    assert teachers.source == "Chinese teachers' association table (HSK 6 ≈ B2)"


def test_hsk2_official_claim_is_a1_to_c2():
    labels = [levels.comparable(Scheme.HSK2, str(n)).label for n in range(1, 7)]

    assert labels == ["A1", "A2", "B1", "B2", "C1", "C2"]


def test_hsk3_has_nine_levels_and_teachers_table_is_never_higher():
    assert levels.scheme_levels(Scheme.HSK3) == [str(n) for n in range(1, 10)]
    for level in levels.scheme_levels(Scheme.HSK3):
        official, teachers = levels.both(Scheme.HSK3, level)
        assert teachers <= official


@pytest.mark.parametrize(
    ("scheme", "level", "label"),
    [
        (Scheme.CEFR, "B2", "B2"),
        (Scheme.SELF, "C1", "C1"),
        (Scheme.NATIVE, "native", "native"),
        (Scheme.CATTI, "3", "C1"),
        (Scheme.CATTI, "2", "C2"),
        (Scheme.CATTI, "senior", "C2"),
        (Scheme.CRT, "CRT-4", "B1"),
        (Scheme.CRT, "TFR-8", "C1"),
    ],
)
def test_every_scheme_derives_a_comparable_level_with_a_source(scheme, level, label):
    equivalent = levels.comparable(scheme, level)

    assert equivalent.label == label
    assert equivalent.source


def test_every_level_of_every_scheme_has_both_equivalents_rising_with_the_level():
    for scheme in Scheme.values:
        ranks = [levels.both(scheme, level) for level in levels.scheme_levels(scheme)]
        assert ranks == sorted(ranks)
        assert all(0 <= r <= levels.NATIVE for pair in ranks for r in pair)


def test_level_names_are_shown_in_the_schemes_own_script():
    assert levels.level_name(Scheme.TORFL, "TORFL-2") == "ТРКИ-2"
    assert levels.level_name(Scheme.CATTI, "2") == "二级"

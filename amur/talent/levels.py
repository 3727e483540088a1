# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Language levels per scheme and their comparable level on one common scale.

The common scale is the CEFR's: 1 = A1 … 6 = C2, with 0 for "below A1" and 7 for a native
speaker.  Every derived level names its source, because the schemes' own claims are not
all agreed: for HSK the official claim (HSK 1–6 = A1–C2) and the lower table of the
Chinese teachers' association (Fachverband Chinesisch, HSK 6 ≈ B2) disagree, so both are
kept (``official`` and ``teachers`` columns) and each organisation chooses which it trusts
(:class:`~amur.talent.enums.EquivalenceTable`).  For every other scheme both tables agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from amur.talent.enums import EquivalenceTable, Scheme

BELOW_A1, NATIVE = 0, 7
CEFR_LABELS = ["<A1", "A1", "A2", "B1", "B2", "C1", "C2", "native"]

# Levels per scheme, lowest first, with their display names.
LEVELS: dict[str, list[tuple[str, str]]] = {
    Scheme.NATIVE: [("native", "native")],
    Scheme.CEFR: [(c, c) for c in ("A1", "A2", "B1", "B2", "C1", "C2")],
    Scheme.SELF: [(c, c) for c in ("A1", "A2", "B1", "B2", "C1", "C2")],
    Scheme.HSK2: [(str(n), f"HSK {n}") for n in range(1, 7)],
    Scheme.HSK3: [(str(n), f"HSK {n}") for n in range(1, 10)],
    Scheme.TORFL: [
        ("TEU", "ТЭУ"),
        ("TBU", "ТБУ"),
        ("TORFL-1", "ТРКИ-1"),
        ("TORFL-2", "ТРКИ-2"),
        ("TORFL-3", "ТРКИ-3"),
        ("TORFL-4", "ТРКИ-4"),
    ],
    Scheme.CATTI: [("3", "三级"), ("2", "二级"), ("1", "一级"), ("senior", "资深")],
    # 大学俄语四级 (College Russian Test, band 4), 俄语专业四级 / 八级 (Test for Russian Majors).
    Scheme.CRT: [("CRT-4", "大学俄语四级"), ("TFR-4", "俄语专业四级"), ("TFR-8", "俄语专业八级")],
}

# (official, teachers) comparable level for every scheme level.
_EQUIVALENTS: dict[str, dict[str, tuple[int, int]]] = {
    Scheme.NATIVE: {"native": (NATIVE, NATIVE)},
    Scheme.CEFR: {c: (i, i) for i, c in enumerate(("A1", "A2", "B1", "B2", "C1", "C2"), 1)},
    Scheme.SELF: {c: (i, i) for i, c in enumerate(("A1", "A2", "B1", "B2", "C1", "C2"), 1)},
    Scheme.TORFL: {
        code: (i, i)
        for i, code in enumerate(("TEU", "TBU", "TORFL-1", "TORFL-2", "TORFL-3", "TORFL-4"), 1)
    },
    Scheme.HSK2: {
        "1": (1, 0),
        "2": (2, 1),
        "3": (3, 2),
        "4": (4, 3),
        "5": (5, 3),
        "6": (6, 4),
    },
    Scheme.HSK3: {
        "1": (1, 0),
        "2": (1, 1),
        "3": (2, 1),
        "4": (3, 2),
        "5": (4, 3),
        "6": (4, 3),
        "7": (5, 4),
        "8": (5, 4),
        "9": (6, 5),
    },
    Scheme.CATTI: {"3": (5, 5), "2": (6, 6), "1": (6, 6), "senior": (6, 6)},
    Scheme.CRT: {"CRT-4": (3, 3), "TFR-4": (4, 4), "TFR-8": (5, 5)},
}

_SOURCES = {
    Scheme.NATIVE: (_("native speaker"), _("native speaker")),
    Scheme.CEFR: (_("CEFR certificate"), _("CEFR certificate")),
    Scheme.SELF: (_("self-assessed on the CEFR grid"), _("self-assessed on the CEFR grid")),
    Scheme.TORFL: (
        _("ТРКИ maps one-to-one to CEFR (ТЭУ = A1 … ТРКИ-4 = C2)"),
        _("ТРКИ maps one-to-one to CEFR (ТЭУ = A1 … ТРКИ-4 = C2)"),
    ),
    Scheme.HSK2: (
        _("official HSK claim (HSK 1–6 = A1–C2)"),
        _("Chinese teachers' association table (HSK 6 ≈ B2)"),
    ),
    Scheme.HSK3: (
        _("official HSK 3.0 bands (levels 7–9 advanced)"),
        _("Chinese teachers' association table, lowered for HSK 3.0"),
    ),
    Scheme.CATTI: (
        _("CATTI level descriptors (三级 ≈ C1, 二级 and above ≈ C2)"),
        _("CATTI level descriptors (三级 ≈ C1, 二级 and above ≈ C2)"),
    ),
    Scheme.CRT: (
        _("university Russian test syllabi (四级 ≈ B1/B2, 八级 ≈ C1)"),
        _("university Russian test syllabi (四级 ≈ B1/B2, 八级 ≈ C1)"),
    ),
}


@dataclass(frozen=True)
class Equivalent:
    """A comparable level and where the equivalence comes from."""

    rank: int
    source: str

    @property
    def label(self) -> str:
        return CEFR_LABELS[self.rank]


def scheme_levels(scheme: str) -> list[str]:
    """The level codes of ``scheme``, lowest first."""
    return [code for code, _name in LEVELS[scheme]]


def level_name(scheme: str, level: str) -> str:
    return dict(LEVELS.get(scheme, [])).get(level, level)


def is_valid(scheme: str, level: str) -> bool:
    return scheme in LEVELS and level in scheme_levels(scheme)


def comparable(scheme: str, level: str, table: str = EquivalenceTable.OFFICIAL) -> Equivalent:
    """The comparable level of ``level`` in ``scheme`` by ``table``, with its source."""
    official, teachers = _EQUIVALENTS[scheme][level]
    sources = _SOURCES[scheme]
    if table == EquivalenceTable.TEACHERS:
        return Equivalent(teachers, str(sources[1]))
    return Equivalent(official, str(sources[0]))


def both(scheme: str, level: str) -> tuple[int, int]:
    """(official, teachers) ranks, the two columns stored on a credential."""
    return _EQUIVALENTS[scheme][level]


def rank_of_label(label: str) -> int:
    """``"B2"`` → 4; accepts a common-scale label as a requirement is written."""
    return CEFR_LABELS.index(label)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Credit and grade conversion between Chinese, Russian and ECTS systems, exactly.

Credits are converted through study hours, by the hours-per-credit rule each institution
states. Defaults and their sources:

- Chinese credit (学分): no national rule; 16 contact hours per credit is the common
  practice of Chinese universities (Ministry of Education guidance on undergraduate
  teaching, and most universities' teaching plans). Institutions may state otherwise.
- Russian credit unit (зачётная единица): 36 academic hours; 60 a year (Federal State
  Educational Standards, ФГОС ВО).
- ECTS credit: 25–30 hours of student workload, 60 a year (ECTS Users' Guide 2015);
  the default here is 30, an institution may state 25.

Grades are converted by tables: the Chinese 0–100 scale (60 to pass), the Russian
five-point scale (5 отлично, 4 хорошо, 3 удовлетворительно, 2 неудовлетворительно) with
pass/fail (зачёт/незачёт), and ECTS grades A–F. The default bands are the ones most
often found in Sino-Russian and Erasmus agreements; an agreement may carry its own table,
or a grade-distribution table of the sending institution (ECTS Users' Guide 2015, 4.3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SOURCES = {
    "cn": "16 contact hours per credit: common practice of Chinese universities",
    "ru": "36 academic hours per зачётная единица, 60 per year: ФГОС ВО",
    "ects": "25–30 hours per ECTS credit, 60 per year: ECTS Users' Guide 2015",
}
DEFAULT_HOURS_PER_CREDIT = {"cn": Decimal(16), "ru": Decimal(36), "ects": Decimal(30)}


@dataclass(frozen=True)
class CreditRule:
    """How many hours one credit of an institution stands for."""

    system: str  # "cn", "ru", "ects"
    hours_per_credit: Decimal

    @classmethod
    def default(cls, system: str) -> CreditRule:
        return cls(system, DEFAULT_HOURS_PER_CREDIT[system])


def credits_to_hours(credits: Decimal, rule: CreditRule) -> Decimal:
    return Decimal(credits) * rule.hours_per_credit


def convert_credits(
    credits: Decimal, source: CreditRule, target: CreditRule, places: int = 1
) -> Decimal:
    """Credits of ``source`` as credits of ``target``, through hours, rounded half-up."""
    hours = credits_to_hours(credits, source)
    return (hours / target.hours_per_credit).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


# Grade tables: (lowest Chinese mark of the band, Russian grade, ECTS grade), best first.
DEFAULT_GRADE_TABLE = [
    (90, "5", "A"),
    (80, "4", "B"),
    (70, "4", "C"),
    (60, "3", "D"),
    (0, "2", "F"),
]
RUSSIAN_TO_CN = {"5": 95, "4": 80, "3": 65, "2": 40, "зачёт": 75, "незачёт": 40}
ECTS_TO_CN = {"A": 95, "B": 85, "C": 75, "D": 65, "E": 60, "FX": 45, "F": 30}
PASS_MARK_CN = 60


@dataclass
class GradeTable:
    """A configurable conversion table; ``bands`` are (lowest mark, Russian, ECTS)."""

    bands: list[tuple[int, str, str]] = field(default_factory=lambda: list(DEFAULT_GRADE_TABLE))
    russian_to_cn: dict[str, int] = field(default_factory=lambda: dict(RUSSIAN_TO_CN))
    ects_to_cn: dict[str, int] = field(default_factory=lambda: dict(ECTS_TO_CN))

    def cn_to_russian(self, mark: int | Decimal, *, pass_fail: bool = False) -> str:
        mark = _check_mark(mark)
        if pass_fail:
            return "зачёт" if mark >= PASS_MARK_CN else "незачёт"
        return next(ru for low, ru, _ects in self.bands if mark >= low)

    def cn_to_ects(self, mark: int | Decimal) -> str:
        mark = _check_mark(mark)
        return next(ects for low, _ru, ects in self.bands if mark >= low)

    def russian_to_ects(self, grade: str) -> str:
        return self.cn_to_ects(self.russian_to_cn_mark(grade))

    def russian_to_cn_mark(self, grade: str) -> int:
        try:
            return self.russian_to_cn[grade.strip().lower()]
        except KeyError:
            raise ValueError(f"{grade!r} is not a Russian grade") from None

    def ects_to_cn_mark(self, grade: str) -> int:
        try:
            return self.ects_to_cn[grade.strip().upper()]
        except KeyError:
            raise ValueError(f"{grade!r} is not an ECTS grade") from None


def _check_mark(mark) -> Decimal:
    mark = Decimal(mark)
    if not Decimal(0) <= mark <= Decimal(100):
        raise ValueError(f"{mark} is outside the Chinese 0–100 scale")
    return mark


def ects_from_distribution(percentile: Decimal) -> str:
    """ECTS grade from the student's place in the sending institution's grade distribution
    (percentile from the top: best 10 % A, next 25 % B, next 30 % C, next 25 % D, last 10 % E)."""
    p = Decimal(percentile)
    if not Decimal(0) <= p <= Decimal(100):
        raise ValueError("a percentile lies between 0 and 100")
    for limit, grade in ((10, "A"), (35, "B"), (65, "C"), (90, "D")):
        if p <= limit:
            return grade
    return "E"


def grade_to_cn_mark(grade: str, scale: str, table: GradeTable | None = None) -> Decimal:
    """Any grade as a mark on the Chinese 0–100 scale, the hub every conversion goes through.

    Raises ValueError for a grade that does not belong to ``scale``.
    """
    table = table or GradeTable()
    grade = str(grade).strip()
    if scale == "cn":
        try:
            return _check_mark(Decimal(grade))
        except ArithmeticError:
            raise ValueError(f"{grade!r} is not a mark from 0 to 100") from None
    if scale == "ru":
        if grade.lower() in ("зачёт", "незачёт"):
            raise ValueError(f"{grade!r} is a pass/fail grade, not a five-point one")
        return Decimal(table.russian_to_cn_mark(grade))
    if scale == "passfail":
        if grade.lower() not in ("зачёт", "незачёт"):
            raise ValueError(f"{grade!r} is not зачёт or незачёт")
        return Decimal(table.russian_to_cn_mark(grade))
    if scale == "ects":
        return Decimal(table.ects_to_cn_mark(grade))
    raise ValueError(f"unknown grade scale {scale!r}")


def convert_grade(grade: str, source: str, target: str, table: GradeTable | None = None) -> str:
    """A grade of the ``source`` scale on the ``target`` scale (``cn``, ``ru``, ``ects``).

    A pass/fail grade stays pass/fail on the Russian scale (зачёт is not a five-point grade);
    on the other scales it goes through its conventional mark.
    """
    table = table or GradeTable()
    mark = grade_to_cn_mark(grade, source, table)
    if target == "cn":
        return str(mark.quantize(Decimal(1), ROUND_HALF_UP))
    if target == "ru":
        return table.cn_to_russian(mark, pass_fail=source == "passfail")
    if target == "ects":
        if source == "ects":
            return str(grade).strip().upper()
        return table.cn_to_ects(mark)
    raise ValueError(f"unknown grade scale {target!r}")

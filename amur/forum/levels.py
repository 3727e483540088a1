# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reading levels on one ladder, so that an HSK and a ТРКИ certificate can be compared.

The ladder is CEFR's (1 = A1 … 6 = C2) with 7 for a native reader.  ТРКИ maps one to one
(ТЭУ = A1 … ТРКИ-4 = C2); for HSK the forum uses the official claim (HSK 1–6 = A1–C2,
HSK 3.0 levels 7–9 = C2), which the talent module names as its source.  A reviewer's
levels come from the talent module's credentials when that module provides them, else
from the levels declared to the forum.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

CEFR = ["A1", "A2", "B1", "B2", "C1", "C2"]
TORFL = ["TEU", "TBU", "TORFL-1", "TORFL-2", "TORFL-3", "TORFL-4"]
TORFL_RU = ["ТЭУ", "ТБУ", "ТРКИ-1", "ТРКИ-2", "ТРКИ-3", "ТРКИ-4"]
NATIVE = 7


def rank(scale: str, level: str) -> int:
    """The ladder rung of ``level`` on ``scale`` (0 when unknown)."""
    scale, level = (scale or "").lower(), (level or "").strip()
    if scale == "native":
        return NATIVE
    if scale == "cefr" and level.upper() in CEFR:
        return CEFR.index(level.upper()) + 1
    if scale in ("hsk", "hsk2", "hsk3") and level.isdigit():
        return min(int(level), 6)
    if scale in ("torfl", "trki"):
        for table in (TORFL, TORFL_RU):
            if level.upper() in [t.upper() for t in table]:
                return [t.upper() for t in table].index(level.upper()) + 1
    return 0


def label(language: str, rung: int) -> str:
    """A rung shown in the language's own scale: HSK for Chinese, ТРКИ for Russian."""
    if rung >= NATIVE:
        return _("native")
    if rung <= 0:
        return "—"
    if language == "zh":
        return f"HSK {rung}"
    if language == "ru":
        return TORFL_RU[rung - 1]
    return CEFR[rung - 1]


def _talent_levels(person) -> dict[str, tuple[int, str]]:
    """Reading levels from the talent module's credentials, if it offers them."""
    try:
        from amur.talent import services as talent_services
    except ImportError:  # pragma: no cover - the talent module is optional here
        return {}
    reader = getattr(talent_services, "reading_levels", None)
    if reader is None:
        return {}
    return {lang: (int(r), str(source)) for lang, (r, source) in reader(person).items()}


def reviewer_levels(reviewer) -> dict[str, tuple[int, str]]:
    """``{language: (rung, source)}``: the best of talent credentials and declared levels."""
    levels: dict[str, tuple[int, str]] = {}
    for item in reviewer.languages.all():
        levels[item.language] = (rank(item.scale, item.level), "declared")
    for lang, (rung, source) in _talent_levels(reviewer.person).items():
        if rung > levels.get(lang, (0, ""))[0]:
            levels[lang] = (rung, source)
    return levels

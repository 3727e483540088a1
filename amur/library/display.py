# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""How a record is shown across scripts.

Every text is shown composed (NFC), with the MARC ligature halves (U+FE20, U+FE21) turned
into the one combining tie that fonts draw (U+0361): never a stray combining mark.  A
Russian record catalogued only in ALA-LC romanisation gets its title and authors in
Cyrillic, converted back (``amur.core.transliterate.ala_lc_to_cyrillic``) and marked as a
conversion; a record with the original script (MARC 880) shows both, each with its
language tag, so a Chinese record shows Han and pinyin.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from amur.core.transliterate import (
    CYRILLIC,
    HALF_TIES,
    ala_lc_to_cyrillic,
    is_romanised_russian,
)

HAN = re.compile("[\u3400-\u9fff]")


def shown(text: str | None) -> str:
    """``text`` as it is put on a page: ties joined, combining marks composed."""
    return unicodedata.normalize("NFC", (text or "").translate(HALF_TIES))


@dataclass
class Shown:
    """A text and its other-script form; ``converted`` when that form was computed."""

    text: str
    other: str = ""
    converted: bool = False
    lang: str = ""
    other_lang: str = ""


@dataclass
class RecordDisplay:
    title: Shown
    authors: list[Shown] = field(default_factory=list)


def _is_russian(record) -> bool:
    """Russian first among the record's languages (a Chinese-Russian dictionary is not
    converted: its romanised names may be pinyin)."""
    return (record.languages or "").split(",")[0].strip() == "rus"


def _lang(text: str, record) -> str:
    if HAN.search(text):
        return "zh"
    if CYRILLIC.search(text):
        return "ru"
    if "chi" in (record.languages or ""):
        return "zh-Latn-pinyin"
    if _is_russian(record):
        return "ru-Latn-alalc97"
    return ""


def _shown(text: str, original: str, record) -> Shown:
    text, original = shown(text), shown(original)
    converted = False
    if not original and _is_russian(record) and is_romanised_russian(text):
        original, converted = ala_lc_to_cyrillic(text), True
    other_lang = _lang(original, record) if original else ""
    return Shown(
        text=text,
        other=original,
        converted=converted,
        lang=_lang(text, record),
        other_lang=other_lang,
    )


def record_display(record) -> RecordDisplay:
    return RecordDisplay(
        title=_shown(record.title, record.title_original, record),
        authors=[_shown(a.get("name", ""), a.get("original", ""), record) for a in record.authors],
    )

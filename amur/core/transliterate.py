# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Cyrillic → Latin transliteration for search keys.

The search keys use the Russian passport standard (ICAO Doc 9303, adopted by Russia's
Order No. 889 of 2014): it is the spelling people meet on visas and tickets, it is pure
ASCII, and its ``kh``/``zh``/``ts`` digraphs match most English-language renderings
(Kharbin, Khabarovsk).
"""

ICAO_9303 = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}  # fmt: skip


def cyrillic_to_latin(text: str) -> str:
    """Transliterate lower-case Cyrillic in ``text`` by ICAO 9303; other characters pass."""
    return "".join(ICAO_9303.get(char, char) for char in text)

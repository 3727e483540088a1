# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Cyrillic → Latin transliteration for search keys.

The primary key uses the Russian passport standard (ICAO Doc 9303, adopted by Russia's
Order No. 889 of 2014): the spelling people meet on visas and tickets, pure ASCII, and with
``kh``/``zh``/``ts`` digraphs that match most English renderings (Kharbin, Khabarovsk).
With diacritics folded, the ALA-LC romanisation used by the Library of Congress
(Pushkin, Aleksandr Sergeevich; Chaĭka → chaika) gives the same letters for nearly every
word.  Two variants cover the other spellings readers type: the popular English one
(yu, ya, y, yo: Tolstoy, Dostoyevsky, Yakutsk) and GOST 7.79-2000 system B without
diacritics, where х is written h or x (Habarovsk).
"""

ICAO_9303 = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
}  # fmt: skip

POPULAR = {**ICAO_9303, "й": "y", "ё": "yo", "ъ": "", "ю": "yu", "я": "ya"}
GOST_H = {**POPULAR, "х": "h", "ц": "c", "щ": "shh", "й": "j"}


def cyrillic_to_latin(text: str, table: dict[str, str] = ICAO_9303) -> str:
    """Transliterate lower-case Cyrillic in ``text``; other characters pass unchanged."""
    return "".join(table.get(char, char) for char in text)


def latin_variants(text: str) -> list[str]:
    """The ICAO spelling first, then the other spellings that differ from it."""
    variants: list[str] = []
    for table in (ICAO_9303, POPULAR, GOST_H):
        value = cyrillic_to_latin(text, table)
        if value not in variants:
            variants.append(value)
    return variants

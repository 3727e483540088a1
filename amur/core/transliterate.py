# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Cyrillic → Latin transliteration for search keys, and the Latin spellings of Russian
names that readers type.

The primary key uses the Russian passport standard (ICAO Doc 9303, adopted by Russia's
Order No. 889 of 2014): the spelling people meet on visas and tickets, pure ASCII, and with
``kh``/``zh``/``ts`` digraphs that match most English renderings (Kharbin, Khabarovsk).
With diacritics, ligature ties and the soft and hard signs (ʹ ʺ) dropped, the ALA-LC
romanisation used by the Library of Congress (Pushkin, Aleksandr Sergeevich; Chaĭka →
chaika) gives the same letters except for ъ, which has its own variant.  Two more variants
cover the other spellings found in keys: the popular English one (yu, ya, y, yo: Tolstoy,
Dostoyevsky, Yakutsk) and GOST 7.79-2000 system B without diacritics, where х is written
h or x (Habarovsk).

A reader's Latin query is rewritten the other way (``query_variants``): from the spelling
habits of English, German and French (Rachmaninoff, Puschkin, Tschaikowsky, Pouchkine,
Mandelstam, Dostojewski) to the passport spelling that every key holds.
"""

from __future__ import annotations

import re

ICAO_9303 = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "ie",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}

# ALA-LC with its signs and diacritics dropped: ICAO but for the hard sign (ʺ → nothing).
ALA_LC = {**ICAO_9303, "ъ": ""}
POPULAR = {**ICAO_9303, "й": "y", "ё": "yo", "ъ": "", "ю": "yu", "я": "ya"}
GOST_H = {**POPULAR, "х": "h", "ц": "c", "щ": "shh", "й": "j"}


def cyrillic_to_latin(text: str, table: dict[str, str] = ICAO_9303) -> str:
    """Transliterate lower-case Cyrillic in ``text``; other characters pass unchanged."""
    return "".join(table.get(char, char) for char in text)


def latin_variants(text: str) -> list[str]:
    """The ICAO spelling first, then the other spellings that differ from it."""
    variants: list[str] = []
    for table in (ICAO_9303, ALA_LC, POPULAR, GOST_H):
        value = cyrillic_to_latin(text, table)
        if value not in variants:
            variants.append(value)
    return variants


def _rules(*pairs: tuple[str, str]) -> list[tuple[re.Pattern[str], str]]:
    return [(re.compile(pattern), replacement) for pattern, replacement in pairs]


# Every spelling habit below ends with these rules, which turn the popular English forms
# (Tolstoy, Yakutsk, Dostoyevsky) and GOST 7.79-B (Habarovsk, Kuznecov) into the passport
# (ICAO) form that every key holds — the folded ALA-LC of Library of Congress records
# included.  Upper-case letters are placeholders for sounds already settled.
TO_ICAO = _rules(
    ("shh", "shch"),
    ("^tch", "C"),  # Tchaikovsky
    ("(?<=[kg])y$", "ii"),  # Gorky → gorkii (-кий, -гий)
    ("sk[yi]$", "skii"),  # Dostoyevsky, Dostojewski → dostoevskii (-ский)
    ("(?<=[aeiouy])[yj]e", "e"),  # Dostoyevsky, Dostojewski, novyye: е after a vowel
    ("^[yj]e", "e"),  # Yeltsin, Jelzin: word-initial е
    ("[yj]o", "e"),  # Fyodor, Pjotr: ё
    ("yu", "iu"),
    ("ya", "ia"),
    ("y$", "i"),  # Tolstoy: final й
    ("(?<=[aeiou])y(?=[^aeiou])", "i"),  # Gayvoronskaya: й before a consonant
    ("j", "i"),
    ("x", "kh"),
    ("(?<![kzcsCS])h", "kh"),
    ("c(?!h)", "ts"),
    ("ff$", "v"),  # Rachmaninoff, Turgeneff: the old -ff for final -в
    ("C", "ch"),
    ("S", "sh"),
)
# The habits of other languages, applied before TO_ICAO.
HABITS = [
    # English: ch for х (Rachmaninov, Chabarovsk), -iev, -yev for -ьев (Prokofiev).
    _rules(("tch", "C"), ("ch", "kh"), ("(?<=[bdfgklmnprstvz])[iy]e", "e")),  # Yegoryev
    # German: sch, tsch, w, z, st/sp at a syllable start, j for й (Puschkin, Tschaikowsky,
    # Mandelstam, Zwetajewa, Rachmaninow, Dostojewski, Schostakowitsch).
    _rules(
        ("tsch", "C"),
        ("sch", "S"),
        ("ch", "kh"),
        ("w", "v"),
        ("z", "ts"),
        ("(?<=[lnr])s(?=[tp])", "S"),
        ("^s(?=[tp])", "S"),
        ("ss", "s"),
    ),
    # German again, where s is з and sch ж (snaki, wosbuschdenije, schisni: знаки,
    # возбуждение, жизни): an s starting a syllable before a vowel or a voiced consonant.
    _rules(
        ("tsch", "C"),
        ("sch", "Z"),
        ("ch", "kh"),
        ("w", "v"),
        ("z", "ts"),
        ("(?<![a-zCZ])s(?=[aeiouybdgvmnlr])", "z"),
        ("(?<=[aeiouy])s(?=[bdgvmnlr]|[aeiouy])", "z"),
        ("ss", "s"),
        ("Z", "zh"),
    ),
    # French: ou, ch for ш, tch, j for ж, a silent final e (Pouchkine, Tchékhov,
    # Chostakovitch, Dostoïevski).
    _rules(
        ("tch", "C"),
        ("ch", "S"),
        ("ou", "u"),
        ("j", "Z"),
        ("(?<=[aeiou])ie", "e"),
        ("e$", ""),
        ("Z", "zh"),
    ),
]
# From the passport (ICAO) or ALA-LC form back to the English habits the Library of
# Congress's headings keep (Tolstoy, Gorky, Dostoyevsky, Tchaikovsky): a reader who types
# the scholarly form finds records that carry the popular one.
TO_ENGLISH = _rules(
    ("skii$", "sky"),
    ("(?<=[kg])ii$", "y"),  # Gorkii → Gorky
    ("(?<=[aeou])i$", "y"),  # Tolstoi → Tolstoy, Nikolai → Nikolay
    ("(?<=[aeiou])e", "ye"),  # Dostoevsky → Dostoyevsky
    ("ia", "ya"),
    ("iu", "yu"),
)
ASCII_WORD = re.compile(r"[a-z]+")


def _apply(rules, term: str) -> str:
    for pattern, replacement in rules:
        term = pattern.sub(replacement, term)
    return term


def query_variants(term: str) -> list[str]:
    """A typed Latin word, then its passport (ICAO) spelling and the ones its German,
    French and English habits give, and the English form of the passport spelling, each
    once; any other term alone."""
    if not ASCII_WORD.fullmatch(term):
        return [term]
    spellings = [term, _apply(TO_ICAO, term)]
    spellings += [_apply(TO_ICAO, _apply(habit, term)) for habit in HABITS]
    spellings += [_apply(TO_ENGLISH, spellings[1])]
    return list(dict.fromkeys(s for s in spellings if s))


# ALA-LC back to Cyrillic ------------------------------------------------------------------
#
# ALA-LC romanisation is reversible where its diacritics and ligature ties are kept: ĭ is й,
# ė is э, ë is ё, ʹ and ʺ are ь and ъ, and a tie (t͡s, i͡a, i͡u; in MARC records the halves
# U+FE20 and U+FE21) marks ц, я and ю, so that "ts" and "ia" without one are тс and ия.
# Records that lost their ties get the likelier reading: я and ю at the start of a word and
# after a vowel, ц at the start of a word.
TIE = "\u0361"
HALF_TIES = str.maketrans({"\ufe20": TIE, "\ufe21": ""})
FROM_ALA_LC = {
    "shch": "щ",
    "t" + TIE + "s": "ц",
    "i" + TIE + "a": "я",
    "i" + TIE + "u": "ю",
    "i" + TIE + "e": "ѣ",
    "zh": "ж",
    "kh": "х",
    "ch": "ч",
    "sh": "sh",
    "i\u0306": "й",
    "e\u0307": "э",
    "e\u0308": "ё",
    "\u02b9": "ь",
    "\u02ba": "ъ",
    "a": "а",
    "b": "б",
    "v": "в",
    "g": "г",
    "d": "д",
    "e": "е",
    "z": "з",
    "i": "и",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "t": "т",
    "u": "у",
    "f": "ф",
    "y": "ы",
}
FROM_ALA_LC["sh"] = "ш"
_ALA_LC_TOKEN = re.compile(
    "|".join(re.escape(k) for k in sorted(FROM_ALA_LC, key=len, reverse=True)), re.IGNORECASE
)
_UNTIED = _rules(
    (r"(?<![a-z\u0306\u02b9\u02ba])ts(?=[a-z])", "t" + TIE + "s"),  # word start: Tsvetaeva
    (r"(?<![a-z\u0306\u02b9\u02ba])i([au])", "i" + TIE + r"\1"),  # word start: Iakov
    (r"(?<=[aeiouy\u02b9\u02ba])i([au])", "i" + TIE + r"\1"),  # after a vowel: Maiakovskii
    (r"(?<=i)i([au])(?![a-z])", "i" + TIE + r"\1"),  # -iia, -iiu: Rossiia
)
# ... and records that lost their breves: й after a vowel at the end of a word (Tolstoi,
# Sergei, Nikolai; -ii stays и: Rossii).
_UNMARKED = _rules((r"(?<=[aeouy])i(?![a-z\u0361\u0306])", "i\u0306"))
ROMAN = re.compile("[IVXLC]{2,}")  # centuries and volumes: XVIII, IV
WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f\u02b9\u02ba])+")
CYRILLIC = re.compile("[\u0400-\u04ff]")
LATIN = re.compile("[A-Za-z]")


def _case_like(latin: str, cyrillic: str) -> str:
    if latin[0].isupper():
        return cyrillic.upper() if len(latin) > 1 and latin.isupper() else cyrillic.capitalize()
    return cyrillic


def _word_to_cyrillic(word: str, rules) -> str:
    if ROMAN.fullmatch(word):
        return word
    if rules:
        lowered = word.lower()
        for pattern, replacement in rules:
            lowered = pattern.sub(replacement, lowered)
        # The marks added to the lower-case word, with the original letters' case.
        cased, position = [], 0
        for char in lowered:
            if char in (TIE, "\u0306") and word[position : position + 1] != char:
                cased.append(char)
                continue
            cased.append(word[position])
            position += 1
        word = "".join(cased)
    return _ALA_LC_TOKEN.sub(
        lambda m: _case_like(m.group(0), FROM_ALA_LC[m.group(0).lower()]), word
    )


def ala_lc_to_cyrillic(text: str) -> str:
    """Russian written in ALA-LC romanisation, in Cyrillic again (``Evgeniĭ Onegin`` →
    ``Евгений Онегин``); Roman numerals, digits and punctuation pass unchanged."""
    import unicodedata

    text = unicodedata.normalize("NFD", text.translate(HALF_TIES))
    rules = [] if TIE in text else list(_UNTIED)
    if TIE not in text and "\u0306" not in text:
        rules += _UNMARKED
    converted = WORD.sub(lambda m: _word_to_cyrillic(m.group(0), rules), text)
    return unicodedata.normalize("NFC", converted)


def is_romanised_russian(text: str) -> bool:
    """Latin letters and no Cyrillic: a Russian text the catalogue holds only romanised."""
    return bool(LATIN.search(text)) and not CYRILLIC.search(text)

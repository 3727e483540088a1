# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Search keys that let every script find every other: 哈尔滨 = Харбин = Harbin = ha er bin.

``normalise(text)`` turns a name or title into one string of space-separated keys:
the case-folded text, its Cyrillic transliterated to Latin, and its Han characters as
toneless pinyin both syllable by syllable and run together.  Services store
``search_keys(*texts)`` in a ``search_keys`` column; ``search_filter(query)`` builds the
matching ``Q`` for a user's query.  Databases never compare raw multilingual columns.
"""

from __future__ import annotations

import re
import unicodedata
import warnings

import zhconv.zhconv
from django.db.models import Q
from pypinyin import Style, lazy_pinyin
from zhconv import convert

from amur.core.transliterate import cyrillic_to_latin, latin_variants

# zhconv reads its dictionary through a file it never closes; load it once, here, and
# keep its ResourceWarning out of every caller's way.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ResourceWarning)
    zhconv.zhconv.loaddict()

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    # Strip Latin diacritics (Schönfeld → schonfeld) but keep Cyrillic й and ё intact
    # until transliteration, which has its own rules for them.
    decomposed = unicodedata.normalize("NFD", text)
    kept = []
    for char in decomposed:
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _words(text: str) -> list[str]:
    return [word for word in NON_WORD.split(text) if word]


def _pinyin_forms(han: str) -> tuple[str, str]:
    simplified = convert(han, "zh-cn")
    syllables = [s for s in lazy_pinyin(simplified, style=Style.NORMAL) if s.strip()]
    return " ".join(syllables), "".join(syllables)


def normalise(text: str | None) -> str:
    """All search keys of ``text`` as one space-separated, de-duplicated string."""
    if not text:
        return ""
    folded = _fold(text)
    keys: list[str] = []
    keys.extend(_words(folded))
    if CYRILLIC.search(folded):
        for variant in latin_variants(folded):
            keys.extend(_words(variant))
    if HAN.search(folded):
        simplified = convert(folded, "zh-cn")
        if simplified != folded:
            keys.extend(_words(simplified))
        for run in HAN_RUN.findall(folded):
            spaced, joined = _pinyin_forms(run)
            keys.extend(spaced.split())
            keys.append(joined)
    seen: dict[str, None] = {}
    for key in keys:
        seen.setdefault(key, None)
    return " ".join(seen)


def search_keys(*texts: str | None) -> str:
    """The value for a ``search_keys`` column built from several names or titles."""
    return normalise(" ".join(t for t in texts if t))


def query_terms(query: str | None) -> list[str]:
    """The terms a query must all match: Han runs as their joined pinyin, others folded.

    "ha er bin" → ["ha", "er", "bin"]; "哈尔滨" → ["haerbin"]; "Харбин" → ["kharbin"];
    whichever the reader types, each term is looked for as a substring of the keys.
    """
    if not query or not query.strip():
        return []
    folded = _fold(query)
    terms: list[str] = []
    for word in _words(folded):
        if HAN.search(word):
            for run in HAN_RUN.findall(word):
                terms.append(_pinyin_forms(run)[1])
            rest = HAN_RUN.sub(" ", word).split()
            terms.extend(rest)
        elif CYRILLIC.search(word):
            terms.extend(_words(cyrillic_to_latin(word)))
        else:
            terms.append(word)
    return terms


# Latin spellings of Russian words that readers type but keys do not hold: the popular
# English forms (Tolstoy, Yakutsk, Dostoyevsky) and GOST 7.79-B (Habarovsk, Kuznecov),
# rewritten to the passport (ICAO) form that every key holds — the folded ALA-LC of
# Library of Congress records included. Applied in order to an ASCII term.
TO_ICAO = [
    (re.compile(r"shh"), "shch"),
    (re.compile(r"^tch"), "ch"),  # Tchaikovsky
    (re.compile(r"sky$"), "skii"),  # Dostoyevsky → dostoevskii (-ский)
    (re.compile(r"(?<=[aeiou])ye"), "e"),  # Dostoyevsky: е after a vowel
    (re.compile(r"^ye"), "e"),  # Yeltsin: word-initial е
    (re.compile(r"yu"), "iu"),
    (re.compile(r"ya"), "ia"),
    (re.compile(r"yo"), "e"),
    (re.compile(r"y$"), "i"),  # Tolstoy: final й
    (re.compile(r"j"), "i"),
    (re.compile(r"x"), "kh"),
    (re.compile(r"(?<![kzcs])h"), "kh"),
    (re.compile(r"c(?!h)"), "ts"),
]
ASCII_WORD = re.compile(r"[a-z]+")


def term_alternatives(term: str) -> list[str]:
    """The term itself and, for a Latin word, its passport (ICAO) spelling if different."""
    if not ASCII_WORD.fullmatch(term):
        return [term]
    icao = term
    for pattern, replacement in TO_ICAO:
        icao = pattern.sub(replacement, icao)
    return [term] if icao == term else [term, icao]


def query_alternatives(query: str | None) -> list[list[str]]:
    """For each query term, the spellings any of which may match it."""
    return [term_alternatives(term) for term in query_terms(query)]


def search_filter(query: str | None, field: str = "search_keys") -> Q:
    """A ``Q`` requiring every query term in ``field`` in one of its spellings
    (an empty query matches all)."""
    condition = Q()
    for spellings in query_alternatives(query):
        either = Q()
        for spelling in spellings:
            either |= Q(**{f"{field}__contains": spelling})
        condition &= either
    return condition

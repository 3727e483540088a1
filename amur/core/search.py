# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Search keys that let every script find every other: 哈尔滨 = Харбин = Harbin = ha er bin.

``normalise(text)`` turns a name or title into one string of space-separated keys:
the case-folded text (romanisation signs and ligature ties dropped), its Cyrillic
transliterated to Latin, its Han characters as toneless pinyin both syllable by syllable
and run together, and the whole text run together (so that "Pu xi jin" also holds
"puxijin", which is what a Han query becomes).  Services store ``search_keys(*texts)`` in
a ``search_keys`` column; ``search_filter(query)`` builds the matching ``Q`` for a user's
query.  Databases never compare raw multilingual columns.
"""

from __future__ import annotations

import csv
import functools
import itertools
import re
import unicodedata
import warnings
from pathlib import Path

import zhconv.zhconv
from django.db.models import Q
from pypinyin import Style, lazy_pinyin, pinyin
from zhconv import convert

from amur.core.transliterate import cyrillic_to_latin, latin_variants, query_variants

# zhconv reads its dictionary through a file it never closes; load it once, here, and
# keep its ResourceWarning out of every caller's way.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", ResourceWarning)
    zhconv.zhconv.loaddict()

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
# Signs written inside a word that a reader does not type: the ALA-LC soft and hard signs
# (ʹ ʺ for ь ъ), the apostrophes used for them in English and in pinyin (Xi'an), primes.
# They are dropped, not turned into spaces, so "sovestʹiu" and "sovest'iu" = "sovestiu".
SIGNS = dict.fromkeys(map(ord, "\u02b9\u02ba\u02bb\u02bc\u02bd\u2018\u2019\u2032\u2033'`´"))
# The whole text run together is kept up to this length (a title's, a name's).
COMPACT_MAX = 120


def _fold(text: str) -> str:
    if text.isascii():
        # ASCII is its own NFKC, NFD and NFC and holds no combining mark: most of what a
        # catalogue keys (English titles, publishers, subjects) takes this way.
        return text.translate(SIGNS).casefold()
    text = unicodedata.normalize("NFKC", text).translate(SIGNS).casefold()
    # Strip combining marks — Latin diacritics (Schönfeld → schonfeld) and the ALA-LC
    # ligature ties (t͡s, i︠a︡) wherever they sit — but keep Cyrillic й and ё intact
    # until transliteration, which has its own rules for them.
    decomposed = unicodedata.normalize("NFD", text)
    if not any(map(unicodedata.combining, decomposed)):
        # Nothing to strip (Han, most Cyrillic): NFC undoes the decomposition alone.
        return unicodedata.normalize("NFC", decomposed)
    kept: list[str] = []
    for char in decomposed:
        if unicodedata.combining(char):
            if kept and CYRILLIC.match(kept[-1]):
                kept.append(char)
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _words(text: str) -> list[str]:
    return [word for word in NON_WORD.split(text) if word]


def _syllables(han: str, readings: frozenset[str] | None = None) -> list[str]:
    """Toneless pinyin of a Han run, one syllable per character.  Where a character has
    several readings and ``readings`` (the syllables of the record's own romanised fields)
    names another one than the dictionary's choice, that one is taken."""
    simplified = convert(han, "zh-cn")
    syllables = lazy_pinyin(simplified, style=Style.NORMAL)
    if readings and len(syllables) == len(simplified):
        for index, (char, syllable) in enumerate(zip(simplified, syllables, strict=True)):
            if syllable in readings:
                continue
            others = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
            chosen = next((s for s in others if s in readings), None)
            if chosen:
                syllables[index] = chosen
    return [s for s in syllables if s.strip()]


def _pinyin_forms(han: str, readings: frozenset[str] | None = None) -> tuple[str, str]:
    syllables = _syllables(han, readings)
    return " ".join(syllables), "".join(syllables)


def _compact(words: list[str]) -> list[str]:
    """The words run together, when there are several: the form a Han query's pinyin or a
    phrase takes ("Zhongguo li shi" → "zhongguolishi")."""
    latin = [w for w in words if not HAN.search(w)]
    if len(latin) < 2:
        return []
    joined = "".join(latin)
    return [joined[:COMPACT_MAX]]


@functools.lru_cache(maxsize=1 << 16)
def _keys(text: str | None, readings: frozenset[str] | None = None) -> tuple[str, ...]:
    """The keys of one text.  Remembered: an import keys the same publishers, places,
    subjects and names thousands of times over."""
    if not text:
        return ()
    folded = _fold(text)
    words = _words(folded)
    keys: list[str] = list(words)
    if CYRILLIC.search(folded):
        variants = latin_variants(folded)
        for variant in variants:
            keys.extend(_words(variant))
        keys.extend(_compact(_words(variants[0])))
    else:
        keys.extend(_compact(words))
    if HAN.search(folded):
        simplified = convert(folded, "zh-cn")
        if simplified != folded:
            keys.extend(_words(simplified))
        runs = [_pinyin_forms(run, readings) for run in HAN_RUN.findall(folded)]
        for spaced, joined in runs:
            keys.extend(spaced.split())
            keys.append(joined)
        if len(runs) > 1:
            # The runs together, across the spaces and marks between them: the Library of
            # Congress writes 世运　与　命运 with ideographic spaces between words, which a
            # reader typing 世运与命运 or "shiyunyumingyun" does not.
            keys.append("".join(joined for _spaced, joined in runs)[:COMPACT_MAX])
    return tuple(keys)


def folded_words(text: str | None) -> list[str]:
    """The words of ``text`` as they stand among its keys: case-folded, signs dropped,
    in their own script.  A word of a name is a substring of its record's keys."""
    return _words(_fold(text or ""))


def _unique(keys) -> str:
    return " ".join(dict.fromkeys(key for key in keys if key))


def normalise(text: str | None, readings: frozenset[str] | None = None) -> str:
    """All search keys of ``text`` as one space-separated, de-duplicated string."""
    return _unique(_keys(text, readings))


def search_keys(*texts: str | None, readings: frozenset[str] | None = None) -> str:
    """The value for a ``search_keys`` column built from several names or titles (each
    keyed on its own, so that runs never join two of them), and the other readings of
    their Han characters that ``readings`` does not settle (``_other_readings``)."""
    keys = [key for text in texts for key in _keys(text, readings)]
    keys += [key for text in texts for key in _other_readings(text, readings)]
    return _unique(keys)


@functools.lru_cache(maxsize=1 << 14)
def _readings_of(char: str) -> tuple[str, ...]:
    """The toneless readings of one (simplified) Han character, the dictionary's first."""
    return tuple(dict.fromkeys(pinyin(char, style=Style.NORMAL, heteronym=True)[0]))


@functools.lru_cache(maxsize=1 << 15)
def _other_readings(text: str | None, readings: frozenset[str] | None = None) -> tuple[str, ...]:
    """Every reading of the Han characters of ``text`` that have several, when none of
    them is among ``readings`` (a record's own romanisation): a record held in
    characters alone keys 的 as de and di, so that a reader typing the Library of
    Congress's "di" finds it, as one typing pypinyin's "de" does."""
    if not text or text.isascii():
        return ()
    folded = _fold(text)
    others: list[str] = []
    for run in HAN_RUN.findall(folded):
        for char in convert(run, "zh-cn"):
            choices = _readings_of(char)
            if len(choices) > 1 and not (readings and readings.intersection(choices)):
                others.extend(choices)
    return tuple(others)


def romanised_syllables(*texts: str | None) -> frozenset[str]:
    """The Latin words of a record's romanised fields: the readings its Han characters
    take (``normalise(..., readings=...)``)."""
    return frozenset(
        word
        for text in texts
        if text and not HAN.search(text)
        for word in _words(_fold(text))
        if word.isascii()
    )


def query_terms(query: str | None) -> list[str]:
    """The terms a query must all match: Han runs as their joined pinyin, others folded.

    "ha er bin" → ["ha", "er", "bin"]; "哈尔滨" → ["haerbin"]; "Харбин" → ["kharbin"];
    whichever the reader types, each term is looked for as a substring of the keys.
    """
    # The first spelling of each group of query_alternatives, without working out the
    # others (an import keys every title and subject this way: see library.marc.exact_key).
    terms: list[str] = []
    for word in _words(_fold(query or "")):
        if HAN.search(word):
            terms += ["".join(_syllables(convert(run, "zh-cn"))) for run in HAN_RUN.findall(word)]
            terms += HAN_RUN.sub(" ", word).split()
        elif CYRILLIC.search(word):
            spellings = [_words(v) for v in latin_variants(word)]
            for parts in itertools.zip_longest(*spellings, fillvalue=""):
                terms += [next(p for p in parts if p)] if any(parts) else []
        else:
            terms.append(word)
    return terms


# A Han query character with several readings is also tried in its other readings, up to
# this many spellings of one run.
HAN_SPELLINGS = 8


def _han_alternatives(run: str) -> list[str]:
    simplified = convert(run, "zh-cn")
    default = _syllables(simplified)
    spellings = ["".join(default)]
    if len(default) == len(simplified):
        # The default with one character read otherwise, character by character: the
        # record's romanisation differs from the dictionary's choice by one character far
        # more often than by several (的 as di), wherever that character stands.
        switched = (
            "".join([*default[:index], other, *default[index + 1 :]])
            for index, char in enumerate(simplified)
            for other in _readings_of(char)
            if other != default[index]
        )
        spellings += itertools.islice(switched, HAN_SPELLINGS)
    if len(simplified) >= 3:
        # The characters themselves find a record whose reading differs from all of these.
        spellings.append(simplified)
    return list(dict.fromkeys(_with_u(spellings)))


# pypinyin writes ü as v (lv, nv, as Chinese keyboards type it); the Library of Congress
# writes lü, folded to lu.  A pinyin spelling with one is also tried with the other.
U_FOR_V = re.compile(r"(?<=[ln])v")
V_FOR_U = re.compile(r"(?<=[ln])u(?=e|$|[^aeioung])")


def _with_u(spellings: list[str]) -> list[str]:
    return [*spellings, *(U_FOR_V.sub("u", s) for s in spellings if U_FOR_V.search(s))]


def term_alternatives(term: str) -> list[str]:
    """The term itself and, for a Latin word, the other spellings of the same Russian
    name (passport, ALA-LC, German, French, English habits: see transliterate), and, for
    pinyin with ü, its spelling in v or u."""
    spellings = query_variants(term)
    if term.isascii() and re.search("[ln][uv]", term) and _is_pinyin(term):
        spellings += [U_FOR_V.sub("u", term), V_FOR_U.sub("v", term)]
    return list(dict.fromkeys(spellings))


DATA = Path(__file__).parent / "data"
# Fewer letters than this cannot be looked up in the trigram indexes (SQLite FTS5,
# PostgreSQL pg_trgm): a spelling that short makes the database read every row.
TRIGRAM = 3


def _compact_spellings(name: str) -> list[str]:
    """The spellings of a whole name run together, as a query for it would look them up.
    A Han name is spelt in pinyin, and in characters too when it has three or more: the
    keys of a record hold the pinyin of its characters anyway, and two characters alone
    could not use the index."""
    folded = _fold(name)
    if HAN.search(folded):
        simplified = convert(folded, "zh-cn")
        runs = HAN_RUN.findall(simplified)
        spelt = ["".join(_syllables(runs[0]))] if runs else []
        return [*spelt, *([folded] if len(folded) >= TRIGRAM else [])]
    if CYRILLIC.search(folded):
        return ["".join(_words(variant)) for variant in latin_variants(folded)]
    return ["".join(_words(folded))]


def _reference_names():
    """Each place of core/data/places.csv and each name of core/data/names.csv as the list
    of its names in every language."""
    with (DATA / "places.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names = [row["name_zh"], row["name_ru"], row["name_en"]]
            yield names + [n[:-1] for n in names if len(n) > 2 and n[-1] in "市省"]  # 北京市
    with (DATA / "names.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            other = [n for n in row["other"].split("|") if n]
            yield [row["name_zh"], row["name_ru"], row["name_en"], *other]


@functools.cache
def name_spellings() -> dict[str, tuple[str, ...]]:
    """Each place and name of the reference data by any of its names run together and
    folded → every name's spellings: 哈尔滨, Харбин and Harbin are one place, as are
    Москва, Moskva and Moscow, and 普希金, Пушкин and Pushkin one writer, whose records the
    catalogue holds under the English, the Russian or the Chinese name."""
    by_name: dict[str, tuple[str, ...]] = {}
    for names in _reference_names():
        forms = {name: _compact_spellings(name) for name in names if name}
        spellings = tuple(dict.fromkeys(s for spelt in forms.values() for s in spelt))
        for name, spelt in forms.items():
            for key in ("".join(_words(_fold(name))), *spelt):
                # A name of two rows (Tibet, a division and a name) has both rows' spellings.
                by_name[key] = tuple(dict.fromkeys([*by_name.get(key, ()), *spellings]))
    return by_name


@functools.cache
def _pinyin_syllables() -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    def toneless(reading: str) -> str:
        return "".join(
            c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c)
        )

    readings = {r for value in pinyin_dict.values() for r in value.split(",")}
    # ü as u (the Library of Congress, folded) and as v (keyboards: lv, nve).
    return frozenset(toneless(r) for r in readings) | {
        toneless(unicodedata.normalize("NFD", r).replace("u\u0308", "v")) for r in readings
    }


def _is_pinyin(word: str) -> bool:
    """Whether ``word`` is one or more toneless pinyin syllables ("ha", "erbin")."""
    syllables = _pinyin_syllables()
    ends = {0}
    for end in range(1, len(word) + 1):
        if any(
            start in ends and word[start:end] in syllables for start in range(max(0, end - 6), end)
        ):
            ends.add(end)
    return len(word) in ends


def query_alternatives(query: str | None) -> list[list[str]]:
    """For each query term, the spellings any of which may match it (the first one is
    the term as typed, folded).  A query that is a name of the reference data in any
    language (a place, a writer: ``name_spellings``) is also looked up under its names in
    the others, when the name is one word, one run of Han characters or pinyin typed
    syllable by syllable ("ha er bin", "pu xi jin")."""
    if not query or not query.strip():
        return []
    groups = _term_groups(query)
    words = _words(_fold(query))
    joined = "".join(words)
    # Several words are joined only when they are pinyin: a name of several words would
    # need its words matched as a whole, which the terms (each matched on its own) cannot
    # say ("Saint Petersburg" is two terms).
    if len(groups) != 1 and not (len(words) > 1 and all(_is_pinyin(w) for w in words)):
        return groups
    names = name_spellings()
    # The name as typed, else in one of its other spellings (Dostojewski is dostoevskii).
    key = joined if joined in names else next((s for s in groups[0] if s in names), None)
    spellings = names.get(key) if len(groups) == 1 else names.get(joined)
    if spellings is None:
        return groups
    typed = groups[0] if len(groups) == 1 else [joined]
    return [list(dict.fromkeys([*typed, *spellings]))]


def _term_groups(query: str) -> list[list[str]]:
    groups: list[list[str]] = []
    for word in _words(_fold(query)):
        if HAN.search(word):
            for run in HAN_RUN.findall(word):
                groups.append(_han_alternatives(run))
            groups.extend([w] for w in HAN_RUN.sub(" ", word).split())
        elif CYRILLIC.search(word):
            spellings = [_words(v) for v in latin_variants(word)]
            for parts in itertools.zip_longest(*spellings, fillvalue=""):
                groups.append(list(dict.fromkeys(p for p in parts if p)))
        else:
            groups.append(term_alternatives(word))
    return [g for g in groups if g]


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


def cyrillic_key(text: str) -> str:
    """``text`` folded, with Cyrillic as its passport spelling (used for exact keys)."""
    return cyrillic_to_latin(_fold(text))


def text_matches(query: str | None, *texts: str | None) -> bool:
    """Whether ``texts`` match ``query`` as ``search_filter`` would match their keys: for
    the few rows of a model that stores no ``search_keys`` column (competitions, calls)."""
    keys = search_keys(*texts)
    return all(
        any(spelling in keys for spelling in spellings) for spellings in query_alternatives(query)
    )

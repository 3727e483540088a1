# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""People's names across scripts: who is the same person, and where a name still shows.

Names are compared through core's search normalisation (``query_terms``: Han as pinyin,
Cyrillic in the passport transliteration, Latin folded and respelt): 李长妮, "Li Changni"
and "Ли Чанни" give the same forms, as do "Иванов Иван Петрович" and "Ivan Ivanov".
"""

from __future__ import annotations

import re
from itertools import permutations

from pypinyin import Style, pinyin
from zhconv import convert

from amur.core.search import query_terms, term_alternatives
from amur.core.transliterate import latin_variants

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"\w+", re.UNICODE)
MASK = "■■■"


def _tokens(text: str) -> list[str]:
    tokens = []
    for term in query_terms(text):
        tokens.append(term_alternatives(term)[-1])
    return tokens


def _han_readings(name: str, limit: int = 16) -> set[str]:
    han = "".join(HAN.findall(convert(name, "zh-cn")))
    readings = [""]
    for options in pinyin(han, style=Style.NORMAL, heteronym=True):
        readings = [r + o for r in readings for o in options][:limit]
    return set(readings)


def name_forms(*names: str) -> set[str]:
    """Script-independent forms of a person's names: the tokens run together in any order,
    also without a middle name or patronymic."""
    forms: set[str] = set()
    for name in names:
        tokens = _tokens(name or "")
        if not tokens:
            continue
        if HAN.search(name):
            # 李长妮 comes as one run, surname first; a character read two ways (长: chang,
            # zhang) gives every reading, since names often take the rarer one.
            forms |= _han_readings(name)
            continue
        groups = [tokens]
        if len(tokens) == 3:
            groups += [tokens[:2], [tokens[0], tokens[2]]]
        for group in groups:
            if len(group) <= 4:
                forms.update("".join(p) for p in permutations(group))
    return forms


def person_forms(person) -> set[str]:
    return name_forms(person.name, person.name_latin, person.name_zh, person.name_ru)


def same_person(a, b) -> bool:
    """The same row, or two entries whose names agree across scripts."""
    if a.pk == b.pk:
        return True
    return bool(person_forms(a) & person_forms(b))


# Where a name shows in a text -----------------------------------------------------------


def _name_patterns(person) -> list[re.Pattern]:
    """Patterns finding ``person`` in a text in any script; each pattern is one sighting."""
    patterns: list[re.Pattern] = []
    for name in {person.name, person.name_latin, person.name_zh, person.name_ru}:
        if not name or not name.strip():
            continue
        if HAN.search(name):
            for form in {name.replace(" ", ""), convert(name.replace(" ", ""), "zh-cn")}:
                patterns.append(re.compile(re.escape(form)))
            continue
        words = [w for w in WORD.findall(name) if len(w) >= 2]
        spellings = [words]
        if any("\u0400" <= ch <= "\u04ff" for ch in name):
            spellings += [WORD.findall(v) for v in latin_variants(name.casefold())]
        for group in spellings:
            # A surname of five letters or more is enough; shorter words count in pairs.
            long = [w for w in group if len(w) >= 5]
            for word in long:
                patterns.append(re.compile(rf"\b{re.escape(word)}\w*", re.IGNORECASE))
            if len(group) >= 2 and not long:
                first, second = group[0], group[-1]
                patterns.append(
                    re.compile(
                        rf"\b{re.escape(first)}\w*\W+{re.escape(second)}\w*"
                        rf"|\b{re.escape(second)}\w*\W+{re.escape(first)}\w*",
                        re.IGNORECASE,
                    )
                )
    return patterns


def _organisation_patterns(organisation) -> list[re.Pattern]:
    names = [
        organisation.name_zh,
        organisation.name_ru,
        organisation.name_en,
        organisation.short_name,
    ]
    return [re.compile(re.escape(n.strip()), re.IGNORECASE) for n in names if n and n.strip()]


def identity_patterns(people, organisations) -> list[re.Pattern]:
    patterns: list[re.Pattern] = []
    for person in people:
        patterns += _name_patterns(person)
    for organisation in organisations:
        patterns += _organisation_patterns(organisation)
    return patterns


def sightings(text: str, patterns) -> list[str]:
    """The pieces of ``text`` that name someone or their organisation."""
    found: list[str] = []
    for pattern in patterns:
        found += [m.group(0) for m in pattern.finditer(text or "")]
    return found


def redact(text: str, patterns) -> str:
    """``text`` with every name and affiliation masked."""
    for pattern in patterns:
        text = pattern.sub(MASK, text or "")
    return text

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Where a person's name still shows in a text, in any script (blind review masks it).

Who is the same person is core's question: ``amur.core.names``.
"""

from __future__ import annotations

import re

from zhconv import convert

from amur.core.transliterate import latin_variants

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"\w+", re.UNICODE)
MASK = "■■■"


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

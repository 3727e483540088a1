# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Whether two entries name the same person, whatever script each was typed in.

A name is cut into words through core's search normalisation (``query_alternatives``):
a Han run is one word with each of its readings (李长妮 → lichangni, lizhangni), a
Cyrillic word has its transliterations, a Latin word its other spellings of the same
Russian name.  The *forms* of a name are its words run together in any order, in any of
their spellings, also without a middle name or patronymic; two names are the same
person's when their forms meet.  Forum conflicts, talent duplicates and competition
recusals all ask this question, so they all ask it here.
"""

from __future__ import annotations

import itertools

from amur.core.search import query_alternatives

# A name's words and their spellings multiply; beyond these bounds a name is too long to
# be one person's, and the first combinations are kept.
MAX_WORDS = 4
MAX_SPELLINGS = 16


def name_words(name: str | None) -> list[list[str]]:
    """The words of ``name``, each as the list of its spellings (the first as typed)."""
    return query_alternatives(name or "")


def _groups(words: list[list[str]]) -> list[list[list[str]]]:
    groups = [words]
    if len(words) == 3:
        # Иванов Иван Петрович is also Иванов Иван, and Ivan Ivanov.
        groups += [words[:2], [words[0], words[2]]]
    return [group for group in groups if len(group) <= MAX_WORDS]


def name_forms(*names: str | None) -> set[str]:
    """Script-independent forms of a person's names (see the module's docstring)."""
    forms: set[str] = set()
    for name in names:
        words = name_words(name)
        if len(words) < 2 and not (words and len(words[0][0]) > 3):
            continue  # one short word ("Li", "Ан") names nobody in particular
        for group in _groups(words):
            spellings = itertools.islice(itertools.product(*group), MAX_SPELLINGS)
            for spelling in spellings:
                forms.update("".join(order) for order in itertools.permutations(spelling))
    return forms


def person_forms(person) -> set[str]:
    """The forms of every name a directory person carries."""
    return name_forms(
        person.name,
        getattr(person, "name_latin", ""),
        getattr(person, "name_zh", ""),
        getattr(person, "name_ru", ""),
    )


def same_person(a, b) -> bool:
    """The same row, or two directory people whose names agree across scripts."""
    if a.pk is not None and a.pk == b.pk:
        return True
    return bool(person_forms(a) & person_forms(b))

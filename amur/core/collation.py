# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Alphabetical order as each reader expects it: Chinese by pinyin, Russian by the Cyrillic
alphabet (ё after е, Cyrillic before Latin), English by the Latin alphabet with accents
folded. Used for lists of names in forms and filters and for printed indexes."""

from __future__ import annotations

import unicodedata

from django.forms.models import ModelChoiceField, ModelChoiceIterator
from pypinyin import Style, lazy_pinyin

from amur.core.i18n import content_language

RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def _latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def pinyin_key(text: str | None) -> str:
    """Han read as toneless pinyin, syllable by syllable; other scripts as they are."""
    return " ".join(lazy_pinyin(text or "", style=Style.NORMAL)).casefold()


def cyrillic_key(text: str | None) -> tuple:
    """Russian alphabetical order (ё after е); Latin and other scripts after Cyrillic."""
    return tuple(
        (0, RUSSIAN.index(ch)) if ch in RUSSIAN else (1, ord(ch)) for ch in (text or "").casefold()
    )


def collation_key(text: str | None, language: str | None = None):
    """The sort key of ``text`` in the reader's language (or ``language``)."""
    lang = content_language(language)
    if lang == "zh":
        return (pinyin_key(text), text or "")
    if lang == "ru":
        return (cyrillic_key(text), text or "")
    return (_latin(text or ""), text or "")


def sorted_by_name(items, name=str, language: str | None = None) -> list:
    """``items`` ordered by ``name(item)`` in the reader's collation."""
    return sorted(items, key=lambda item: collation_key(name(item), language))


def named_choices(objects, value, language: str | None = None) -> list[tuple[str, str]]:
    """``(value(obj), name)`` pairs for a filter's select: each name in the reader's
    language, in the reader's alphabetical order."""
    from amur.core.i18n import localised_text

    pairs = [(value(obj), localised_text(obj, "name", language)) for obj in objects]
    return sorted(pairs, key=lambda pair: collation_key(pair[1], language))


# Models whose rows are chosen by name: their selects follow the reader's alphabet.
NAMED_MODELS = ("core.place", "directory.organisation")


class CollatedModelChoiceIterator(ModelChoiceIterator):
    """A select of places or organisations in the reader's alphabetical order of their
    labels; any other model's options keep their query's order."""

    def __iter__(self):
        if self.queryset.model._meta.label_lower not in NAMED_MODELS:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        labelled = [(self.field.label_from_instance(obj), obj) for obj in self.queryset]
        for _label, obj in sorted(labelled, key=lambda pair: collation_key(pair[0])):
            yield self.choice(obj)


class CollatedChoicesMixin:
    """For a form: every select of places or organisations lists names in the reader's
    language (their ``__str__``) and alphabetical order (Chinese by pinyin, Russian by the
    Cyrillic alphabet), also when the form sets the queryset after this runs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.collate_choices()

    def collate_choices(self) -> None:
        """Apply the order to every select; a form that adds fields in its own
        ``__init__`` calls this again after adding them."""
        for field in self.fields.values():
            if isinstance(field, ModelChoiceField):
                field.iterator = CollatedModelChoiceIterator
                field.widget.choices = field.choices

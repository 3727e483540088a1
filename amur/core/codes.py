# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Codes as words in the reader's language: languages (ISO 639-1 and the MARC/ISO 639-2
codes of catalogues), language lists ("zh,ru"), countries (ISO 3166 alpha-2, named by the
reference places) and stored choice values, a model field's among them."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.hashable import make_hashable
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from amur.core.i18n import UI_LANGUAGES, content_language

# MARC (ISO 639-2/B) and ISO 639-2/T codes → the language code Django names.
THREE_LETTER = {
    "rus": "ru",
    "chi": UI_LANGUAGES["zh"],
    "zho": UI_LANGUAGES["zh"],
    "eng": "en",
    "bel": "be",
    "ukr": "uk",
    "ger": "de",
    "deu": "de",
    "fre": "fr",
    "fra": "fr",
    "jpn": "ja",
    "kor": "ko",
    "mon": "mn",
    "kaz": "kk",
    "uzb": "uz",
    "ita": "it",
    "spa": "es",
    "pol": "pl",
    "tat": "tt",
    "kir": "ky",
    "lit": "lt",
    "lav": "lv",
    "est": "et",
    "geo": "ka",
    "kat": "ka",
    "arm": "hy",
    "hye": "hy",
    "aze": "az",
    "fin": "fi",
    "swe": "sv",
    "cze": "cs",
    "ces": "cs",
    "bul": "bg",
    "srp": "sr",
    "hun": "hu",
    "rum": "ro",
    "ron": "ro",
    "por": "pt",
    "dut": "nl",
    "nld": "nl",
    "gre": "el",
    "ell": "el",
    "tur": "tr",
    "ara": "ar",
    "heb": "he",
    "per": "fa",
    "fas": "fa",
    "hin": "hi",
    "vie": "vi",
    "tha": "th",
    "tgk": "tg",
    "tuk": "tk",
    "dan": "da",
    "nor": "no",
}
# The platform's own three languages, named as everywhere else in Amur.
OWN = {UI_LANGUAGES["zh"]: _("Chinese"), "ru": _("Russian"), "en": _("English")}


def language_name(code: str | None) -> str:
    """A language code in the reader's words ("rus" → "Russian", "русский", "俄语")."""
    raw = (code or "").strip()
    key = raw.lower()
    key = THREE_LETTER.get(key, UI_LANGUAGES.get(key, key))
    if key in OWN:
        return str(OWN[key])
    try:
        return str(get_language_info(key)["name_translated"])
    except KeyError:
        return raw


def language_list(codes: str | list[str] | None) -> str:
    """A stored list of codes ("zh,ru", "rus|eng", ["zh", "ru"]) as names."""
    if isinstance(codes, str):
        parts = codes.replace("|", ",").replace(";", ",").split(",")
    else:
        parts = list(codes or [])
    names = [language_name(part) for part in dict.fromkeys(p.strip() for p in parts) if part]
    return ", ".join(names)


_COUNTRIES: dict[str, dict[str, str]] = {}


def _countries() -> dict[str, dict[str, str]]:
    if not _COUNTRIES:
        from amur.core.models import Place

        for place in Place.objects.filter(kind="country").only(
            "country_code", "name_zh", "name_ru", "name_en"
        ):
            _COUNTRIES[place.country_code.upper()] = {
                "zh": place.name_zh,
                "ru": place.name_ru,
                "en": place.name_en,
            }
    return _COUNTRIES


def country_name(code: str | None) -> str:
    """An ISO 3166 alpha-2 code as the country's name in the reader's language."""
    raw = (code or "").strip()
    names = _countries().get(raw.upper())
    if not names:
        return raw
    return names.get(content_language(translation.get_language())) or names["en"] or raw


def choice_label(choices, value) -> str:
    """A stored choice value as its label; "—" for none (a first state, an empty field)."""
    if value in (None, ""):
        return "—"
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


# {(model label, field name, language): {value: label}}, filled on first use. Choices are
# code, so a process never needs to forget them.
_FIELD_LABELS: dict[tuple[str, str, str], dict[object, str]] = {}


def field_labels(model, field_name: str) -> dict[object, str]:
    """A model field's choices as ``{value: label}`` in the active language, built once per
    field and language: ``get_FOO_display`` rebuilds the choices and translates every label
    on each call, a third of the events list's time at 200 rows."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = (model._meta.label, field_name, language)
    labels = _FIELD_LABELS.get(key)
    if labels is None:
        field = model._meta.get_field(field_name)
        labels = {make_hashable(value): str(label) for value, label in field.flatchoices}
        _FIELD_LABELS[key] = labels
    return labels


def display(obj, field_name: str):
    """``obj.get_<field>_display()`` from the cached labels: the label of the stored value,
    the value itself when it is not a choice (as Django does)."""
    value = getattr(obj, field_name)
    label = field_labels(type(obj), field_name).get(make_hashable(value), value)
    return label if label is None or isinstance(label, str) else str(label)

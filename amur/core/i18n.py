# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reading per-language content columns (``title_zh``, ``title_ru``, ``title_en``).

User content is stored in one column per language. ``localised()`` picks the reader's
language, falls back in a fixed order and says which language it used, so that pages can
mark a fallback instead of hiding it (DESIGN.md: missing translations are visible work).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

# For each reader language, the order in which content languages are tried.  A Russian
# reader more often reads English than Chinese, a Chinese reader likewise; English readers
# get Russian before Chinese because transliterated Russian names read better in Latin script.
FALLBACK_ORDER: dict[str, tuple[str, ...]] = {
    "zh": ("zh", "en", "ru"),
    "ru": ("ru", "en", "zh"),
    "en": ("en", "ru", "zh"),
}
LANGUAGE_NAMES = {"zh": "中文", "ru": "Русский", "en": "English"}


@dataclass(frozen=True)
class Localised:
    text: str
    language: str  # the content language the text is in ("" when every column is empty)
    wanted: str  # the reader's content language

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.wanted

    def __str__(self) -> str:
        return self.text


# The one map between the two vocabularies of languages: the interface's codes
# (``settings.LANGUAGES``: ``zh-hans``, ``ru``, ``en``) and the suffixes of content columns
# (``settings.CONTENT_LANGUAGES``: ``zh``, ``ru``, ``en``).
UI_LANGUAGES: dict[str, str] = {"zh": "zh-hans", "ru": "ru", "en": "en"}


def content_language(ui_language: str | None = None) -> str:
    """Map a UI language code (``zh-hans``, ``ru``, ``en-us``) to a content column suffix."""
    code = (ui_language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    if code.startswith("zh"):
        return "zh"
    if code.startswith("ru"):
        return "ru"
    return "en"


def ui_language(language: str | None) -> str:
    """The interface language for a content suffix or any spelling of a code (``zh``,
    ``zh-CN``, ``ru-RU``, ``en``): the code to activate or to store as a user's language."""
    return UI_LANGUAGES[content_language(language or "en")]


def fallback_order(language: str | None = None) -> tuple[str, ...]:
    return FALLBACK_ORDER[content_language(language)]


def localised(obj: object, field: str, language: str | None = None) -> Localised:
    """The text of ``obj.<field>_<lang>`` in the reader's language or the first fallback."""
    wanted = content_language(language)
    for lang in FALLBACK_ORDER[wanted]:
        value = getattr(obj, f"{field}_{lang}", "") or ""
        if value.strip():
            return Localised(value, lang, wanted)
    return Localised("", "", wanted)


def localised_text(obj: object, field: str, language: str | None = None) -> str:
    """Plain text for places where no marker can be shown (e-mail subjects, CSV, PDF)."""
    return localised(obj, field, language).text


def all_languages(obj: object, field: str) -> dict[str, str]:
    """``{"zh": …, "ru": …, "en": …}`` for API schemas and exports."""
    return {lang: getattr(obj, f"{field}_{lang}", "") or "" for lang in settings.CONTENT_LANGUAGES}


def missing_languages(obj: object, field: str) -> list[str]:
    """Content languages whose column is empty: the translation work still to do."""
    return [
        lang
        for lang in settings.CONTENT_LANGUAGES
        if not (getattr(obj, f"{field}_{lang}", "") or "").strip()
    ]

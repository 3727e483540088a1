# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation

from amur.core.i18n import content_language, localised, missing_languages

TITLE = SimpleNamespace(title_zh="哈尔滨音乐学院", title_ru="", title_en="Harbin Conservatory")


def test_content_language_maps_ui_codes():
    assert [content_language(c) for c in ("zh-hans", "ru", "en", "en-gb")] == [
        "zh",
        "ru",
        "en",
        "en",
    ]


def test_localised_returns_reader_language_when_present():
    value = localised(TITLE, "title", "zh-hans")

    assert (value.text, value.language, value.is_fallback) == ("哈尔滨音乐学院", "zh", False)


def test_localised_falls_back_and_says_so():
    value = localised(TITLE, "title", "ru")

    assert (value.text, value.language, value.is_fallback) == ("Harbin Conservatory", "en", True)


def test_localised_of_empty_content_is_empty_not_fallback():
    value = localised(SimpleNamespace(title_zh="", title_ru="", title_en=""), "title", "ru")

    assert (value.text, value.language, value.is_fallback) == ("", "", False)


def test_missing_languages_lists_the_work_to_do():
    assert missing_languages(TITLE, "title") == ["ru"]


def test_tr_tag_marks_a_fallback_visibly():
    with translation.override("ru"):
        html = Template('{% tr obj "title" %}').render(Context({"obj": TITLE}))

    assert html.startswith('<span lang="en">Harbin Conservatory</span>')
    assert 'class="fallback-tag"' in html


def test_tr_tag_shows_reader_language_without_marker():
    with translation.override("zh-hans"):
        html = Template('{% tr obj "title" %}').render(Context({"obj": TITLE}))

    assert html == "哈尔滨音乐学院"

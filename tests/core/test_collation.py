# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Names in forms and filters follow the reader's alphabet: Chinese by pinyin, Russian by
the Cyrillic alphabet, English by the Latin one with accents folded."""

import pytest
from django.utils import translation

from amur.core.collation import collation_key, sorted_by_name
from amur.directory.forms import DirectoryFilterForm, OrganisationForm
from tests.factories.core import PlaceFactory


def test_chinese_names_sort_by_pinyin_not_by_code_point():
    # Code points put 北 (U+5317) before 哈 (U+54C8) before 阿 (U+963F).
    names = ["哈尔滨", "阿穆尔", "北京", "长春"]

    expected = ["阿穆尔", "北京", "长春", "哈尔滨"]
    assert sorted(names, key=lambda n: collation_key(n, "zh")) == expected


def test_russian_names_sort_by_the_cyrillic_alphabet_with_yo_after_ye():
    # Code points put ё (U+0451) after я (U+044F); Latin before Cyrillic.
    names = ["Якутск", "Ёкатерина", "Елизово", "Жуковский", "Amur"]

    assert sorted(names, key=lambda n: collation_key(n, "ru")) == [
        "Елизово",
        "Ёкатерина",
        "Жуковский",
        "Якутск",
        "Amur",
    ]


def test_english_names_sort_with_accents_folded():
    names = ["Zeya", "Érmitage", "Amur"]

    assert sorted_by_name(names, language="en") == ["Amur", "Érmitage", "Zeya"]


@pytest.fixture
def places(db):
    rows = [
        ("harbin", "哈尔滨", "Харбин", "Harbin"),
        ("beijing", "北京", "Пекин", "Beijing"),
        ("amur-oblast", "阿穆尔州", "Амурская область", "Amur Oblast"),
        ("yakutsk", "雅库茨克", "Якутск", "Yakutsk"),
    ]
    return [
        PlaceFactory(key=key, name_zh=zh, name_ru=ru, name_en=en, kind="city")
        for key, zh, ru, en in rows
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", ["阿穆尔州", "北京", "哈尔滨", "雅库茨克"]),
        ("ru", ["Амурская область", "Пекин", "Харбин", "Якутск"]),
        ("en", ["Amur Oblast", "Beijing", "Harbin", "Yakutsk"]),
    ],
)
def test_filter_lists_places_in_the_readers_language_and_alphabet(places, language, expected):
    with translation.override(language):
        choices = DirectoryFilterForm().fields["place"].choices

    assert [str(label) for _value, label in choices[1:]] == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", ["阿穆尔州", "北京", "哈尔滨", "雅库茨克"]),
        ("ru", ["Амурская область", "Пекин", "Харбин", "Якутск"]),
    ],
)
def test_model_form_selects_list_places_in_the_readers_language_and_alphabet(
    places, language, expected
):
    with translation.override(language):
        labels = [str(label) for _value, label in OrganisationForm().fields["place"].choices]

    assert labels[1:] == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", ["阿穆尔州", "北京", "哈尔滨", "雅库茨克"]),
        ("ru", ["Амурская область", "Пекин", "Харбин", "Якутск"]),
    ],
)
def test_talent_forms_list_places_and_added_organisations_in_the_readers_alphabet(
    places, language, expected
):
    from amur.directory.models import Organisation
    from amur.talent.forms import NeedForm, PoolSearchForm, TrainingForm
    from tests.factories.directory import OrganisationFactory

    for place in places:
        OrganisationFactory(name_zh=place.name_zh, name_ru=place.name_ru, name_en=place.name_en)
    organisations = Organisation.objects.order_by("pk")
    with translation.override(language):
        training = TrainingForm(organisations=organisations)
        need = NeedForm(organisations=organisations)
        fields = [
            PoolSearchForm().fields["place"],
            training.fields["place"],
            training.fields["organisation"],
            need.fields["organisation"],
        ]
        labels = [[str(label) for _value, label in field.choices][1:] for field in fields]

    assert labels == [expected] * 4

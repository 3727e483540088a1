# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest
from hypothesis import given
from hypothesis import strategies as st

from amur.core.models import Place
from amur.core.search import normalise, query_terms, search_filter, search_keys


def finds(keys: str, query: str) -> bool:
    return all(term in keys for term in query_terms(query))


@pytest.mark.parametrize(
    ("names", "queries"),
    [
        (
            ("哈尔滨", "Харбин", "Harbin"),
            ["Харбин", "Harbin", "哈尔滨", "ha er bin", "haerbin", "哈爾濱"],
        ),
        (("黑河", "Хэйхэ", "Heihe"), ["Хэйхэ", "heihe", "黑河", "hei he"]),
        (
            ("哈巴罗夫斯克", "Хабаровск", "Khabarovsk"),
            ["Khabarovsk", "Habarovsk", "Хабаровск", "哈巴罗夫斯克"],
        ),
        (
            ("圣彼得堡", "Санкт-Петербург", "Saint Petersburg"),
            ["Sankt-Peterburg", "Санкт Петербург", "sheng bi de bao"],
        ),
        (("李长妮", "Ли Чанни", "Li Changni"), ["Li Changni", "李长妮", "Ли Чанни", "li chang ni"]),
        (("Пушкин", "Pushkin"), ["Пушкин", "pushkin", "PUSHKIN"]),
        (("Schönfeld String Competition",), ["Schonfeld", "schönfeld", "SCHÖNFELD"]),
        (("Чайковский",), ["Chaikovskii", "Chaykovskiy", "Чайковский"]),
    ],
)
def test_every_script_finds_the_same_name(names, queries):
    keys = search_keys(*names)

    assert [q for q in queries if not finds(keys, q)] == []


def test_unrelated_names_do_not_meet():
    keys = search_keys("哈尔滨", "Харбин", "Harbin")

    assert not finds(keys, "Москва")
    assert not finds(keys, "黑河")


def test_traditional_characters_are_keyed_as_simplified():
    assert "哈尔滨" in normalise("哈爾濱").split()


def test_query_terms_of_han_are_joined_pinyin():
    assert query_terms("哈尔滨 音乐") == ["haerbin", "yinyue"]
    assert query_terms("Харбин") == ["kharbin"]
    assert query_terms("  ") == []


@given(st.text())
def test_normalise_never_raises_and_is_deterministic(text):
    assert normalise(text) == normalise(text)


@given(st.text(alphabet=st.sampled_from("абвгдежзийклмнопрстуфхцчшщыэюяABCxyz哈尔滨黑河音乐 -")))
def test_normalising_keys_again_keeps_every_key(text):
    keys = set(normalise(text).split())

    assert keys <= set(normalise(" ".join(keys)).split())


@given(st.text(alphabet=st.sampled_from("абвгдежзийклмнопрстуфхцчшщыэюяABCxyz哈尔滨黑河音乐 ")))
def test_a_name_always_finds_itself(text):
    assert finds(search_keys(text), text)


@pytest.mark.django_db
def test_search_filter_finds_places_by_any_script():
    Place.objects.create(
        key="harbin", kind="city", country_code="CN", name_zh="哈尔滨", name_ru="Харбин",
        name_en="Harbin", search_keys=search_keys("哈尔滨", "Харбин", "Harbin"),
    )  # fmt: skip
    Place.objects.create(
        key="moscow", kind="city", country_code="RU", name_zh="莫斯科", name_ru="Москва",
        name_en="Moscow", search_keys=search_keys("莫斯科", "Москва", "Moscow"),
    )  # fmt: skip

    found = {
        q: list(Place.objects.filter(search_filter(q)).values_list("key", flat=True))
        for q in ["Харбин", "harbin", "哈尔滨", "ha er bin", "moskva"]
    }

    assert found == {
        "Харбин": ["harbin"],
        "harbin": ["harbin"],
        "哈尔滨": ["harbin"],
        "ha er bin": ["harbin"],
        "moskva": ["moscow"],
    }


@pytest.mark.parametrize(
    ("typed", "alternatives"),
    [
        ("tolstoy", ["tolstoy", "tolstoi"]),
        ("dostoyevsky", ["dostoyevsky", "dostoevskii"]),
        ("tchaikovsky", ["tchaikovsky", "chaikovskii"]),
        ("habarovsk", ["habarovsk", "khabarovsk"]),
        ("kuznecov", ["kuznecov", "kuznetsov"]),
        ("yakutsk", ["yakutsk", "iakutsk"]),
        ("pushkin", ["pushkin"]),
        ("shostakovich", ["shostakovich"]),
        ("schonfeld", ["schonfeld"]),
        ("哈尔滨", ["哈尔滨"]),
    ],
)
def test_latin_terms_are_also_tried_in_passport_spelling(typed, alternatives):
    from amur.core.search import term_alternatives

    assert term_alternatives(typed) == alternatives


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["Tolstoy", "Tolstoi", "Толстой", "Tolstoj"])
def test_every_spelling_of_a_russian_name_meets_its_cyrillic_and_ala_lc_keys(typed):
    from amur.directory.models import Organisation
    from tests.factories.directory import OrganisationFactory

    cyrillic = OrganisationFactory(search_keys=search_keys("Музей Толстой"))
    romanised = OrganisationFactory(search_keys=search_keys("Tolstoĭ Museum"))
    OrganisationFactory(search_keys=search_keys("Музей Пушкина"))

    found = set(Organisation.objects.filter(search_filter(typed)))

    assert found == {cyrillic, romanised}

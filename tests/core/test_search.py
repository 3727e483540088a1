# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest
from hypothesis import given
from hypothesis import strategies as st

from amur.core.models import Place
from amur.core.search import (
    normalise,
    query_alternatives,
    query_terms,
    romanised_syllables,
    search_filter,
    search_keys,
    text_matches,
)


def finds(keys: str, query: str) -> bool:
    """As search_filter does: every term in one of its spellings."""
    return all(any(t in keys for t in group) for group in query_alternatives(query))


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
        key="harbin",
        kind="city",
        country_code="CN",
        name_zh="哈尔滨",
        name_ru="Харбин",
        name_en="Harbin",
        search_keys=search_keys("哈尔滨", "Харбин", "Harbin"),
    )
    Place.objects.create(
        key="moscow",
        kind="city",
        country_code="RU",
        name_zh="莫斯科",
        name_ru="Москва",
        name_en="Moscow",
        search_keys=search_keys("莫斯科", "Москва", "Moscow"),
    )

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
    ("typed", "spelling"),
    [
        ("tolstoy", "tolstoi"),
        ("dostoyevsky", "dostoevskii"),
        ("tchaikovsky", "chaikovskii"),
        ("habarovsk", "khabarovsk"),
        ("kuznecov", "kuznetsov"),
        ("yakutsk", "iakutsk"),
        ("gorky", "gorkii"),
        ("rachmaninov", "rakhmaninov"),  # English ch for х
        ("rachmaninoff", "rakhmaninov"),  # the old -ff for final -в
        ("rachmaninow", "rakhmaninov"),  # German
        ("puschkin", "pushkin"),  # German sch
        ("tschaikowsky", "chaikovskii"),  # German tsch, w
        ("mandelstam", "mandelshtam"),  # German st
        ("zwetajewa", "tsvetaeva"),  # German z, j
        ("dostojewski", "dostoevskii"),  # German je after a vowel, -ski for -ский
        ("pouchkine", "pushkin"),  # French ou, ch, silent e
        ("chostakovitch", "shostakovich"),  # French ch for ш, tch
        ("fjodor", "fedor"),  # j for ё
        ("prokofiev", "prokofev"),  # -iev for -ьев
    ],
)
def test_latin_terms_are_also_tried_in_passport_spelling(typed, spelling):
    from amur.core.search import term_alternatives

    alternatives = term_alternatives(typed)

    assert alternatives[0] == typed
    assert spelling in alternatives


def test_a_passport_spelling_is_tried_alone():
    from amur.core.search import term_alternatives

    assert term_alternatives("pushkin") == ["pushkin"]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Liudi s chistoĭ sovestʹi͡u", "sovestiu"),  # soft sign and ligature tie
        ("Obʺiasnenie", "obiasnenie"),  # hard sign
        ("Mandelʹshtam, Osip", "mandelshtam"),
        ("T͡Svetaeva, Marina", "tsvetaeva"),  # the tie over an upper-case pair
        ("Xi'an shi", "xian"),  # pinyin apostrophe
    ],
)
def test_romanisation_signs_and_ties_never_stay_in_keys(text, keys):
    found = normalise(text).split()

    assert keys in found
    assert not any(c in "".join(found) for c in "\u02b9\u02ba\ufe20\ufe21\u0361'")


@pytest.mark.parametrize(
    ("record", "query"),
    [
        (("Sovestʹ",), "совесть"),
        (("Sovestʹ",), "sovest'"),
        (("Sovestʹ",), "sovest"),
        (("Podʺezd",), "подъезд"),
        (("Podʺezd",), "podezd"),
        (("Sovest'",), "Совесть"),
    ],
)
def test_a_query_without_the_signs_finds_a_record_with_them(record, query):
    assert finds(search_keys(*record), query)


@pytest.mark.parametrize(
    ("record", "query"),
    [
        (("Zhongguo li shi",), "中国历史"),  # a pinyin-only record, a Han query
        (("Pu xi jin shi xuan",), "普希金"),
        (("Pu, Xijin",), "普希金"),
        (("中国历史",), "zhongguolishi"),  # a Han-only record, a run-together query
        (("中国历史",), "zhong guo li shi"),
        (("Zhongguo",), "zhong guo"),
    ],
)
def test_pinyin_syllables_and_runs_meet_both_ways(record, query):
    assert finds(search_keys(*record), query)


def test_a_han_character_takes_the_reading_of_the_records_romanisation():
    default = normalise("曾国藩家书")
    chosen = search_keys("曾国藩家书", readings=romanised_syllables("Zeng, Guofan", "Jia shu"))

    assert "cengguofanjiashu" in default.split()
    assert "zengguofanjiashu" in chosen.split()
    assert "ceng" not in chosen.split()


def test_a_polyphonic_han_query_also_tries_the_other_readings():
    assert "zengguofan" in query_alternatives("曾国藩")[0]


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


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("哈尔滨", "Harbin Ice and Snow Festival"),
        ("Харбин", "Harbin Ice and Snow Festival"),
        ("Harbin", "哈尔滨冰雪节"),
        ("Москва", "Moscow Conservatory"),
        ("Moskva", "Moscow Conservatory"),
        ("Moscow", "Московская консерватория: Москва, 1866"),
        ("Пекин", "北京大学"),
        ("中国", "China and Russia"),
        ("Хабаровск", "哈巴罗夫斯克"),
    ],
)
def test_a_place_typed_in_one_language_finds_its_name_in_another(query, text):
    assert text_matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [("哈尔滨", "Moscow Conservatory"), ("Москва", "Harbin"), ("Harbin", "Khabarovsk")],
)
def test_a_place_does_not_find_another_place(query, text):
    assert not text_matches(query, text)


def test_place_names_join_only_a_one_term_query():
    # "Saint Petersburg" keeps its two terms, each matched on its own
    groups = query_alternatives("Saint Petersburg")

    assert len(groups) == 2
    assert "sanktpeterburg" not in groups[0] + groups[1]

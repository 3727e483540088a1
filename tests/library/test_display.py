# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Records shown across scripts: ALA-LC-only Russian records also in Cyrillic, converted
back and marked; combining marks composed; Chinese records in Han and pinyin."""

import unicodedata

import pytest

from amur.core.transliterate import ala_lc_to_cyrillic
from tests.factories.library import RecordFactory

pytestmark = pytest.mark.django_db

TIE_L, TIE_R = "\ufe20", "\ufe21"  # the MARC ligature halves


@pytest.mark.parametrize(
    ("romanised", "cyrillic"),
    [
        ("Master i Margarita", "Мастер и Маргарита"),
        ("Bulgakov, Mikhail Afanasʹevich", "Булгаков, Михаил Афанасьевич"),
        ("Tikhiĭ Don", "Тихий Дон"),
        (f"Vasilʹev, I{TIE_L}U{TIE_R}riĭ", "Васильев, Юрий"),
        (f"Ott{TIE_L}s{TIE_R}y i deti", "Отцы и дети"),
        (f"Sot{TIE_L}s{TIE_R}ialʹnai{TIE_L}a{TIE_R} istorii{TIE_L}a{TIE_R}", "Социальная история"),
        ("Sovetskiĭ pisatelʹ", "Советский писатель"),  # ts without a tie is тс
        (f"Obʺi{TIE_L}a{TIE_R}snenie", "Объяснение"),
        ("Ėtika i ėstetika", "Этика и эстетика"),
        ("Shchedrin i Zhukovskiĭ, XIX vek", "Щедрин и Жуковский, XIX век"),
        ("Evgenii\u0306 Onegin", "Евгений Онегин"),  # the breve decomposed
        # Records that lost their ties and breves: the likelier reading.
        ("Tsvetaeva, Marina", "Цветаева, Марина"),
        ("Istoriia Rossii", "История России"),
        ("Maiakovskii", "Маяковскии"),
        ("Tolstoi, Lev", "Толстой, Лев"),
    ],
)
def test_ala_lc_is_converted_back_to_cyrillic(romanised, cyrillic):
    assert ala_lc_to_cyrillic(romanised) == cyrillic


def _romanised_only():
    return RecordFactory(
        title=f"Tikhiĭ Don : roman v chetyrekh knigakh. Kniga I{TIE_L}U{TIE_R}",
        title_original="",
        authors=[{"name": "Sholokhov, Mikhail Aleksandrovich", "original": "", "role": "aut"}],
        languages="rus",
    )


def test_a_romanised_russian_record_is_shown_in_cyrillic_and_marked(client):
    record = _romanised_only()

    page = client.get(f"/library/records/{record.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    listed = client.get("/library/?q=tikhii+don", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<span lang="ru">Тихий Дон : роман в четырех книгах. Книга Ю</span>' in html
    assert '<span lang="ru">Шолохов, Михаил Александрович</span>' in html
    assert html.count("converted from the romanisation") == 2
    assert "Тихий Дон" in listed
    assert "converted from the romanisation" in listed


def test_the_api_gives_the_cyrillic_form_and_says_it_was_converted(client):
    record = _romanised_only()

    found = client.get("/api/v1/library/records?q=sholokhov").json()["items"]

    (item,) = [x for x in found if x["id"] == record.pk]
    title, author = item["display"]["title"], item["display"]["authors"][0]
    assert (title["other"].split(" :")[0], title["converted"]) == ("Тихий Дон", True)
    assert (author["other"], author["converted"]) == ("Шолохов, Михаил Александрович", True)


def test_combining_marks_are_never_shown_raw(client):
    record = RecordFactory(
        title=f"Evgenii\u0306 Onegin : Ott{TIE_L}s{TIE_R}y",
        title_original="",
        authors=[{"name": "Pushkin, Aleksandr", "original": "Пушкин, Фе\u0308дор"}],
        languages="rus",
    )

    html = client.get(f"/library/records/{record.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert TIE_L not in html
    assert TIE_R not in html
    assert "Evgeni\u012d Onegin" in html  # ĭ composed
    assert "Пушкин, Ф\u0451дор" in html  # ё composed
    assert unicodedata.is_normalized("NFC", html)


def test_a_record_with_its_cyrillic_is_not_converted(client):
    record = RecordFactory(title="Evgeniĭ Onegin", title_original="Евгений Онегин", languages="rus")

    html = client.get(f"/library/records/{record.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<span lang="ru">Евгений Онегин</span>' in html
    assert "converted from the romanisation" not in html.split("<dt>")[0]


def test_a_chinese_record_shows_han_and_pinyin(client):
    record = RecordFactory(
        title="Hong lou meng",
        title_original="红楼梦",
        authors=[{"name": "Cao, Xueqin", "original": "曹雪芹", "role": "aut"}],
        languages="chi",
    )

    html = client.get(f"/library/records/{record.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<h1 lang="zh-Latn-pinyin">Hong lou meng</h1>' in html
    assert '<span lang="zh">红楼梦</span>' in html
    assert '<span lang="zh-Latn-pinyin">Cao, Xueqin</span> (<span lang="zh">曹雪芹</span>)' in html
    assert "converted from the romanisation" not in html


def test_a_chinese_russian_record_is_not_read_as_ala_lc(client):
    record = RecordFactory(
        title="Han E ci dian",
        title_original="",
        languages="chi,rus",
        authors=[{"name": "Liu, Zeyu", "original": "", "role": "aut"}],
    )

    html = client.get(f"/library/records/{record.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "converted from the romanisation" not in html
    assert "Лиу" not in html

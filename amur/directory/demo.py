# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The directory's demo: the organisations and people the seed documents name.

``scale`` > 0 adds a deterministic synthetic population (``random.Random(scale)``):
``scale × 20`` organisations and ``scale × 50`` people, for benchmarks and load tests.
"""

from __future__ import annotations

import random
from datetime import date

from pypinyin import Style, lazy_pinyin

from amur.core.models import FieldOfExchange, Place
from amur.core.transliterate import cyrillic_to_latin
from amur.directory.models import Affiliation, Organisation, Person
from amur.directory.services import (
    organisation_ensure,
    organisation_search_keys,
    person_ensure,
    person_search_keys,
)

# slug, kind, sector, place, zh, ru, en, fields
ORGANISATIONS = [
    (
        "harbin-conservatory",
        "conservatory",
        "public",
        "harbin",
        "哈尔滨音乐学院",
        "Харбинская консерватория",
        "Harbin Conservatory of Music",
        ["music"],
    ),
    (
        "spb-conservatory",
        "conservatory",
        "public",
        "saint-petersburg",
        "圣彼得堡国立里姆斯基-科萨科夫音乐学院",
        "Санкт-Петербургская государственная консерватория имени Н. А. Римского-Корсакова",
        "Saint Petersburg State Conservatory named after N. A. Rimsky-Korsakov",
        ["music"],
    ),
    (
        "herzen-university",
        "university",
        "public",
        "saint-petersburg",
        "俄罗斯国立赫尔岑师范大学",
        "Российский государственный педагогический университет им. А. И. Герцена",
        "Herzen State Pedagogical University of Russia",
        ["education", "music"],
    ),
    (
        "heihe-university",
        "university",
        "public",
        "heihe",
        "黑河学院",
        "Хэйхэский университет",
        "Heihe University",
        ["education", "language"],
    ),
    (
        "harbin-vocational",
        "vocational_college",
        "public",
        "harbin",
        "哈尔滨职业技术学院",
        "Харбинский профессионально-технический колледж",
        "Harbin Vocational and Technical College",
        ["vocational-training", "education"],
    ),
    (
        "khabarovsk-ied",
        "research_institute",
        "public",
        "khabarovsk",
        "哈巴罗夫斯克边疆区教育发展研究院",
        "Хабаровский краевой институт развития образования",
        "Khabarovsk Krai Institute for Educational Development",
        ["education"],
    ),
    (
        "rccc",
        "association",
        "folk",
        "moscow",
        "俄中商会",
        "Российско-Китайская торговая палата",
        "Russian-Chinese Chamber of Commerce",
        ["trade", "vocational-training"],
    ),
    (
        "harbin-government",
        "government_body",
        "government",
        "harbin",
        "哈尔滨市人民政府",
        "Народное правительство города Харбина",
        "Harbin Municipal People's Government",
        ["music", "tourism"],
    ),
    (
        "hl-culture-tourism",
        "government_body",
        "government",
        "harbin",
        "黑龙江省文化和旅游厅",
        "Департамент культуры и туризма провинции Хэйлунцзян",
        "Heilongjiang Provincial Department of Culture and Tourism",
        ["tourism", "folk-heritage"],
    ),
    (
        "wfimc",
        "association",
        "folk",
        "geneva",
        "世界国际音乐比赛联盟",
        "Всемирная федерация международных музыкальных конкурсов",
        "World Federation of International Music Competitions",
        ["music"],
    ),
    (
        "hl-library",
        "library",
        "public",
        "harbin",
        "黑龙江省图书馆",
        "Библиотека провинции Хэйлунцзян",
        "Heilongjiang Provincial Library",
        ["libraries-archives", "literature-books"],
    ),
    (
        "heihe-university-library",
        "library",
        "public",
        "heihe",
        "黑河学院图书馆",
        "Библиотека Хэйхэского университета",
        "Heihe University Library",
        ["libraries-archives"],
    ),
    (
        "fesl-khabarovsk",
        "library",
        "public",
        "khabarovsk",
        "远东国立科学图书馆",
        "Дальневосточная государственная научная библиотека",
        "Far Eastern State Scientific Library",
        ["libraries-archives", "literature-books"],
    ),
    (
        "amur-regional-library",
        "library",
        "public",
        "blagoveshchensk",
        "阿穆尔州科学图书馆",
        "Амурская областная научная библиотека им. Н. Н. Муравьёва-Амурского",
        "Amur Regional Scientific Library",
        ["libraries-archives"],
    ),
    (
        "harbin-folk-centre",
        "association",
        "folk",
        "harbin",
        "哈尔滨中俄民间文化交流中心",
        "Харбинский центр российско-китайских народных культурных обменов",
        "Harbin Sino-Russian Folk Culture Exchange Centre",
        ["folk-heritage", "youth"],
    ),
]

# name, script, latin, zh, ru, nationality, organisation slug, role (zh, ru, en)
PEOPLE = [
    (
        "李东英",
        "han",
        "Li Dongying",
        "李东英",
        "Ли Дунъин",
        "CN",
        "harbin-vocational",
        ("外事交流中心", "Центр международных обменов", "Foreign Exchange Center"),
    ),
    (
        "刘存香",
        "han",
        "Liu Cunxiang",
        "刘存香",
        "Лю Цуньсян",
        "CN",
        "harbin-vocational",
        ("副校长", "проректор", "Deputy President"),
    ),
    (
        "李长妮",
        "han",
        "Li Changni",
        "李长妮",
        "Ли Чанни",
        "CN",
        "harbin-vocational",
        (
            "外事交流中心主任",
            "директор Центра международных обменов",
            "Director of the Foreign Exchange Center",
        ),
    ),
    (
        "孙喆",
        "han",
        "Sun Zhe",
        "孙喆",
        "Сунь Чжэ",
        "CN",
        "harbin-government",
        ("市长", "мэр", "Mayor"),
    ),
    (
        "Peter Kainrath",
        "latin",
        "Peter Kainrath",
        "彼得·凯因拉特",
        "Петер Кайнрат",
        "AT",
        "wfimc",
        ("主席", "председатель", "President"),
    ),
]

# For --scale: real surnames and given names.
CN_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓"
    "曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
    "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
)
CN_GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "晓东",
    "海燕",
    "春梅",
    "志强",
    "建华",
    "丹",
    "雪",
    "立新",
    "文博",
    "思远",
    "子涵",
    "雨桐",
]
RU_MALE = [
    "Александр",
    "Сергей",
    "Дмитрий",
    "Андрей",
    "Алексей",
    "Максим",
    "Евгений",
    "Иван",
    "Михаил",
    "Николай",
    "Владимир",
    "Павел",
    "Олег",
    "Юрий",
    "Игорь",
]
RU_FEMALE = [
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Анна",
    "Мария",
    "Светлана",
    "Екатерина",
    "Юлия",
    "Анастасия",
    "Марина",
    "Людмила",
    "Дарья",
    "Ксения",
]
RU_SURNAMES = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
]
RU_PATRONYMIC_BASE = [
    "Александр",
    "Сергее",
    "Дмитрие",
    "Андрее",
    "Алексее",
    "Иван",
    "Михайл",
    "Николае",
    "Владимир",
    "Павл",
]
SECTOR_MIX = [("public", 45), ("enterprise", 20), ("folk", 20), ("government", 15)]
KINDS_BY_SECTOR = {
    "public": [
        "university",
        "vocational_college",
        "secondary_vocational",
        "conservatory",
        "library",
        "museum",
        "cultural_institution",
        "research_institute",
    ],
    "enterprise": ["enterprise", "media"],
    "folk": ["association"],
    "government": ["government_body"],
}
KIND_WORDS = {
    "university": ("大学", "университет", "University"),
    "vocational_college": ("职业技术学院", "профессиональный колледж", "Vocational College"),
    "secondary_vocational": ("中等职业学校", "техникум", "Secondary Vocational School"),
    "conservatory": ("音乐学院", "консерватория", "Conservatory"),
    "library": ("图书馆", "библиотека", "Library"),
    "museum": ("博物馆", "музей", "Museum"),
    "cultural_institution": ("文化馆", "дом культуры", "Culture House"),
    "research_institute": ("研究院", "научно-исследовательский институт", "Research Institute"),
    "enterprise": ("贸易有限公司", "торговая компания", "Trading Company"),
    "media": ("传媒有限公司", "медиахолдинг", "Media Company"),
    "association": ("中俄友好协会", "общество российско-китайской дружбы", "Friendship Society"),
    "government_body": (
        "人民政府外事办公室",
        "комитет по международным связям",
        "Foreign Affairs Office",
    ),
}


# Profiles as the founding members wrote them, each in its own language only: the missing
# languages are the platform's own translation work (the talent module turns them into tasks).
DESCRIPTIONS = {
    "harbin-vocational": {
        "description_zh": "哈尔滨职业技术学院是中俄职业教育联盟的发起单位之一。",
    },
    "khabarovsk-ied": {
        "description_ru": (
            "Хабаровский краевой институт развития образования — один из учредителей "
            "Российско-Китайского альянса профессионального образования."
        ),
    },
}


def load(*, scale: int, log) -> None:
    for slug, kind, sector, place, zh, ru, en, fields in ORGANISATIONS:
        if not Place.objects.filter(key=place).exists():
            raise LookupError(f"directory demo: place {place!r} is missing; load core first")
        organisation_ensure(
            slug=slug,
            place=place,
            kind=kind,
            sector=sector,
            name_zh=zh,
            name_ru=ru,
            name_en=en,
            fields=fields,
            **DESCRIPTIONS.get(slug, {}),
        )
    for name, script, latin, zh, ru, nationality, slug, role in PEOPLE:
        person = person_ensure(
            name=name,
            script=script,
            name_latin=latin,
            name_zh=zh,
            name_ru=ru,
            nationality=nationality,
            listed=True,
        )
        Affiliation.objects.update_or_create(
            person=person,
            organisation=Organisation.objects.get(slug=slug),
            defaults={"role_zh": role[0], "role_ru": role[1], "role_en": role[2]},
        )
    log(f"  {len(ORGANISATIONS)} organisations and {len(PEOPLE)} people of the seeds")
    if scale > 0:
        _synthetic(scale, log)


def _weighted(rng: random.Random, pairs):
    return rng.choices([value for value, _ in pairs], weights=[w for _, w in pairs])[0]


def _synthetic(scale: int, log) -> None:
    """``scale × 20`` organisations and ``scale × 50`` people with an affiliation each,
    written in bulk (one by one took over a minute at ``--scale 50``).  The draws are the
    same whether or not a row exists; a second run finds every slug and e-mail and writes
    nothing."""
    rng = random.Random(scale)
    places = list(Place.objects.filter(kind__in=["city", "port"]).order_by("key"))
    fields = list(FieldOfExchange.objects.order_by("key"))
    prefix = f"synthetic-{scale}-"
    known = dict(Organisation.objects.filter(slug__startswith=prefix).values_list("slug", "pk"))
    organisations, new_organisations, organisation_fields = [], [], []
    for number in range(scale * 20):
        place = rng.choice(places)
        sector = _weighted(rng, SECTOR_MIX)
        kind = rng.choice(KINDS_BY_SECTOR[sector])
        zh_word, ru_word, en_word = KIND_WORDS[kind]
        organisation = Organisation(
            slug=f"{prefix}{number}",
            place=place,
            kind=kind,
            sector=sector,
            name_zh=f"{place.name_zh}第{number + 1}{zh_word}",
            name_ru=f"{place.name_ru}: {ru_word} № {number + 1}",
            name_en=f"{place.name_en} {en_word} No. {number + 1}",
            illustrative=True,
        )
        chosen = rng.sample(fields, 2)
        if organisation.slug in known:
            organisation.pk = known[organisation.slug]
        else:
            organisation.search_keys = organisation_search_keys(organisation)
            new_organisations.append(organisation)
            organisation_fields += [(organisation, field) for field in chosen]
        organisations.append(organisation)
    Organisation.objects.bulk_create(new_organisations, batch_size=500)
    Organisation.fields.through.objects.bulk_create(
        [
            Organisation.fields.through(organisation_id=o.pk, fieldofexchange_id=f.pk)
            for o, f in organisation_fields
        ],
        batch_size=1000,
    )
    emails = set(Person.objects.filter(email__startswith=prefix).values_list("email", flat=True))
    people, affiliations = [], []
    for number in range(scale * 50):
        chinese = rng.random() < 0.6
        if chinese:
            name = rng.choice(CN_SURNAMES) + rng.choice(CN_GIVEN)
            syllables = lazy_pinyin(name, style=Style.NORMAL)
            latin = f"{syllables[0].title()} {''.join(syllables[1:]).title()}"
            fields_kwargs = {"script": "han", "name_zh": name, "nationality": "CN"}
        else:
            female = rng.random() < 0.5
            first = rng.choice(RU_FEMALE if female else RU_MALE)
            surname = rng.choice(RU_SURNAMES) + ("а" if female else "")
            patronymic = rng.choice(RU_PATRONYMIC_BASE) + ("вна" if female else "вич")
            name = f"{surname} {first} {patronymic}"
            latin = cyrillic_to_latin(f"{first} {surname}".lower()).title()
            fields_kwargs = {"script": "cyrillic", "name_ru": name, "nationality": "RU"}
        person = Person(
            name=name,
            email=f"{prefix}{number}@example.org",
            name_latin=latin,
            listed=rng.random() < 0.7,
            illustrative=True,
            **fields_kwargs,
        )
        organisation = rng.choice(organisations)
        start = date(rng.randint(2005, 2024), 9, 1)
        if person.email in emails:
            continue
        person.search_keys = person_search_keys(person)
        people.append(person)
        affiliations.append(Affiliation(person=person, organisation=organisation, start=start))
    Person.objects.bulk_create(people, batch_size=500)
    Affiliation.objects.bulk_create(affiliations, batch_size=1000)
    log(f"  synthetic: {scale * 20} organisations, {scale * 50} people")

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The Sino-Russian Vocational Education Alliance as seed 002 describes it, and the WFIMC.

Seed: 153 member units — 5 Russian institutions, 2 undergraduate universities, 83
vocational colleges, 48 secondary vocational schools, 15 Russian-oriented enterprises and
educational research institutions — from 22 Chinese provinces, plus 40 interested
institutions; founded at the inaugural ceremony in Harbin on 3 August (2023), which
adopted the constitution and elected the council and the expert committee. Officers the
seed does not name stay vacant rather than invented. Member units other than those the
seed names are synthetic, with deterministic names.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from amur.alliances import counting
from amur.alliances.models import (
    Alliance,
    Body,
    ConstitutionVersion,
    Mandate,
    Membership,
    Option,
    Position,
    Vote,
)
from amur.core.models import Place
from amur.directory.models import Organisation, Person
from amur.directory.services import organisation_ensure

FOUNDED = date(2023, 8, 3)
CN_PROVINCES = [
    "cn-hl",
    "cn-jl",
    "cn-ln",
    "cn-nm",
    "cn-bj",
    "cn-tj",
    "cn-he",
    "cn-sx",
    "cn-sd",
    "cn-js",
    "cn-zj",
    "cn-ah",
    "cn-ha",
    "cn-hb",
    "cn-hn",
    "cn-gd",
    "cn-sc",
    "cn-cq",
    "cn-sn",
    "cn-gs",
    "cn-xj",
    "cn-yn",
]
# (kind, sector, zh word, ru word, en word, how many synthetic units)
MIX = [
    ("university", "public", "大学", "университет", "University", 1),
    (
        "vocational_college",
        "public",
        "职业技术学院",
        "профессионально-технический колледж",
        "Vocational and Technical College",
        82,
    ),
    (
        "secondary_vocational",
        "public",
        "中等职业学校",
        "среднее профессиональное училище",
        "Secondary Vocational School",
        48,
    ),
    (
        "enterprise",
        "enterprise",
        "对俄经贸有限公司",
        "компания торговли с Россией",
        "Russia Trade Company",
        10,
    ),
    (
        "research_institute",
        "public",
        "职业教育研究所",
        "институт исследований профобразования",
        "Vocational Education Research Institute",
        5,
    ),
]
RUSSIAN = [
    (
        "vladivostok",
        "符拉迪沃斯托克国立大学",
        "Владивостокский государственный университет",
        "Vladivostok State University",
        "university",
    ),
    (
        "blagoveshchensk",
        "阿穆尔国立大学",
        "Амурский государственный университет",
        "Amur State University",
        "university",
    ),
    (
        "novosibirsk",
        "新西伯利亚职业教育发展中心",
        "Новосибирский центр развития профессионального образования",
        "Novosibirsk Centre for Vocational Education Development",
        "research_institute",
    ),
]


def load(*, scale: int, log) -> None:
    alliance = _vocational_alliance()
    log(f"  {alliance}: {alliance.memberships.filter(status='active').count()} member units")
    _wfimc()


def _alliance(slug, secretariat, **fields) -> Alliance:
    alliance, _created = Alliance.objects.update_or_create(
        slug=slug, defaults={"secretariat": secretariat, **fields}
    )
    return alliance


def _member(alliance, organisation, category="member", status="active", joined=FOUNDED):
    Membership.objects.update_or_create(
        alliance=alliance,
        organisation=organisation,
        defaults={
            "category": category,
            "status": status,
            "joined_on": joined if status == "active" else None,
        },
    )


def _vocational_alliance() -> Alliance:
    harbin_vocational = Organisation.objects.get(slug="harbin-vocational")
    founders = [
        harbin_vocational,
        Organisation.objects.get(slug="rccc"),
        Organisation.objects.get(slug="khabarovsk-ied"),
    ]
    alliance = _alliance(
        "srvea",
        harbin_vocational,
        name_zh="中俄职业教育联盟",
        name_ru="Российско-Китайский альянс профессионального образования",
        name_en="Sino-Russian Vocational Education Alliance",
        aims_en=(
            "Cooperation among Chinese vocational colleges, Russian universities and "
            "cross-border enterprises: internationalisation of vocational education, talent "
            "cultivation, teacher development, teaching reform, research, resource sharing "
            "and cross-mobility among member units."
        ),
        aims_zh="促进中国职业院校、俄罗斯高校（教育机构）与跨境企业之间的合作，推动成员单位交叉流动与协同创新发展。",
        aims_ru=(
            "Сотрудничество китайских колледжей, российских вузов и трансграничных "
            "предприятий: интернационализация профобразования, подготовка кадров, "
            "академическая мобильность участников."
        ),
        founded=FOUNDED,
    )
    alliance.founders.set(founders)
    _member(alliance, harbin_vocational, "executive")
    for org in founders[1:]:
        _member(alliance, org)
    _member(alliance, Organisation.objects.get(slug="heihe-university"))
    for key, zh, ru, en, kind in RUSSIAN:
        org = organisation_ensure(
            slug=f"srvea-ru-{key}",
            place=key,
            kind=kind,
            sector="public",
            name_zh=zh,
            name_ru=ru,
            name_en=en,
        )
        _member(alliance, org)
    capitals = {p.key: p for p in Place.objects.filter(key__in=CN_PROVINCES)}
    number = 0
    for kind, sector, zh, ru, en, count in MIX:
        for _ in range(count):
            region = capitals[CN_PROVINCES[number % len(CN_PROVINCES)]]
            number += 1
            org = organisation_ensure(
                slug=f"srvea-member-{number}",
                place=region,
                kind=kind,
                sector=sector,
                name_zh=f"{region.name_zh.removesuffix('省')}第{number}{zh}",
                name_ru=f"{ru.capitalize()} № {number} ({region.name_ru})",
                name_en=f"{region.name_en} {en} No. {number}",
                illustrative=True,
            )
            _member(alliance, org)
    for n in range(1, 41):
        place = ["khabarovsk", "vladivostok", "blagoveshchensk", "suifenhe", "heihe"][n % 5]
        org = organisation_ensure(
            slug=f"srvea-interested-{n}",
            place=place,
            kind="enterprise",
            sector="enterprise",
            name_zh=f"跨境合作企业{n}号",
            name_ru=f"Трансграничное предприятие № {n}",
            name_en=f"Cross-border Enterprise No. {n}",
            illustrative=True,
        )
        _member(alliance, org, category="prospective", status="applied")
    _bodies(alliance, harbin_vocational)
    _constitution(alliance)
    _dues(alliance)
    _votes_in_preparation(alliance)
    return alliance


def _bodies(alliance, harbin_vocational) -> None:
    council, _ = Body.objects.update_or_create(
        alliance=alliance,
        kind="council",
        defaults={
            "name_zh": "联盟理事会",
            "name_ru": "Совет альянса",
            "name_en": "Alliance Council",
        },
    )
    experts, _ = Body.objects.update_or_create(
        alliance=alliance,
        kind="expert_committee",
        defaults={
            "name_zh": "专家委员会",
            "name_ru": "Экспертный комитет",
            "name_en": "Expert Committee",
        },
    )
    positions = {
        council: [
            ("chair", "理事长", "председатель", "Chair", 1),
            ("executive-chair", "执行理事长", "исполнительный председатель", "Executive chair", 1),
            ("vice-chair", "副理事长", "заместитель председателя", "Vice chair", None),
            ("secretary-general", "秘书长", "генеральный секретарь", "Secretary-general", 1),
            (
                "executive-director",
                "常务理事",
                "исполнительный директор",
                "Executive director",
                None,
            ),
        ],
        experts: [
            ("director", "主任", "директор", "Director", 1),
            ("deputy-director", "副主任", "заместитель директора", "Deputy director", None),
            ("member", "委员", "член", "Member", None),
        ],
    }
    for body, rows in positions.items():
        for rank, (key, zh, ru, en, limit) in enumerate(rows):
            Position.objects.update_or_create(
                body=body,
                key=key,
                defaults={
                    "title_zh": zh,
                    "title_ru": ru,
                    "title_en": en,
                    "max_holders": limit,
                    "rank": rank,
                },
            )
    holders = [
        (council, "executive-director", "李长妮"),
        (experts, "deputy-director", "刘存香"),
    ]
    for body, key, name in holders:
        Mandate.objects.update_or_create(
            position=Position.objects.get(body=body, key=key),
            person=Person.objects.get(name=name),
            defaults={"organisation": harbin_vocational, "start": FOUNDED},
        )


def _constitution(alliance) -> None:
    """Adopted on the ceremony day by the member units present (an in-person vote)."""
    vote, created = Vote.objects.get_or_create(
        alliance=alliance,
        kind="constitution",
        defaults={
            "title_zh": "审议通过《中俄职业教育联盟章程》",
            "title_ru": "Утверждение Устава Российско-Китайского альянса профессионального образования",
            "title_en": "Adoption of the Constitution of the Sino-Russian Vocational Education Alliance",
            "electorate": "units",
            "majority": "two_thirds",
            "quorum": Decimal("0.5"),
            "in_person": True,
        },
    )
    if created:
        for key, zh, ru, en in [("yes", "赞成", "за", "yes"), ("no", "反对", "против", "no")]:
            Option.objects.create(vote=vote, key=key, label_zh=zh, label_ru=ru, label_en=en)
        # More than 130 member units took part in person; the seed reports approval.
        vote.electorate_size = 153
        vote.result = counting.result(
            kind="constitution",
            counts={"yes": 131, "no": 0},
            abstentions=0,
            participants=131,
            electorate=153,
            quorum=vote.quorum,
            majority=vote.majority,
            abstentions_count=False,
        )
        vote.status = "closed"
        vote.save()
    ConstitutionVersion.objects.update_or_create(
        alliance=alliance,
        number=1,
        defaults={
            "adopted_on": FOUNDED,
            "vote": vote,
            "text_zh": "第一条 本联盟名称为中俄职业教育联盟。\n第二条 本联盟由哈尔滨职业技术学院、俄中商会、哈巴罗夫斯克边疆区教育发展研究院共同发起。",
            "text_ru": "Статья 1. Название: Российско-Китайский альянс профессионального образования.\nСтатья 2. Учредители: Харбинский профессионально-технический колледж, Российско-Китайская торговая палата, Хабаровский краевой институт развития образования.",
            "text_en": "Article 1. The name of the alliance is the Sino-Russian Vocational Education Alliance.\nArticle 2. It was jointly initiated by Harbin Vocational and Technical College, the Russian-Chinese Chamber of Commerce and the Khabarovsk Krai Institute for Educational Development.",
        },
    )


def _dues(alliance) -> None:
    """Dues of 2,000 yuan a year: all of 2024 paid, most of 2025, none of 2026 yet."""
    from datetime import date

    from amur.alliances.models import Dues
    from amur.alliances.services import dues_mark, dues_set

    for year in (2024, 2025, 2026):
        dues_set(alliance=alliance, year=year, amount=Decimal("2000"), currency="CNY", by=None)
    for row in Dues.objects.filter(
        membership__alliance=alliance, year__in=(2024, 2025), paid=False
    ):
        if row.year == 2024 or row.membership_id % 5:
            dues_mark(
                dues=row, paid=True, by=None, on=date(row.year, 3, 1 + row.membership_id % 28)
            )


def _votes_in_preparation(alliance) -> None:
    """An open online motion for the member units and a draft election of the expert
    committee's director, so the secretariat's pages show work in progress."""
    from amur.alliances.services import vote_candidate_add, vote_create, vote_open

    if not alliance.votes.filter(title_en="Work plan 2027").exists():
        motion = vote_create(
            alliance=alliance,
            by=None,
            kind="motion",
            title_zh="2027年工作计划",
            title_ru="План работы на 2027 год",
            title_en="Work plan 2027",
            electorate="units",
            majority="simple",
            quorum=Decimal("0.5"),
        )
        vote_open(vote=motion, by=None)
    if not alliance.votes.filter(title_en="Election of the Expert Committee director").exists():
        director = Position.objects.get(body__alliance=alliance, key="director")
        election = vote_create(
            alliance=alliance,
            by=None,
            kind="election",
            title_zh="选举专家委员会主任",
            title_ru="Выборы директора Экспертного комитета",
            title_en="Election of the Expert Committee director",
            electorate="units",
            majority="absolute",
            quorum=Decimal("0.5"),
            position=director,
        )
        for person in Person.objects.filter(name__in=["刘存香", "李长妮"]):
            vote_candidate_add(vote=election, person=person, by=None)


def _wfimc() -> None:
    wfimc = Organisation.objects.get(slug="wfimc")
    alliance = _alliance(
        "wfimc",
        wfimc,
        name_zh="世界国际音乐比赛联盟",
        name_ru="Всемирная федерация международных музыкальных конкурсов",
        name_en="World Federation of International Music Competitions",
    )
    _member(alliance, Organisation.objects.get(slug="harbin-conservatory"), joined=date(2017, 1, 1))

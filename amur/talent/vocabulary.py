# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The shared vocabulary of professional skills, labelled in three languages, keyed by an
ESCO URI where one exists (``services.skills_sync`` writes it to the database).

Where the URIs come from.  Every URI below was read from the ESCO v1.2.0 skills hierarchy
(``skillsHierarchy_en.csv`` of the ESCO download package): a line of that file names the
concept's URI beside its preferred term, quoted in the comment next to each entry.  They
are ESCO *skill groups* (level 3 of the skills pillar's hierarchy), the narrowest ESCO
concept that could be checked for these terms; the individual ESCO skills under them
(e.g. "weld metal parts") could not be verified from the sources at hand, and a guessed
URI is worse than none.

Terms left without a URI, and why:
- orchestra-conducting, vocal-pedagogy, string-pedagogy, language-teaching: the checked
  groups ("performing artistic or cultural activities", "teaching academic or vocational
  subjects") are broader than any one of them, and a key must name one term only;
  piano performance keeps the performing group, no teaching term takes the teaching one.
- interpreting, translation: ESCO's checked group is "translating and interpreting", one
  concept for both; giving it to either would make the other's absence a false statement.
- customs-brokerage, tourism-guiding, library-cataloguing: no checked ESCO concept
  matches them closely enough.
A term gains its URI here once one is verified against the ESCO classification.
"""

ESCO = "http://data.europa.eu/esco/skill/"

# key, field of exchange, Chinese, Russian, English, ESCO URI ("" where none is verified)
SKILLS: list[tuple[str, str, str, str, str, str]] = [
    (
        "piano-performance",
        "music",
        "钢琴演奏",
        "фортепианное исполнительство",
        "Piano performance",
        # S1.14.2 "performing artistic or cultural activities"
        ESCO + "395e42b8-f637-4e7e-96d8-9c1976c05d92",
    ),
    (
        "orchestra-conducting",
        "music",
        "乐队指挥",
        "дирижирование оркестром",
        "Orchestra conducting",
        "",
    ),
    ("vocal-pedagogy", "music", "声乐教学", "вокальная педагогика", "Vocal pedagogy", ""),
    (
        "string-pedagogy",
        "music",
        "弦乐教学",
        "педагогика струнных инструментов",
        "String pedagogy",
        "",
    ),
    ("language-teaching", "education", "语言教学", "преподавание языка", "Language teaching", ""),
    (
        "curriculum-design",
        "education",
        "课程设计",
        "разработка учебных программ",
        "Curriculum design",
        # S4.1.6 "developing educational programmes" (e.g. develop curriculum)
        ESCO + "7e0b93e0-0de7-4607-b07f-27a6828d3ff0",
    ),
    (
        "welding",
        "vocational-training",
        "焊接",
        "сварка",
        "Welding",
        # S7.1.6 "joining parts using soldering, welding or brazing techniques"
        ESCO + "24a39c1b-b8cc-4210-8b74-b388a90e8f59",
    ),
    (
        "logistics",
        "trade",
        "物流",
        "логистика",
        "Logistics",
        # S4.2.4 "managing transport and logistics activities"
        ESCO + "d6c8dacb-b0c0-4544-b0b7-69b24df41ba1",
    ),
    (
        "customs-brokerage",
        "trade",
        "报关",
        "таможенное оформление",
        "Customs brokerage",
        "",
    ),
    (
        "tourism-guiding",
        "tourism",
        "导游",
        "экскурсионное обслуживание",
        "Tourist guiding",
        "",
    ),
    ("interpreting", "language", "口译", "устный перевод", "Interpreting", ""),
    ("translation", "language", "笔译", "письменный перевод", "Translation", ""),
    (
        "event-management",
        "tourism",
        "活动组织",
        "организация мероприятий",
        "Event management",
        # S4.2.2 "planning events and programmes"
        ESCO + "cfd5ab8f-ef8a-4877-8243-ddf17ac74604",
    ),
    (
        "sports-coaching",
        "sports",
        "体育教练",
        "спортивная тренировка",
        "Sports coaching",
        # S1.3.5 "coaching and mentoring" (e.g. coach during a sports competition)
        ESCO + "e2bdf081-333a-414f-b8ac-93c76290f167",
    ),
    (
        "library-cataloguing",
        "libraries-archives",
        "图书编目",
        "библиотечная каталогизация",
        "Library cataloguing",
        "",
    ),
    (
        "nursing",
        "health",
        "护理",
        "сестринское дело",
        "Nursing",
        # S3.2.1 "providing medical, dental and nursing care"
        ESCO + "73e602a0-f80f-4f56-8e21-3db4fd08709d",
    ),
]

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Seed 000: the Harbin Conservatory of Music's memoranda with the St. Petersburg
Conservatory and Herzen University, its Russian experts (8 now, about 20 planned; two of
them directors of the piano and orchestra departments), and a call with applicants."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from amur.core.models import FieldOfExchange
from amur.directory.models import Organisation
from amur.directory.services import person_ensure
from amur.mobility.models import (
    Agreement,
    Application,
    Call,
    Condition,
    ExpertEngagement,
    ExpertTarget,
)

EXPERTS = [
    (
        "Иванова Елена Сергеевна",
        "Ivanova Elena",
        "钢琴系主任",
        "заведующая кафедрой фортепиано",
        "Director of the piano department",
    ),
    (
        "Петров Андрей Николаевич",
        "Petrov Andrei",
        "管弦系主任",
        "заведующий оркестровой кафедрой",
        "Director of the orchestra department",
    ),
    (
        "Смирнова Ольга Викторовна",
        "Smirnova Olga",
        "声乐教授",
        "профессор вокала",
        "Professor of voice",
    ),
    (
        "Кузнецов Дмитрий Павлович",
        "Kuznetsov Dmitrii",
        "小提琴教授",
        "профессор скрипки",
        "Professor of violin",
    ),
    (
        "Соколова Мария Игоревна",
        "Sokolova Mariia",
        "大提琴教授",
        "профессор виолончели",
        "Professor of cello",
    ),
    (
        "Волков Сергей Александрович",
        "Volkov Sergei",
        "作曲教授",
        "профессор композиции",
        "Professor of composition",
    ),
    (
        "Лебедева Анна Дмитриевна",
        "Lebedeva Anna",
        "钢琴伴奏教授",
        "профессор концертмейстерского мастерства",
        "Professor of piano accompaniment",
    ),
    (
        "Морозов Игорь Васильевич",
        "Morozov Igor",
        "指挥教授",
        "профессор дирижирования",
        "Professor of conducting",
    ),
]  # (the names are illustrative: the seed gives the numbers, not the names)


def load(*, scale: int, log) -> None:
    hcm = Organisation.objects.get(slug="harbin-conservatory")
    spb = Organisation.objects.get(slug="spb-conservatory")
    herzen = Organisation.objects.get(slug="herzen-university")
    agreements = []
    for partner, title_en, title_ru, title_zh in [
        (
            spb,
            "Memorandum of cooperation: Harbin Conservatory – St. Petersburg Conservatory",
            "Меморандум о сотрудничестве: Харбинская консерватория – Санкт-Петербургская консерватория",
            "哈尔滨音乐学院与圣彼得堡音乐学院合作备忘录",
        ),
        (
            herzen,
            "Memorandum of cooperation: Harbin Conservatory – Herzen University",
            "Меморандум о сотрудничестве: Харбинская консерватория – РГПУ им. А. И. Герцена",
            "哈尔滨音乐学院与赫尔岑师范大学合作备忘录",
        ),
    ]:
        agreement, _ = Agreement.objects.update_or_create(
            owner=hcm, title_en=title_en,
            defaults={"kind": "memorandum", "title_ru": title_ru, "title_zh": title_zh,
                      "signed_on": date(2019, 9, 1), "valid_from": date(2019, 9, 1),
                      "valid_until": date(2029, 8, 31), "status": "active", "isced_codes": "0215"},
        )  # fmt: skip
        agreement.partners.set([hcm, partner])
        for sending, receiving in ((hcm, partner), (partner, hcm)):
            Condition.objects.update_or_create(
                agreement=agreement, sending=sending, receiving=receiving, academic_year="2026/2027",
                defaults={"students": 4, "student_months": 5, "staff": 2, "staff_days": 10,
                          "language": "ru" if receiving != hcm else "zh", "language_level": "B1",
                          "isced_code": "0215", "eqf_level": 6},
            )  # fmt: skip
        agreements.append(agreement)
    music = FieldOfExchange.objects.filter(key="music").first()
    for name, latin, zh, ru, en in EXPERTS:
        person = person_ensure(
            name=name, script="cyrillic", name_latin=latin, nationality="RU", listed=False
        )
        ExpertEngagement.objects.update_or_create(
            person=person, host=hcm,
            defaults={"home": spb, "position_zh": zh, "position_ru": ru, "position_en": en,
                      "field": music, "start": date(2021, 9, 1), "end": date(2027, 8, 31)},
        )  # fmt: skip
    ExpertTarget.objects.update_or_create(host=hcm, by_year=2027, defaults={"target": 20})
    call, _ = Call.objects.update_or_create(
        agreement=agreements[0], title_en="Semester at the St. Petersburg Conservatory, spring 2027",
        defaults={"sending": hcm, "host": spb, "kind": "semester", "seats": 2,
                  "title_zh": "2027年春季圣彼得堡音乐学院交换学期",
                  "title_ru": "Семестр в Санкт-Петербургской консерватории, весна 2027",
                  "deadline": datetime(2026, 12, 15, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                  "min_language": "TORFL-1"},
    )  # fmt: skip
    users = get_user_model()
    for n, (name, status, mark) in enumerate([("王小明", "submitted", 88), ("李娜", "eligible", 91),
                                              ("张伟", "ranked", 85), ("刘洋", "ineligible", 55)]):  # fmt: skip
        applicant, _ = users.objects.get_or_create(
            username=f"demo-applicant-{n}", defaults={"email": f"applicant{n}@example.org"}
        )
        Application.objects.update_or_create(
            call=call,
            applicant=applicant,
            defaults={"name": name, "status": status, "grade_mark": mark, "language": "zh-hans"},
        )
    log(f"  {len(agreements)} memoranda, {len(EXPERTS)} foreign experts (target 20), 1 call")

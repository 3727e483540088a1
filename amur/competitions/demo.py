# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The Harbin Schoenfeld International String Competition (member of the WFIMC since
2017, seed 001) with an illustrative edition: the seed names the competition, not its
jurors or contestants, so those are synthetic and deterministic."""

from __future__ import annotations

import random
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from amur.competitions import services
from amur.competitions.models import (
    Competition,
    Conflict,
    Contestant,
    Discipline,
    Edition,
    Juror,
    Round,
)
from amur.core.models import Place
from amur.directory.models import Organisation
from amur.directory.services import person_ensure

HARBIN = ZoneInfo("Asia/Shanghai")
JURY = [("王建国", "Wang Jianguo", "CN"), ("Ирина Соколова", "Irina Sokolova", "RU"),
        ("Hans Müller", "Hans Müller", "DE"), ("陈晓燕", "Chen Xiaoyan", "CN"),
        ("Михаил Орлов", "Mikhail Orlov", "RU"), ("Yuki Tanaka", "Yuki Tanaka", "JP"),
        ("Anna Kowalska", "Anna Kowalska", "PL")]  # fmt: skip
CONTESTANTS = [("李明轩", "Li Mingxuan", "CN"), ("Алиса Морозова", "Alisa Morozova", "RU"),
               ("张雨涵", "Zhang Yuhan", "CN"), ("Даниил Ким", "Daniil Kim", "RU"),
               ("Sophie Martin", "Sophie Martin", "FR"), ("刘子墨", "Liu Zimo", "CN"),
               ("Егор Павлов", "Egor Pavlov", "RU"), ("Kim Seo-yeon", "Kim Seo-yeon", "KR"),
               ("赵思远", "Zhao Siyuan", "CN"), ("Мария Белова", "Mariia Belova", "RU")]  # fmt: skip


def load(*, scale: int, log) -> None:
    organiser = Organisation.objects.get(slug="harbin-conservatory")
    competition, _ = Competition.objects.update_or_create(
        slug="schoenfeld",
        defaults={"organiser": organiser, "name_zh": "哈尔滨勋菲尔德国际弦乐比赛",
                  "name_ru": "Харбинский международный конкурс струнных инструментов имени Шёнфельда",
                  "name_en": "Harbin Schoenfeld International String Competition"},
    )  # fmt: skip
    competition.federations.set(Organisation.objects.filter(slug="wfimc"))
    if Edition.objects.filter(competition=competition, year=2025).exists():
        log("  Schoenfeld competition 2025: already there")
        return
    edition = Edition.objects.create(
        competition=competition, year=2025, place=Place.objects.get(key="harbin"),
        venue="Harbin Concert Hall", starts=date(2025, 7, 10), ends=date(2025, 7, 22),
        applications_open=datetime(2025, 1, 10, tzinfo=HARBIN),
        applications_close=datetime(2025, 4, 30, 23, 59, tzinfo=HARBIN), fee=800,
        rules_en="Violin and cello: ages 16–30 on 10 July 2025. Scores 1–25, corrected mean.",
        rules_zh="小提琴、大提琴：2025年7月10日年龄16至30岁。评分1–25分，采用修正平均分。",
        rules_ru="Скрипка и виолончель: возраст 16–30 лет на 10 июля 2025 г. Оценки 1–25, скорректированное среднее.",
    )  # fmt: skip
    disciplines = {}
    for key, zh, ru, en, ensemble in [("violin", "小提琴", "Скрипка", "Violin", False),
                                      ("cello", "大提琴", "Виолончель", "Cello", False),
                                      ("chamber", "室内乐", "Камерный ансамбль", "Chamber music", True)]:  # fmt: skip
        disciplines[key] = Discipline.objects.create(
            edition=edition, key=key, name_zh=zh, name_ru=ru, name_en=en, ensemble=ensemble,
            min_age=16, max_age=30, age_on=date(2025, 7, 10),
        )  # fmt: skip
    users = get_user_model()
    jurors = []
    for n, (name, latin, country) in enumerate(JURY):
        person = person_ensure(name=name, name_latin=latin, nationality=country,
                               script="han" if country == "CN" else "cyrillic" if country == "RU" else "latin",
                               listed=True)  # fmt: skip
        user, _ = users.objects.get_or_create(username=f"demo-juror-{n}")
        jurors.append(
            Juror.objects.create(edition=edition, person=person, user=user, is_chair=n == 0)
        )
    violin = disciplines["violin"]
    contestants = [
        Contestant.objects.create(
            discipline=violin, number=n + 1, name=name, name_latin=latin, nationality=country,
            birth_date=date(2000 + n % 6, 3, 1 + n), status="admitted",
            teachers=[{"name": JURY[1][0], "from": 2018, "to": 2023}] if n in (1, 6) else [],
        )
        for n, (name, latin, country) in enumerate(CONTESTANTS)
    ]  # fmt: skip
    services.conflicts_propose(edition=edition)
    Conflict.objects.get_or_create(
        juror=jurors[0], contestant=contestants[2], defaults={"reason": "teacher"}
    )
    first = Round.objects.create(discipline=violin, order=1, name_zh="第一轮", name_ru="Первый тур",
                                 name_en="First round", quota=6, cap=3, status="scoring")  # fmt: skip
    Round.objects.create(discipline=violin, order=2, name_zh="决赛", name_ru="Финал", name_en="Final",
                         quota=3, cap=2, weights=[30, 70])  # fmt: skip
    rng = random.Random(2025)
    for juror in jurors:
        for contestant in contestants:
            if not Conflict.objects.filter(juror=juror, contestant=contestant).exists():
                services.score_enter(round_=first, user=juror.user, contestant=contestant,
                                     value=rng.randint(14, 24))  # fmt: skip
        services.sheet_submit(round_=first, user=juror.user)
    services.round_close(round_=first, by=jurors[0].user)
    log(
        f"  Schoenfeld competition 2025: {len(jurors)} jurors, {len(contestants)} violinists, first round closed"
    )

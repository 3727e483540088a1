# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import date, timedelta

import factory
from django.utils import timezone

from amur.competitions.models import (
    Competition,
    Contestant,
    Discipline,
    Edition,
    Juror,
    Piece,
    Round,
)
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory


class CompetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competition

    slug = factory.Sequence(lambda n: f"competition-{n}")
    name_en = "Harbin Schoenfeld International String Competition"
    name_zh = "哈尔滨勋菲尔德国际弦乐比赛"
    name_ru = "Харбинский международный конкурс струнных инструментов имени Шёнфельда"
    organiser = factory.SubFactory(OrganisationFactory)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    competition = factory.SubFactory(CompetitionFactory)
    year = 2027
    starts = date(2027, 7, 1)
    ends = date(2027, 7, 14)
    applications_open = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    applications_close = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class DisciplineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discipline

    edition = factory.SubFactory(EditionFactory)
    key = "violin"
    name_zh, name_ru, name_en = "小提琴", "Скрипка", "Violin"


class ContestantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contestant

    discipline = factory.SubFactory(DisciplineFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Участник {n}")
    nationality = "RU"
    birth_date = date(2005, 5, 5)
    status = "admitted"


class JurorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Juror

    edition = factory.SubFactory(EditionFactory)
    person = factory.SubFactory(
        PersonFactory, name=factory.Sequence(lambda n: f"Juror {n}"), name_latin=""
    )
    user = factory.SubFactory(UserFactory)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    discipline = factory.SubFactory(DisciplineFactory)
    order = 1
    name_zh, name_ru, name_en = "第一轮", "Первый тур", "First round"
    quota = 2
    status = "scoring"


class PieceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Piece

    contestant = factory.SubFactory(ContestantFactory)
    round = factory.SubFactory(RoundFactory)
    position = factory.Sequence(lambda n: n + 1)
    composer = "Пётр Ильич Чайковский"
    work = "Концерт для скрипки с оркестром ре мажор, соч. 35"
    duration = timedelta(minutes=34)


def integrity_scene() -> dict:
    """A closed round of four jurors whose integrity analysis the chair has published."""
    round_ = RoundFactory(
        status="closed",
        integrity_published=True,
        quota=3,
        results={"contestants": {}, "qualified": []},
    )
    jurors = [JurorFactory(edition=round_.discipline.edition) for _ in range(4)]
    return {"round": round_, "jurors": jurors}


def integrity_contestant(scene: dict):
    """One more scored contestant in the published round's stored results."""
    round_ = scene["round"]
    contestant = ContestantFactory(discipline=round_.discipline)
    n = contestant.number
    raw = {str(j.pk): str(10 + (n * 7 + i * 3) % 13) for i, j in enumerate(scene["jurors"])}
    if n % 5 == 0:
        raw[str(scene["jurors"][0].pk)] = "S"
    round_.results["contestants"][str(contestant.pk)] = {
        "number": n,
        "stage": "15.00",
        "total": "15.00",
        "rank": 1,
        "raw": raw,
        "corrected": {},
    }
    round_.save(update_fields=["results"])
    return contestant

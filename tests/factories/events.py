# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory

from amur.core.search import search_keys
from amur.events.models import Event, EventOrganiser, ParticipationMode
from tests.factories.core import PlaceFactory
from tests.factories.directory import OrganisationFactory

HARBIN = ZoneInfo("Asia/Shanghai")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"event-{n}")
    title_zh = "中俄文化艺术交流周"
    title_ru = "Неделя российско-китайского культурного обмена"
    title_en = "Sino-Russian Culture and Art Exchange Week"
    kind = "culture_week"
    status = "published"
    place = factory.SubFactory(PlaceFactory)
    venue = "Harbin Grand Theatre"
    start = factory.LazyFunction(lambda: datetime(2027, 8, 3, 9, 0, tzinfo=HARBIN))
    end = factory.LazyAttribute(lambda e: e.start + timedelta(hours=8))
    timezone = "Asia/Shanghai"
    search_keys = factory.LazyAttribute(
        lambda e: search_keys(e.title_zh, e.title_ru, e.title_en, "哈尔滨", "Харбин", "Harbin")
    )

    @factory.post_generation
    def host(obj, create, extracted, **kwargs):
        if create:
            EventOrganiser.objects.create(
                event=obj, organisation=extracted or OrganisationFactory(), role="host"
            )


class ModeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipationMode

    event = factory.SubFactory(EventFactory)
    attendance = "in_person"
    capacity = 10

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from decimal import Decimal

import factory

from amur.core.models import FieldOfExchange, Place


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place
        django_get_or_create = ("key",)

    key = "harbin"
    kind = "city"
    country_code = "CN"
    name_zh = "哈尔滨"
    name_ru = "Харбин"
    name_en = "Harbin"
    lat = Decimal("45.80")
    lon = Decimal("126.54")
    timezone = "Asia/Harbin"
    search_keys = "哈尔滨 ha er bin haerbin харбин kharbin harbin"


def moscow() -> Place:
    return PlaceFactory(
        key="moscow",
        country_code="RU",
        name_zh="莫斯科",
        name_ru="Москва",
        name_en="Moscow",
        lat=Decimal("55.76"),
        lon=Decimal("37.62"),
        timezone="Europe/Moscow",
        search_keys="莫斯科 mo si ke mosike москва moskva moscow",
    )


class FieldOfExchangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FieldOfExchange
        django_get_or_create = ("key",)

    key = "music"
    name_zh = "音乐"
    name_ru = "Музыка"
    name_en = "Music"

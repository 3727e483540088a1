# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import factory

from amur.talent import services
from amur.talent.models import Profile, Skill
from tests.factories.directory import OrganisationFactory, PersonFactory


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"skill-{n}")
    name_zh = factory.Sequence(lambda n: f"技能{n}")
    name_ru = factory.Sequence(lambda n: f"Навык {n}")
    name_en = factory.Sequence(lambda n: f"Skill {n}")


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    person = factory.SubFactory(PersonFactory)
    visibility = "public"
    headline_en = "Piano teacher"


def talent(*, visibility="public", credentials=(), skills=(), user=None, **person_fields):
    """A person with a profile and credentials [(language, scheme, level, skill)]."""
    person = PersonFactory(user=user, **person_fields)
    profile = ProfileFactory(person=person, visibility=visibility)
    for language, scheme, level, *rest in credentials:
        services.credential_add(
            person=person,
            language=language,
            scheme=scheme,
            level=level,
            skill=rest[0] if rest else "overall",
        )
    if skills:
        profile.skills.set(skills)
    return profile


def need(*, organisation=None, requirements=(), **values):
    values.setdefault("title_en", "Russian piano experts")
    return services.need_create(
        organisation=organisation or OrganisationFactory(),
        by=None,
        kind=values.pop("kind", "expert"),
        requirements=requirements,
        **values,
    )


def training_offer(*, organisation=None, seats=10, **values):
    from datetime import datetime, timedelta

    from django.utils import timezone

    start = timezone.make_aware(datetime(2027, 3, 1, 9))
    values.setdefault("title_en", "Chinese language + welding")
    return services.training_create(
        organisation=organisation or OrganisationFactory(),
        by=None,
        language=values.pop("language", "zh"),
        award_scheme=values.pop("award_scheme", "hsk3"),
        award_level=values.pop("award_level", "4"),
        start=start,
        end=start + timedelta(days=60),
        seats=seats,
        **values,
    )

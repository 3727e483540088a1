# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import factory
from django.contrib.auth import get_user_model

from amur.accounts.models import OrganisationRole, Profile
from amur.core.search import search_keys
from amur.directory.models import Organisation, Person
from tests.factories.core import PlaceFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def language(obj, create, extracted, **kwargs):
        if create:
            Profile.objects.get_or_create(user=obj, defaults={"language": extracted or "en"})


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"org-{n}")
    name_zh = factory.Sequence(lambda n: f"哈尔滨第{n}职业学院")
    name_ru = factory.Sequence(lambda n: f"Харбинский колледж №{n}")
    name_en = factory.Sequence(lambda n: f"Harbin College No. {n}")
    kind = "vocational_college"
    sector = "public"
    place = factory.SubFactory(PlaceFactory)
    search_keys = factory.LazyAttribute(lambda o: search_keys(o.name_zh, o.name_ru, o.name_en))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = "李长妮"
    script = "han"
    name_latin = "Li Changni"
    name_ru = "Ли Чанни"
    nationality = "CN"
    listed = True
    search_keys = factory.LazyAttribute(lambda p: search_keys(p.name, p.name_latin, p.name_ru))


def give_role(user, organisation, role: str) -> OrganisationRole:
    """Grant ``role`` (admin, editor, member) to ``user`` in ``organisation``."""
    from amur.accounts.services import organisation_role_set

    organisation_role_set(user=user, organisation=organisation, role=role)
    return OrganisationRole.objects.get(user=user, organisation=organisation)

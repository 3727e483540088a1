# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import factory

from amur.alliances.models import Alliance, Body, Membership, Option, Vote
from tests.factories.directory import OrganisationFactory


class AllianceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alliance

    slug = factory.Sequence(lambda n: f"alliance-{n}")
    name_zh = "中俄职业教育联盟"
    name_ru = "Российско-китайский альянс профессионального образования"
    name_en = "Sino-Russian Vocational Education Alliance"
    secretariat = factory.SubFactory(OrganisationFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    alliance = factory.SubFactory(AllianceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    category = "member"
    status = "active"


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    alliance = factory.SubFactory(AllianceFactory)
    kind = "council"
    name_en = "Council"


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote
        skip_postgeneration_save = True

    alliance = factory.SubFactory(AllianceFactory)
    kind = "motion"
    title_en = "Adopt the annual plan"
    electorate = "units"
    majority = "simple"

    @factory.post_generation
    def options(obj, create, extracted, **kwargs):
        if create:
            for key in extracted or ["yes", "no"]:
                Option.objects.create(vote=obj, key=key, label_en=key)

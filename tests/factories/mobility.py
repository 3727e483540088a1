# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import date, timedelta

import factory
from django.utils import timezone

from amur.mobility.models import Agreement, Application, Call, Mobility
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    kind = "memorandum"
    title_en = "Memorandum of cooperation"
    owner = factory.SubFactory(OrganisationFactory)
    status = "active"


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    agreement = factory.SubFactory(AgreementFactory)
    sending = factory.SelfAttribute("agreement.owner")
    host = factory.SubFactory(OrganisationFactory)
    kind = "semester"
    title_en = "Semester in Saint Petersburg"
    seats = 2
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    applicant = factory.SubFactory(UserFactory)
    name = "王小明"
    status = "draft"


class MobilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mobility

    person = factory.SubFactory(PersonFactory)
    sending = factory.SubFactory(OrganisationFactory)
    receiving = factory.SubFactory(OrganisationFactory)
    kind = "semester"
    start = date(2027, 2, 1)
    end = date(2027, 6, 30)

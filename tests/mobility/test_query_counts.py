# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility's lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from amur.mobility.models import Condition, JointProgramme
from tests.factories.core import moscow
from tests.factories.directory import OrganisationFactory, UserFactory
from tests.factories.mobility import (
    AgreementFactory,
    ApplicationFactory,
    CallFactory,
    MobilityFactory,
)
from tests.query_counts import ListCase, assert_queries_do_not_grow
from tests.signed_in_query_counts import assert_signed_in_list_does_not_grow


def _programme(_scene):
    home, partner = OrganisationFactory(), OrganisationFactory()
    programme = JointProgramme.objects.create(
        kind="language_profession", title_en="Russian and welding", owner=home
    )
    programme.partners.set([home, partner])
    return programme


CASES = [
    ListCase("mobility calls", lambda s: "/mobility/", lambda s: CallFactory()),
    ListCase("API mobility calls", lambda s: "/api/v1/mobility/calls", lambda s: CallFactory()),
    ListCase("joint programmes", lambda s: "/mobility/programmes/", _programme),
    ListCase("API joint programmes", lambda s: "/api/v1/mobility/programmes", _programme),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)


@pytest.mark.django_db
def test_signed_in_mobility_lists_query_counts_do_not_grow_with_rows(client):

    staff = UserFactory(is_staff=True)
    for url in ("/api/v1/mobility/mobilities", "/mobility/mobilities/"):
        assert_signed_in_list_does_not_grow(client, url, staff, url, MobilityFactory)
    applicant = UserFactory()
    assert_signed_in_list_does_not_grow(
        client,
        "own applications",
        applicant,
        "/api/v1/mobility/applications/mine",
        lambda: ApplicationFactory(applicant=applicant),
    )


def _flow(_scene):
    """A stay from a Harbin to a Moscow organisation under an agreement that expires soon,
    with its condition: a row of each table on the reports page."""
    harbin_side, moscow_side = OrganisationFactory(), OrganisationFactory(place=moscow())
    agreement = AgreementFactory(
        owner=harbin_side, valid_until=timezone.localdate() + timedelta(days=30)
    )
    agreement.partners.set([harbin_side, moscow_side])
    Condition.objects.create(
        agreement=agreement,
        sending=harbin_side,
        receiving=moscow_side,
        academic_year="2026/2027",
        students=2,
    )
    return MobilityFactory(sending=harbin_side, receiving=moscow_side, agreement=agreement)


REPORT_CASES = [
    ListCase("mobility reports", lambda s: "/mobility/reports/", _flow),
    ListCase("API mobility flows", lambda s: "/api/v1/mobility/reports/flows", _flow),
    ListCase("API mobility seats", lambda s: "/api/v1/mobility/reports/seats", _flow),
    ListCase("API mobility expiring", lambda s: "/api/v1/mobility/reports/expiring", _flow),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", REPORT_CASES, ids=str)
def test_report_query_counts_do_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The library's lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from amur.library import services
from amur.library.models import LoanRequest
from tests.factories.directory import OrganisationFactory, UserFactory
from tests.factories.library import RecordFactory
from tests.query_counts import ListCase, assert_queries_do_not_grow
from tests.signed_in_query_counts import assert_signed_in_list_does_not_grow

CASES = [
    ListCase(
        "OAI-PMH ListRecords",
        lambda s: "/library/oai?verb=ListRecords&metadataPrefix=oai_dc",
        lambda s: RecordFactory(),
    ),
    ListCase("catalogue search", lambda s: "/library/?q=onegin", lambda s: RecordFactory()),
    ListCase(
        "API catalogue records",
        lambda s: "/api/v1/library/records?q=onegin",
        lambda s: RecordFactory(),
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)


@pytest.mark.django_db
def test_loans_list_query_count_does_not_grow_with_rows(client):
    requester, first, second = (OrganisationFactory(kind="library") for _ in range(3))

    def add():
        record = RecordFactory(library=first)
        return services.loan_request_send(
            requester=requester, record=record, suppliers=[first, second]
        )

    staff = UserFactory(is_staff=True)
    for url in ("/api/v1/library/ill/loans", "/library/loans/"):
        LoanRequest.objects.all().delete()
        assert_signed_in_list_does_not_grow(client, url, staff, url, add)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The library's lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import pytest

from amur.library import services
from amur.library.models import LoanRequest
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.library import HoldingFactory, LibrarySettingsFactory, RecordFactory
from tests.permissions import cast
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


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/library/my-requests/", "/api/v1/library/patron-requests"])
def test_readers_requests_query_count_does_not_grow_with_rows(client, url):
    people = cast()
    for organisation in (people.org_a, people.org_b):
        LibrarySettingsFactory(organisation=organisation)

    def add():
        # Each a book only library B holds, asked of the reader's own library A; every
        # other one ordered as a loan, so both stages are on the list.
        record = RecordFactory(library=people.org_b)
        HoldingFactory(record=record, library=people.org_b)
        asked = services.patron_request_create(
            reader=people.member_a, library=people.org_a, record=record
        )
        if asked.pk % 2:
            services.patron_request_order(patron_request=asked)
        return asked

    assert_signed_in_list_does_not_grow(client, url, people.member_a, url, add)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/library/exchange/", "/api/v1/library/exchange/requests"])
def test_exchange_requests_query_count_does_not_grow_with_rows(client, url):
    offering, receiving = (LibrarySettingsFactory().organisation for _ in range(2))
    librarian = UserFactory()
    give_role(librarian, receiving, "editor")
    barcodes = (f"EX-{n}" for n in range(100))

    def add():
        # Each an offer of one copy and the receiving library's request for it.
        barcode = next(barcodes)
        HoldingFactory(record=RecordFactory(library=offering), library=offering, barcode=barcode)
        offer = services.exchange_offer_publish(
            library=offering, kind="donation", titles={"ru": "Дар книг"}, barcodes=[barcode]
        )
        return services.exchange_request_create(
            offer=offer, requester=receiving, items=list(offer.items.all())
        )

    assert_signed_in_list_does_not_grow(client, url, librarian, url, add)

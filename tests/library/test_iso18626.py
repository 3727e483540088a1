# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""ILL transactions as ISO 18626 XML: export, import through the transition table, round
trip.  The ISO 18626 v1.2 schema is not redistributable, so every document is checked
against its structure written down as data (amur.library.iso18626_schema: element order,
occurrences, code lists); test_iso18626_messages.py covers every message kind and
confirmation."""

import io
import zipfile
from datetime import date

import pytest
from lxml import etree

from amur.library import iso18626, services
from amur.library.models import LoanRequest
from tests.factories.directory import UserFactory, give_role
from tests.factories.library import LibrarySettingsFactory, RecordFactory

pytestmark = pytest.mark.django_db
NS = {"i": "http://illtransactions.org/2013/iso18626"}
HEADER = [
    "supplyingAgencyId",
    "requestingAgencyId",
    "multipleItemRequestId",
    "timestamp",
    "requestingAgencyRequestId",
]


@pytest.fixture
def libraries():
    requester, first, second = (LibrarySettingsFactory().organisation for _ in range(3))
    record = RecordFactory(library=first, isbn="9785170545377")
    return requester, first, second, record


def happy_path(libraries):
    requester, first, _second, record = libraries
    loan = services.loan_request_send(requester=requester, record=record, suppliers=[first])
    for status in ("ExpectToSupply", "Loaned"):
        services.loan_supplier_status(
            request=loan, status=status, by_organisation=first, today=date(2026, 11, 1)
        )
    for action in ("Received", "ShippedReturn"):
        services.loan_requester_action(request=loan, action=action, by_organisation=requester)
    services.loan_supplier_status(request=loan, status="LoanCompleted", by_organisation=first)
    return LoanRequest.objects.get(pk=loan.pk)


def kind_and_value(document: bytes) -> tuple[str, str]:
    root = etree.fromstring(document)
    body = root[0]
    kind = etree.QName(body).localname
    value = body.findtext("i:statusInfo/i:status", namespaces=NS) or body.findtext(
        "i:action", namespaces=NS
    )
    return kind, value or ""


def test_every_message_is_an_iso18626_document_with_the_required_header(libraries):
    loan = happy_path(libraries)
    requester, first, _second, _record = libraries

    documents = iso18626.transaction_xml(loan)

    assert [kind_and_value(d) for d in documents] == [
        ("request", ""),
        ("supplyingAgencyMessage", "ExpectToSupply"),
        ("supplyingAgencyMessage", "Loaned"),
        ("requestingAgencyMessage", "Received"),
        ("requestingAgencyMessage", "ShippedReturn"),
        ("supplyingAgencyMessage", "LoanCompleted"),
    ]
    for document in documents:
        root = etree.fromstring(document)
        header = root[0].find("i:header", NS)
        assert root.tag == "{http://illtransactions.org/2013/iso18626}ISO18626Message"
        assert root.get("{http://illtransactions.org/2013/iso18626}version") == "1.2"
        assert [etree.QName(e).localname for e in header] == HEADER
        assert header.findtext("i:supplyingAgencyId/i:agencyIdValue", namespaces=NS) == (
            first.library.code
        )
        assert header.findtext("i:requestingAgencyId/i:agencyIdValue", namespaces=NS) == (
            requester.library.code
        )
        assert header.findtext("i:requestingAgencyRequestId", namespaces=NS) == f"AMUR-{loan.pk}"
    request = etree.fromstring(documents[0])[0]
    isbn = "i:bibliographicInfo/i:bibliographicItemId/i:bibliographicItemIdentifier"
    assert request.findtext(isbn, namespaces=NS) == "9785170545377"
    assert request.findtext("i:serviceInfo/i:serviceType", namespaces=NS) == "Loan"
    status = etree.fromstring(documents[2])[0]
    assert [etree.QName(e).localname for e in status] == ["header", "messageInfo", "statusInfo"]


def _reimport(documents):
    for document in documents:
        iso18626.apply(iso18626.parse(document))


def test_round_trip_export_then_import_gives_the_same_transaction(libraries):
    loan = happy_path(libraries)
    documents = iso18626.transaction_xml(loan)
    before = [kind_and_value(d) for d in documents]
    LoanRequest.objects.filter(pk=loan.pk).delete()

    _reimport(documents)

    again = LoanRequest.objects.get()
    assert (again.status, again.received, again.external_id) == (
        "LoanCompleted",
        True,
        f"AMUR-{loan.pk}",
    )
    assert [kind_and_value(d) for d in iso18626.transaction_xml(again)] == before


def test_round_trip_of_a_rota_step(libraries):
    requester, first, second, record = libraries
    loan = services.loan_request_send(requester=requester, record=record, suppliers=[first, second])
    services.loan_supplier_status(
        request=loan, status="Unfilled", reason="NotOnShelf", by_organisation=first
    )
    services.loan_supplier_status(
        request=LoanRequest.objects.get(pk=loan.pk), status="Loaned", by_organisation=second
    )
    documents = iso18626.transaction_xml(LoanRequest.objects.get(pk=loan.pk))
    suppliers = [
        etree.fromstring(d).findtext(".//i:supplyingAgencyId/i:agencyIdValue", namespaces=NS)
        for d in documents
    ]
    LoanRequest.objects.filter(pk=loan.pk).delete()

    _reimport(documents)

    again = LoanRequest.objects.get()
    assert suppliers == [
        first.library.code,
        first.library.code,
        second.library.code,
        second.library.code,
    ]
    assert (again.supplier, again.status) == (second, "Loaned")
    assert list(again.messages.values_list("value", "reason")) == [
        ("Request", ""),
        ("Unfilled", "NotOnShelf"),
        ("Request", ""),
        ("Loaned", ""),
    ]


def test_an_illegal_message_is_refused_with_the_transition_tables_reason(libraries):
    loan = happy_path(libraries)
    documents = iso18626.transaction_xml(loan)
    LoanRequest.objects.filter(pk=loan.pk).delete()
    _reimport(documents[:1])

    with pytest.raises(iso18626.Iso18626Error, match="does not allow LoanCompleted"):
        iso18626.apply(iso18626.parse(documents[-1]))
    assert LoanRequest.objects.get().status == "RequestReceived"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"<not xml", "cannot be read"),
        (b"<ISO18626Message xmlns='urn:other'><request/></ISO18626Message>", "not ISO18626Message"),
        (
            b"<ISO18626Message xmlns='http://illtransactions.org/2013/iso18626' ill:version='1.2' "
            b"xmlns:ill='http://illtransactions.org/2013/iso18626'>"
            b"<request><header/></request></ISO18626Message>",
            "bibliographicInfo is missing",
        ),
    ],
)
def test_what_is_not_iso18626_is_refused_before_anything_is_applied(data, error):
    with pytest.raises(iso18626.Iso18626Error, match=error):
        iso18626.parse(data)


def _auth(user):
    from amur.accounts.services import api_token_create

    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def test_api_import_answers_with_the_standards_confirmation(client, libraries):
    requester, first, _second, _record = libraries
    loan = happy_path(libraries)
    documents = iso18626.transaction_xml(loan)
    LoanRequest.objects.filter(pk=loan.pk).delete()
    supplier_librarian, requester_librarian = UserFactory(), UserFactory()
    give_role(supplier_librarian, first, "editor")
    give_role(requester_librarian, requester, "editor")

    def post(document, user):
        return client.post(
            "/api/v1/library/ill/iso18626", document, content_type="application/xml", **_auth(user)
        )

    created = post(documents[0], requester_librarian)
    illegal = post(documents[-1], supplier_librarian)
    as_the_other_side = post(documents[1], requester_librarian)

    ok = etree.fromstring(created.content)
    error = etree.fromstring(illegal.content)
    assert created.status_code == 200
    assert ok.findtext(".//i:messageStatus", namespaces=NS) == "OK"
    assert etree.QName(ok[0]).localname == "requestConfirmation"
    assert illegal.status_code == 409
    assert error.findtext(".//i:messageStatus", namespaces=NS) == "ERROR"
    assert "does not allow LoanCompleted" in error.findtext(".//i:errorValue", namespaces=NS)
    assert as_the_other_side.status_code == 403
    assert LoanRequest.objects.get().status == "RequestReceived"


def test_export_is_for_the_two_libraries_of_the_loan_only(client, libraries):
    requester, _first, _second, _record = libraries
    loan = happy_path(libraries)
    party, outsider = UserFactory(), UserFactory()
    give_role(party, requester, "editor")
    give_role(outsider, LibrarySettingsFactory().organisation, "editor")

    client.force_login(party)
    archive = client.get(f"/library/loans/{loan.pk}/iso18626.zip")
    api = client.get(f"/api/v1/library/ill/{loan.pk}/iso18626")
    client.force_login(outsider)
    hidden = client.get(f"/library/loans/{loan.pk}/iso18626.zip")
    hidden_api = client.get(f"/api/v1/library/ill/{loan.pk}/iso18626")

    names = zipfile.ZipFile(io.BytesIO(archive.content)).namelist()
    assert names == [f"AMUR-{loan.pk}-{n:03d}.xml" for n in range(1, 7)]
    assert len(api.json()) == 6
    assert (hidden.status_code, hidden_api.status_code) == (404, 404)


def test_page_import_acts_only_for_the_sending_library(client, libraries):
    from django.core.files.uploadedfile import SimpleUploadedFile

    requester, _first, _second, _record = libraries
    loan = happy_path(libraries)
    documents = iso18626.transaction_xml(loan)
    LoanRequest.objects.filter(pk=loan.pk).delete()
    outsider, librarian = UserFactory(), UserFactory()
    give_role(librarian, requester, "editor")

    client.force_login(outsider)
    refused = client.post(
        "/library/loans/iso18626/", {"file": SimpleUploadedFile("m.xml", documents[0])}
    )
    client.force_login(librarian)
    client.post("/library/loans/iso18626/", {"file": SimpleUploadedFile("m.xml", documents[0])})

    assert refused.status_code == 403
    assert LoanRequest.objects.get().requester == requester

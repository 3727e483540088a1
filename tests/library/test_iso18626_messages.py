# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every ISO 18626 message kind and every confirmation Amur writes, checked against the
standard's element order and code lists (amur.library.iso18626_schema), and the import's
refusals: each answered with an error confirmation that names what is wrong and changes
nothing.  Messages written in the style of other library systems are taken too."""

from datetime import date

import pytest
from lxml import etree

from amur.library import iso18626, services
from amur.library import iso18626_schema as schema
from amur.library.models import LoanMessage, LoanRequest
from tests.factories.library import LibrarySettingsFactory, RecordFactory

pytestmark = pytest.mark.django_db
NS = "http://illtransactions.org/2013/iso18626"
N = {"i": NS}


def names(element) -> list[str]:
    return [etree.QName(child).localname for child in element]


def order_of(kind: str) -> list[str]:
    return [child.name for child in schema.ELEMENTS[kind]]


def in_schema_order(element) -> bool:
    """The children of ``element`` appear in the order the standard lists them."""
    order = order_of(etree.QName(element).localname)
    positions = [order.index(name) for name in names(element)]
    return positions == sorted(positions)


@pytest.fixture
def libraries():
    requester, first, second = (LibrarySettingsFactory().organisation for _ in range(3))
    record = RecordFactory(
        library=first, isbn="9785170545377", publisher="Nauka", place="Moskva", edition="2-e izd."
    )
    RecordFactory(library=second, isbn="9785170545377")
    return requester, first, second, record


def every_kind_of_transaction(libraries) -> list[LoanRequest]:
    """Transactions that between them send every status, every action Amur sends, both
    reason lists, a rota step and the answers to StatusRequest, Renew and Cancel."""
    requester, first, second, record = libraries
    loans = []

    def status(loan, value, by, reason=""):
        services.loan_supplier_status(
            request=loan, status=value, reason=reason, by_organisation=by, today=date(2026, 11, 1)
        )

    def action(loan, value):
        note = "Thank you" if value == "Notification" else ""
        services.loan_requester_action(
            request=loan, action=value, by_organisation=requester, note=note
        )

    loan = services.loan_request_send(requester=requester, record=record, suppliers=[first])
    status(loan, "ExpectToSupply", first)
    action(loan, "StatusRequest")
    status(loan, "WillSupply", first)
    status(loan, "Loaned", first)
    action(loan, "Received")
    action(loan, "Renew")
    status(loan, "Overdue", first)
    status(loan, "Recalled", first)
    action(loan, "Notification")
    action(loan, "ShippedReturn")
    status(loan, "LoanCompleted", first)
    loans.append(loan)

    loan = services.loan_request_send(requester=requester, record=record, suppliers=[first, second])
    status(loan, "Unfilled", first, "NotOnShelf")
    status(loan, "RetryPossible", second, "OnLoan")
    action(loan, "Cancel")
    loans.append(loan)

    loan = services.loan_request_send(requester=requester, record=record, suppliers=[first])
    status(loan, "Loaned", first)
    action(loan, "ShippedForward")
    status(loan, "CompletedWithoutReturn", first)
    loans.append(loan)

    for final in ("CopyCompleted", "Cancelled"):
        loan = services.loan_request_send(requester=requester, record=record, suppliers=[first])
        status(loan, final, first)
        loans.append(loan)
    return [LoanRequest.objects.get(pk=loan.pk) for loan in loans]


def test_every_message_amur_sends_follows_the_standards_order_and_code_lists(libraries):
    documents = [
        d for loan in every_kind_of_transaction(libraries) for d in iso18626.transaction_xml(loan)
    ]
    seen = {"status": set(), "action": set(), "reasonForMessage": set(), "kind": set()}

    for document in documents:
        root = etree.fromstring(document)
        schema.check_message(root)  # raises on any break of order, occurrence or code list
        body = root[0]
        kind = etree.QName(body).localname
        seen["kind"].add(kind)
        assert in_schema_order(body)
        header = body.find("i:header", N)
        assert names(header) == order_of("header")[:5]
        assert header.findtext("i:multipleItemRequestId", namespaces=N) == ""
        for element in body.iter():
            assert in_schema_order(element) if len(element) else True
        for name in ("status", "action", "reasonForMessage"):
            seen[name].update(e.text for e in body.iter(f"{{{NS}}}{name}"))

    assert seen["kind"] == {"request", "supplyingAgencyMessage", "requestingAgencyMessage"}
    assert seen["status"] == set(schema.CODES["status"]) - {"RequestReceived"}
    assert seen["action"] == set(schema.CODES["action"])
    # Renew and Cancel take effect at once: Amur writes no RenewResponse or CancelResponse.
    assert seen["reasonForMessage"] == {"RequestResponse", "StatusRequestResponse", "StatusChange"}


def test_the_first_answer_to_a_request_is_a_request_response(libraries):
    loan = every_kind_of_transaction(libraries)[1]  # Unfilled at the first, then the rota
    documents = iso18626.transaction_xml(loan)

    reasons = [
        (
            etree.fromstring(d).findtext(".//i:status", namespaces=N),
            etree.fromstring(d).findtext(".//i:reasonForMessage", namespaces=N),
        )
        for d in documents
    ]

    assert [r for r in reasons if r[0]] == [
        ("Unfilled", "RequestResponse"),  # the first supplier's answer
        ("RetryPossible", "RequestResponse"),  # the second's, after the rota's request
    ]
    unfilled = etree.fromstring(documents[1])[0]
    assert names(unfilled.find("i:messageInfo", N)) == ["reasonForMessage", "reasonUnfilled"]
    assert unfilled.findtext(".//i:reasonUnfilled", namespaces=N) == "NotOnShelf"


def test_the_check_finds_what_the_old_messages_broke():
    """The checker itself fails on the faults issue 13 lists."""
    header_without_multiple = (
        "<header><supplyingAgencyId><agencyIdType>ISIL</agencyIdType><agencyIdValue>A"
        "</agencyIdValue></supplyingAgencyId><requestingAgencyId><agencyIdType>ISIL"
        "</agencyIdType><agencyIdValue>B</agencyIdValue></requestingAgencyId>"
        "<timestamp>2026-11-01T10:00:00Z</timestamp>"
        "<requestingAgencyRequestId>X</requestingAgencyRequestId></header>"
    )
    confirmation_header = (
        "<confirmationHeader><timestamp>2026-11-01T10:00:00Z</timestamp>"
        "<timestampReceived>2026-11-01T10:00:00Z</timestampReceived>"
        "<messageStatus>ERROR</messageStatus></confirmationHeader>"
    )
    error = "<errorData><errorType>BadlyFormedMessage</errorType></errorData>"
    broken = {
        "multipleItemRequestId is missing": f"<requestingAgencyMessage>{header_without_multiple}"
        "<action>Received</action></requestingAgencyMessage>",
        "reasonForMessage: the element is out of order": "<supplyingAgencyMessageConfirmation>"
        f"{confirmation_header}{error}<reasonForMessage>StatusChange</reasonForMessage>"
        "</supplyingAgencyMessageConfirmation>",
        "action: the element is out of order": "<requestingAgencyMessageConfirmation>"
        f"{confirmation_header}{error}<action>Received</action>"
        "</requestingAgencyMessageConfirmation>",
        "timestampReceived is missing": "<requestConfirmation>"
        + confirmation_header.replace(
            "<timestampReceived>2026-11-01T10:00:00Z</timestampReceived>", ""
        )
        + "</requestConfirmation>",
    }
    for expected, body in broken.items():
        root = etree.fromstring(
            f"<ISO18626Message xmlns='{NS}' xmlns:ill='{NS}' "
            f"ill:version='1.2'>{body}</ISO18626Message>"
        )
        with pytest.raises(schema.Problem, match=expected):
            schema.check_message(root)


# Confirmations -------------------------------------------------------------------------


def answer(data: bytes):
    """What the import endpoints do: check, act, confirm."""
    incoming = None
    try:
        incoming = iso18626.parse(data)
        iso18626.apply(incoming)
    except iso18626.Iso18626Error as exc:
        return etree.fromstring(iso18626.confirmation_xml(incoming, exc))
    return etree.fromstring(iso18626.confirmation_xml(incoming))


def document(body: str) -> bytes:
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><ISO18626Message xmlns='{NS}' "
        f"xmlns:ill='{NS}' ill:version='1.2'>{body}</ISO18626Message>"
    ).encode()


def header(
    supplier: str,
    requester: str,
    request_id: str,
    *,
    timestamp="2026-11-02T09:30:00Z",
    id_type="ISIL",
    multiple="",
) -> str:
    return (
        f"<header><supplyingAgencyId><agencyIdType>{id_type}</agencyIdType><agencyIdValue>"
        f"{supplier}</agencyIdValue></supplyingAgencyId><requestingAgencyId><agencyIdType>"
        f"{id_type}</agencyIdType><agencyIdValue>{requester}</agencyIdValue>"
        f"</requestingAgencyId><multipleItemRequestId>{multiple}</multipleItemRequestId>"
        f"<timestamp>{timestamp}</timestamp><requestingAgencyRequestId>{request_id}"
        f"</requestingAgencyRequestId></header>"
    )


def request_body(supplier, requester, request_id, **kwargs) -> str:
    return (
        f"<request>{header(supplier, requester, request_id, **kwargs)}<bibliographicInfo>"
        "<title>Evgeniĭ Onegin</title><bibliographicItemId><bibliographicItemIdentifier>"
        "9785170545377</bibliographicItemIdentifier><bibliographicItemIdentifierCode>ISBN"
        "</bibliographicItemIdentifierCode></bibliographicItemId></bibliographicInfo>"
        "<serviceInfo><serviceType>Loan</serviceType></serviceInfo></request>"
    )


def status_body(supplier, requester, request_id, status, reason="StatusChange") -> str:
    return (
        f"<supplyingAgencyMessage>{header(supplier, requester, request_id)}<messageInfo>"
        f"<reasonForMessage>{reason}</reasonForMessage></messageInfo><statusInfo><status>"
        f"{status}</status><lastChange>2026-11-02T09:30:00Z</lastChange></statusInfo>"
        "</supplyingAgencyMessage>"
    )


def action_body(supplier, requester, request_id, action) -> str:
    return (
        f"<requestingAgencyMessage>{header(supplier, requester, request_id)}"
        f"<action>{action}</action></requestingAgencyMessage>"
    )


def state():
    return (
        list(LoanRequest.objects.values_list("pk", "status", "supplier", "received")),
        LoanMessage.objects.count(),
    )


def check_confirmation(root, kind: str, status: str):
    """A confirmation of the right kind, valid against the standard, in its order."""
    schema.check_message(root)
    body = root[0]
    assert etree.QName(body).localname == kind
    assert in_schema_order(body)
    assert in_schema_order(body[0])
    confirmation_header = body.find("i:confirmationHeader", N)
    assert confirmation_header.findtext("i:messageStatus", namespaces=N) == status
    assert schema.is_datetime(confirmation_header.findtext("i:timestampReceived", namespaces=N))
    return body


def test_ok_confirmations_echo_the_message(libraries):
    requester, first, _second, _record = libraries
    sup, req = first.library.code, requester.library.code

    created = answer(document(request_body(sup, req, "KOHA-77")))
    loan = LoanRequest.objects.get()
    status = answer(document(status_body(sup, req, "KOHA-77", "Loaned", "RequestResponse")))
    action = answer(document(action_body(sup, req, "KOHA-77", "Received")))

    body = check_confirmation(created, "requestConfirmation", "OK")
    assert names(body[0]) == [
        "supplyingAgencyId",
        "requestingAgencyId",
        "timestamp",
        "requestingAgencyRequestId",
        "multipleItemRequestId",
        "timestampReceived",
        "messageStatus",
    ]
    assert body[0].findtext("i:timestampReceived", namespaces=N) == "2026-11-02T09:30:00Z"
    assert body[0].findtext("i:requestingAgencyRequestId", namespaces=N) == "KOHA-77"
    body = check_confirmation(status, "supplyingAgencyMessageConfirmation", "OK")
    assert names(body) == ["confirmationHeader", "reasonForMessage"]
    assert body.findtext("i:reasonForMessage", namespaces=N) == "RequestResponse"
    body = check_confirmation(action, "requestingAgencyMessageConfirmation", "OK")
    assert names(body) == ["confirmationHeader", "action"]
    loan.refresh_from_db()
    assert (loan.external_id, loan.status, loan.received) == ("KOHA-77", "Loaned", True)


def _broken_cases(sup, req, loan_id):
    old_header = header(sup, req, loan_id).replace(
        "<multipleItemRequestId></multipleItemRequestId>", ""
    )
    return {
        "unreadable XML": (
            b"<ISO18626Message><request>",
            "requestConfirmation",
            "BadlyFormedMessage",
            "cannot be read",
        ),
        "header out of order": (
            document(
                f"<requestingAgencyMessage>{old_header}<action>Received</action>"
                "</requestingAgencyMessage>"
            ),
            "requestingAgencyMessageConfirmation",
            "BadlyFormedMessage",
            "multipleItemRequestId is missing",
        ),
        "unknown element": (
            document(
                action_body(sup, req, loan_id, "Received").replace(
                    "<action>", "<priority>high</priority><action>"
                )
            ),
            "requestingAgencyMessageConfirmation",
            "UnrecognisedDataElement",
            "priority",
        ),
        "status outside the code list": (
            document(status_body(sup, req, loan_id, "Shipped")),
            "supplyingAgencyMessageConfirmation",
            "UnrecognisedDataValue",
            "'Shipped'",
        ),
        "reason outside the code list": (
            document(status_body(sup, req, loan_id, "Loaned", "Because")),
            "supplyingAgencyMessageConfirmation",
            "UnrecognisedDataValue",
            "'Because'",
        ),
        "action outside the code list": (
            document(action_body(sup, req, loan_id, "Lost")),
            "requestingAgencyMessageConfirmation",
            "UnrecognisedDataValue",
            "'Lost'",
        ),
        "timestamp not a dateTime": (
            document(request_body(sup, req, "X-1", timestamp="yesterday")),
            "requestConfirmation",
            "BadlyFormedMessage",
            "'yesterday' is not a valid dateTime",
        ),
        "unknown agency": (
            document(request_body("ZZ-NOWHERE", req, "X-2")),
            "requestConfirmation",
            "UnrecognisedDataValue",
            "ZZ-NOWHERE",
        ),
        "agency not by ISIL": (
            document(request_body(sup, req, "X-3", id_type="OCLC")),
            "requestConfirmation",
            "UnrecognisedDataValue",
            "by ISIL, not by OCLC",
        ),
        "unsupported action": (
            document(action_body(sup, req, loan_id, "Renew")),
            "requestingAgencyMessageConfirmation",
            "UnsupportedActionType",
            "does not allow Renew while the status is RequestReceived",
        ),
        "illegal status move": (
            document(status_body(sup, req, loan_id, "LoanCompleted")),
            "supplyingAgencyMessageConfirmation",
            "UnrecognisedDataValue",
            "does not allow LoanCompleted after RequestReceived",
        ),
        "unknown transaction": (
            document(action_body(sup, req, "AMUR-999999", "Cancel")),
            "requestingAgencyMessageConfirmation",
            "UnrecognisedDataValue",
            "AMUR-999999",
        ),
        "a confirmation sent to us": (
            document(
                "<requestConfirmation><confirmationHeader><timestamp>2026-11-02T09:30:00Z"
                "</timestamp><timestampReceived>2026-11-02T09:30:00Z</timestampReceived>"
                "<messageStatus>OK</messageStatus></confirmationHeader>"
                "</requestConfirmation>"
            ),
            "requestConfirmation",
            "UnsupportedActionType",
            "does not take requestConfirmation",
        ),
    }


CASES = list(_broken_cases("S", "R", "L"))


@pytest.mark.parametrize("case", CASES)
def test_every_refusal_is_an_error_confirmation_that_changes_nothing(libraries, case):
    requester, first, _second, record = libraries
    loan = services.loan_request_send(requester=requester, record=record, suppliers=[first])
    data, kind, error_type, says = _broken_cases(
        first.library.code, requester.library.code, f"AMUR-{loan.pk}"
    )[case]
    before = state()

    root = answer(data)

    body = check_confirmation(root, kind, "ERROR")
    assert body.findtext("i:errorData/i:errorType", namespaces=N) == error_type
    assert says in body.findtext("i:errorData/i:errorValue", namespaces=N)
    assert names(body)[-1] == "errorData"
    if kind == "supplyingAgencyMessageConfirmation" and "outside" not in case:
        assert names(body) == ["confirmationHeader", "reasonForMessage", "errorData"]
    echoed = case in ("unsupported action", "unknown transaction")
    if kind == "requestingAgencyMessageConfirmation" and echoed:
        assert names(body) == ["confirmationHeader", "action", "errorData"]
    assert state() == before


def test_an_unreadable_message_is_still_confirmed_with_a_received_timestamp():
    root = answer(b"\x00 not even XML")

    body = check_confirmation(root, "requestConfirmation", "ERROR")
    assert names(body[0]) == ["timestamp", "timestampReceived", "messageStatus"]


def test_the_api_answers_a_broken_message_with_the_error_confirmation(client, libraries):
    from amur.accounts.services import api_token_create
    from tests.factories.directory import UserFactory

    user = UserFactory()
    token = api_token_create(user=user, name="t")[1]

    response = client.post(
        "/api/v1/library/ill/iso18626",
        b"<broken",
        content_type="application/xml",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    assert response.status_code == 409
    check_confirmation(etree.fromstring(response.content), "requestConfirmation", "ERROR")


# Other systems ---------------------------------------------------------------------------

# A request as another library system writes it: a prefixed namespace, a schema location,
# the ISIL in another case, the optional parts Amur never sends (supplyingAgencyRequestId,
# authentication, publication, service details, suppliers, delivery, agency, patron,
# billing), and a multipleItemRequestId with a value.
FOREIGN_REQUEST = """<?xml version="1.0" encoding="UTF-8"?>
<ill:ISO18626Message xmlns:ill="http://illtransactions.org/2013/iso18626"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ill:version="1.2"
    xsi:schemaLocation="http://illtransactions.org/2013/iso18626 http://illtransactions.org/schemas/ISO-18626-v1_2.xsd">
  <ill:request>
    <ill:header>
      <ill:supplyingAgencyId>
        <ill:agencyIdType scheme="http://illtransactions.org/agencyIdTypes">isil</ill:agencyIdType>
        <ill:agencyIdValue>{supplier}</ill:agencyIdValue>
      </ill:supplyingAgencyId>
      <ill:requestingAgencyId>
        <ill:agencyIdType>ISIL</ill:agencyIdType>
        <ill:agencyIdValue>{requester}</ill:agencyIdValue>
      </ill:requestingAgencyId>
      <ill:multipleItemRequestId>BATCH-2026-11</ill:multipleItemRequestId>
      <ill:timestamp>2026-11-02T10:15:00.250+03:00</ill:timestamp>
      <ill:requestingAgencyRequestId>rs-0c1f5e</ill:requestingAgencyRequestId>
      <ill:supplyingAgencyRequestId>unknown-yet</ill:supplyingAgencyRequestId>
      <ill:requestingAgencyAuthentication>
        <ill:accountId>hlj</ill:accountId><ill:securityCode>s3cr3t</ill:securityCode>
      </ill:requestingAgencyAuthentication>
    </ill:header>
    <ill:bibliographicInfo>
      <ill:title>Евгений Онегин</ill:title>
      <ill:author>Пушкин, А. С.</ill:author>
      <ill:subtitle>роман в стихах</ill:subtitle>
      <ill:bibliographicItemId>
        <ill:bibliographicItemIdentifier>0000-0000</ill:bibliographicItemIdentifier>
        <ill:bibliographicItemIdentifierCode>ISSN</ill:bibliographicItemIdentifierCode>
      </ill:bibliographicItemId>
      <ill:bibliographicItemId>
        <ill:bibliographicItemIdentifier>9785170545377</ill:bibliographicItemIdentifier>
        <ill:bibliographicItemIdentifierCode scheme="urn:isbn"
          >ISBN</ill:bibliographicItemIdentifierCode>
      </ill:bibliographicItemId>
      <ill:bibliographicRecordId>
        <ill:bibliographicRecordIdentifierCode>OCLC</ill:bibliographicRecordIdentifierCode>
        <ill:bibliographicRecordIdentifier>12345678</ill:bibliographicRecordIdentifier>
      </ill:bibliographicRecordId>
    </ill:bibliographicInfo>
    <ill:publicationInfo>
      <ill:publisher>АСТ</ill:publisher><ill:publicationDate>2009</ill:publicationDate>
    </ill:publicationInfo>
    <ill:serviceInfo>
      <ill:requestType>New</ill:requestType>
      <ill:requestSubType>PatronRequest</ill:requestSubType>
      <ill:serviceType>Loan</ill:serviceType>
      <ill:serviceLevel>Normal</ill:serviceLevel>
      <ill:needBeforeDate>2026-12-01T00:00:00Z</ill:needBeforeDate>
      <ill:anyEdition>Y</ill:anyEdition>
      <ill:note>For a reader of the Russian department</ill:note>
    </ill:serviceInfo>
    <ill:supplierInfo><ill:sortOrder>1</ill:sortOrder><ill:callNumber>PG3343</ill:callNumber></ill:supplierInfo>
    <ill:requestedDeliveryInfo>
      <ill:sortOrder>1</ill:sortOrder>
      <ill:address><ill:physicalAddress><ill:line1>Xuefu Rd 74</ill:line1>
        <ill:locality>Harbin</ill:locality><ill:country>CN</ill:country></ill:physicalAddress></ill:address>
    </ill:requestedDeliveryInfo>
    <ill:requestingAgencyInfo><ill:name>Heilongjiang University Library</ill:name>
      <ill:address><ill:electronicAddress><ill:electronicAddressType>email</ill:electronicAddressType>
        <ill:electronicAddressData>ill@example.org</ill:electronicAddressData></ill:electronicAddress></ill:address>
    </ill:requestingAgencyInfo>
    <ill:patronInfo><ill:patronId>P-1</ill:patronId><ill:sendToPatron>N</ill:sendToPatron></ill:patronInfo>
    <ill:billingInfo><ill:maximumCosts><ill:currencyCode>CNY</ill:currencyCode>
      <ill:monetaryValue>30.00</ill:monetaryValue></ill:maximumCosts></ill:billingInfo>
  </ill:request>
</ill:ISO18626Message>"""


def test_a_request_from_another_system_is_taken_and_then_follows_the_transition_table(libraries):
    requester, first, _second, record = libraries
    data = FOREIGN_REQUEST.format(
        supplier=first.library.code.lower(), requester=requester.library.code
    ).encode()

    created = answer(data)
    loan = LoanRequest.objects.get()
    too_early = answer(
        document(action_body(first.library.code, requester.library.code, "rs-0c1f5e", "Received"))
    )
    cancelled = answer(
        document(action_body(first.library.code, requester.library.code, "rs-0c1f5e", "Cancel"))
    )

    body = check_confirmation(created, "requestConfirmation", "OK")
    assert body[0].findtext("i:multipleItemRequestId", namespaces=N) == "BATCH-2026-11"
    assert body[0].findtext("i:timestampReceived", namespaces=N) == "2026-11-02T10:15:00.250+03:00"
    assert (loan.record, loan.supplier, loan.requester, loan.external_id) == (
        record,
        first,
        requester,
        "rs-0c1f5e",
    )
    check_confirmation(too_early, "requestingAgencyMessageConfirmation", "ERROR")
    check_confirmation(cancelled, "requestingAgencyMessageConfirmation", "OK")
    loan.refresh_from_db()
    assert (loan.status, loan.received) == ("Cancelled", False)
    exported = iso18626.transaction_xml(loan)
    assert [
        etree.fromstring(d).findtext(".//i:requestingAgencyRequestId", namespaces=N)
        for d in exported
    ] == ["rs-0c1f5e", "rs-0c1f5e"]


def test_a_status_from_another_system_addressed_to_our_library_by_isil(libraries):
    """Our request, answered by a supplier that runs another system: its messages name
    our library by ISIL and our request by the id we sent."""
    requester, first, _second, record = libraries
    loan = services.loan_request_send(requester=requester, record=record, suppliers=[first])
    sup, req = first.library.code, requester.library.code.lower()
    message = (
        status_body(sup, req, f"AMUR-{loan.pk}", "WillSupply", "RequestResponse")
        .replace(
            "<reasonForMessage>RequestResponse</reasonForMessage>",
            "<reasonForMessage>RequestResponse</reasonForMessage><answerYesNo>Y</answerYesNo>"
            "<note>On its way soon</note><offeredCosts><currencyCode>RUB</currencyCode>"
            "<monetaryValue>0</monetaryValue></offeredCosts>",
        )
        .replace(
            "<lastChange>",
            "<expectedDeliveryDate>2026-11-20T00:00:00Z</expectedDeliveryDate><lastChange>",
        )
    )

    confirmed = answer(document(message))

    check_confirmation(confirmed, "supplyingAgencyMessageConfirmation", "OK")
    loan.refresh_from_db()
    assert loan.status == "WillSupply"

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""ISO 18626 (2017, version 1.2) XML for inter-library loan messages.

Each ``LoanMessage`` becomes one ``ISO18626Message``: the opening request as ``request``,
a supplier's status as ``supplyingAgencyMessage``, a requester's action as
``requestingAgencyMessage``.  Incoming messages are first checked against the standard's
structure (``iso18626_schema``, the element order and code lists of schema version 1.2
written down as data) and only then go through the same services and so the same
transition table; the answer is the standard's confirmation (``requestConfirmation``,
``supplyingAgencyMessageConfirmation``, ``requestingAgencyMessageConfirmation``) with
``messageStatus`` OK, or ERROR and ``errorData`` saying what is wrong.

Agencies are identified by their ISIL (``LibrarySettings.code``, compared without regard to
case as ISO 15511 says); our requests by ``requestingAgencyRequestId`` "AMUR-<pk>", or the
partner's own id for requests that came in from outside.

The element order of each message, as the standard defines it (``ELEMENTS`` in
``iso18626_schema`` holds every element; these are the ones Amur writes):

    request: header, bibliographicInfo, publicationInfo?, serviceInfo?, supplierInfo*,
        requestedDeliveryInfo*, requestingAgencyInfo?, patronInfo?, billingInfo?
    supplyingAgencyMessage: header, messageInfo, statusInfo, deliveryInfo?, returnInfo?
    requestingAgencyMessage: header, action, note?
    header: supplyingAgencyId, requestingAgencyId, multipleItemRequestId (may be empty),
        timestamp, requestingAgencyRequestId, supplyingAgencyRequestId?,
        requestingAgencyAuthentication?
    messageInfo: reasonForMessage, answerYesNo?, note?, reasonUnfilled?, reasonRetry?, ...
    statusInfo: status, expectedDeliveryDate?, dueDate?, lastChange
    requestConfirmation: confirmationHeader, errorData?
    supplyingAgencyMessageConfirmation: confirmationHeader, reasonForMessage?, errorData?
    requestingAgencyMessageConfirmation: confirmationHeader, action?, errorData?
    confirmationHeader: supplyingAgencyId?, requestingAgencyId?, timestamp,
        requestingAgencyRequestId?, multipleItemRequestId?, timestampReceived, messageStatus

A supplier's first answer to a request gives ``RequestResponse`` as its reason; an answer
to a StatusRequest ``StatusRequestResponse``; any other status message ``StatusChange``.
Renew and Cancel take effect at once in Amur, so it sends no RenewResponse or
CancelResponse; a partner's (or its Notification) that repeats the current status is
confirmed and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from amur.library import ill
from amur.library import iso18626_schema as schema
from amur.library.iso18626_schema import NS

VERSION = "1.2"
AGENCY_ID_TYPE = "ISIL"
PREFIX = "AMUR-"
# The reason a status message gives when it answers the requester's last action.  Amur
# applies Renew and Cancel at once (the transition table allows them or refuses them), so it
# writes no RenewResponse or CancelResponse of its own; it takes them from partners.
RESPONSES = {ill.Action.STATUS_REQUEST: "StatusRequestResponse"}


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _add(parent, name: str, text: str | None = None):
    element = etree.SubElement(parent, _q(name))
    if text is not None:
        element.text = text
    return element


def _stamp(moment) -> str:
    """An xs:dateTime in UTC, to the second, as the standard's examples write it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _agency(parent, name: str, code: str, id_type: str = AGENCY_ID_TYPE) -> None:
    agency = _add(parent, name)
    _add(agency, "agencyIdType", id_type)
    _add(agency, "agencyIdValue", code)


def request_id(loan) -> str:
    return loan.external_id or f"{PREFIX}{loan.pk}"


def _header(parent, loan, message, supplier) -> None:
    header = _add(parent, "header")
    _agency(header, "supplyingAgencyId", supplier.library.code)
    _agency(header, "requestingAgencyId", loan.requester.library.code)
    _add(header, "multipleItemRequestId", "")
    _add(header, "timestamp", _stamp(message.at))
    _add(header, "requestingAgencyRequestId", request_id(loan))


def _root():
    return etree.Element(
        _q("ISO18626Message"), nsmap={"ill": NS, None: NS}, attrib={_q("version"): VERSION}
    )


def _document(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def reason_for_message(previous) -> str:
    """The reasonForMessage of a status message that follows ``previous`` (the message
    before it in the transaction, None if it opens one)."""
    if previous is None or previous.kind == "request":
        return "RequestResponse"
    if previous.kind == "action" and previous.value in RESPONSES:
        return RESPONSES[previous.value]
    return "StatusChange"


def message_xml(message, supplier=None, previous=False) -> bytes:
    """One stored message of a transaction as an ISO18626Message document; ``previous``
    is the message before it (looked up when not given)."""
    loan = message.request
    supplier = supplier or loan.supplier
    root = _root()
    if message.kind == "request":
        body = _add(root, "request")
        _header(body, loan, message, supplier)
        record = loan.record
        info = _add(body, "bibliographicInfo")
        _add(info, "supplierUniqueRecordId", str(record.pk))
        _add(info, "title", record.title)
        if record.authors:
            _add(info, "author", record.authors[0]["name"])
        if record.edition:
            _add(info, "edition", record.edition)
        if record.isbn:
            item = _add(info, "bibliographicItemId")
            _add(item, "bibliographicItemIdentifier", record.isbn)
            _add(item, "bibliographicItemIdentifierCode", "ISBN")
        if record.publisher or record.year or record.place:
            publication = _add(body, "publicationInfo")
            for name, value in (
                ("publisher", record.publisher),
                ("publicationDate", str(record.year or "")),
                ("placeOfPublication", record.place),
            ):
                if value:
                    _add(publication, name, value)
        service = _add(body, "serviceInfo")
        _add(service, "requestType", "New")
        _add(service, "serviceType", "Loan")
        if message.note:
            _add(service, "note", message.note)
    elif message.kind == "status":
        if previous is False:
            previous = loan.messages.filter(pk__lt=message.pk).order_by("-at", "-id").first()
        body = _add(root, "supplyingAgencyMessage")
        _header(body, loan, message, supplier)
        info = _add(body, "messageInfo")
        _add(info, "reasonForMessage", reason_for_message(previous))
        if message.note:
            _add(info, "note", message.note)
        if message.value == ill.Status.UNFILLED and message.reason:
            _add(info, "reasonUnfilled", message.reason)
        if message.value == ill.Status.RETRY_POSSIBLE and message.reason:
            _add(info, "reasonRetry", message.reason)
        status = _add(body, "statusInfo")
        _add(status, "status", message.value)
        _add(status, "lastChange", _stamp(message.at))
    else:
        body = _add(root, "requestingAgencyMessage")
        _header(body, loan, message, supplier)
        _add(body, "action", message.value)
        if message.note:
            _add(body, "note", message.note)
    return _document(root)


def transaction_xml(loan) -> list[bytes]:
    """Every message of a transaction, in order, each with the supplier it was exchanged
    with (the rota changes the supplier)."""
    messages = list(loan.messages.select_related("sender"))
    suppliers = _suppliers_in_turn(loan, messages)
    return [
        message_xml(message, suppliers[message.pk], messages[number - 1] if number else None)
        for number, message in enumerate(messages)
    ]


def _suppliers_in_turn(loan, messages) -> dict[int, object]:
    """A status comes from its sender; a request goes to the supplier that answers next
    (the current one if none has yet); an action goes to the supplier that answered last."""
    result, following = {}, loan.supplier
    for message in reversed(messages):
        if message.kind == "status":
            following = message.sender
        result[message.pk] = following
    last = None
    for message in messages:
        if message.kind == "status":
            last = message.sender
        elif message.kind == "action" and last is not None:
            result[message.pk] = last
    return result


# Import -----------------------------------------------------------------------------


@dataclass
class Incoming:
    kind: str  # request, supplyingAgencyMessage, requestingAgencyMessage (or what came)
    supplier_code: str = ""
    requester_code: str = ""
    supplier_id_type: str = ""
    requester_id_type: str = ""
    request_id: str = ""
    multiple_item_request_id: str | None = None
    timestamp: str = ""
    value: str = ""  # a status or an action
    reason_for_message: str = ""
    reason: str = ""
    note: str = ""
    record_id: str = ""
    isbn: str = ""


class Iso18626Error(Exception):
    """A message that is not ISO 18626 or cannot be applied; ``error_type`` is the
    standard's errorType, ``incoming`` what could be read of the message."""

    def __init__(self, error_type: str, message: str, incoming: Incoming | None = None):
        super().__init__(message)
        self.error_type = error_type
        self.incoming = incoming


KINDS = ("request", "supplyingAgencyMessage", "requestingAgencyMessage")


def _text(element, path: str) -> str:
    found = element.find(path, {"i": NS})
    return (found.text or "").strip() if found is not None else ""


def _read(root) -> Incoming | None:
    """What can be read of a message, leniently: enough to address the confirmation even
    when the message breaks the standard."""
    if not isinstance(root.tag, str) or len(root) == 0 or not isinstance(root[0].tag, str):
        return None
    body = root[0]
    kind = etree.QName(body).localname
    header = body.find("i:header", {"i": NS})
    if header is None:
        header = body.find("i:confirmationHeader", {"i": NS})
    if header is None:
        return Incoming(kind=kind)
    multiple = header.find("i:multipleItemRequestId", {"i": NS})
    incoming = Incoming(
        kind=kind,
        supplier_code=_text(header, "i:supplyingAgencyId/i:agencyIdValue"),
        requester_code=_text(header, "i:requestingAgencyId/i:agencyIdValue"),
        supplier_id_type=_text(header, "i:supplyingAgencyId/i:agencyIdType"),
        requester_id_type=_text(header, "i:requestingAgencyId/i:agencyIdType"),
        request_id=_text(header, "i:requestingAgencyRequestId"),
        multiple_item_request_id=None if multiple is None else (multiple.text or "").strip(),
        timestamp=_text(header, "i:timestamp"),
    )
    if kind == "request":
        incoming.record_id = _text(body, "i:bibliographicInfo/i:supplierUniqueRecordId")
        for item in body.iterfind("i:bibliographicInfo/i:bibliographicItemId", {"i": NS}):
            if _text(item, "i:bibliographicItemIdentifierCode").upper() == "ISBN":
                incoming.isbn = _text(item, "i:bibliographicItemIdentifier")
                break
        incoming.note = _text(body, "i:serviceInfo/i:note")
    elif kind == "supplyingAgencyMessage":
        incoming.value = _text(body, "i:statusInfo/i:status")
        incoming.reason_for_message = _text(body, "i:messageInfo/i:reasonForMessage")
        incoming.reason = _text(body, "i:messageInfo/i:reasonUnfilled") or _text(
            body, "i:messageInfo/i:reasonRetry"
        )
        incoming.note = _text(body, "i:messageInfo/i:note")
    elif kind == "requestingAgencyMessage":
        incoming.value = _text(body, "i:action")
        incoming.note = _text(body, "i:note")
    return incoming


def parse(data: bytes) -> Incoming:
    """Read one message and check it against the standard's structure; nothing is acted
    on here, and a message that breaks the standard raises ``Iso18626Error``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise Iso18626Error(
            "BadlyFormedMessage", _("The XML cannot be read: %(error)s") % {"error": exc}
        ) from None
    incoming = _read(root)
    try:
        schema.check_message(root)
    except schema.Problem as problem:
        raise Iso18626Error(
            problem.error_type,
            _("The message breaks ISO 18626 at %(path)s: %(what)s")
            % {"path": problem.path, "what": problem.what},
            incoming,
        ) from None
    if incoming.kind not in KINDS:
        raise Iso18626Error(
            "UnsupportedActionType",
            _("Amur does not take %(kind)s messages.") % {"kind": incoming.kind},
            incoming,
        )
    return incoming


def sender_code(incoming: Incoming) -> str:
    """Who speaks: the requester for a request or an action, the supplier for a status."""
    return (
        incoming.supplier_code
        if incoming.kind == "supplyingAgencyMessage"
        else (incoming.requester_code)
    )


def sender_organisation(incoming: Incoming):
    """The member library that speaks in ``incoming``; the caller checks it may."""
    if incoming.kind == "supplyingAgencyMessage":
        return _library(incoming, incoming.supplier_code, incoming.supplier_id_type)
    return _library(incoming, incoming.requester_code, incoming.requester_id_type)


def _library(incoming: Incoming, code: str, id_type: str):
    """The member library with the ISIL ``code`` (ISILs are compared without case)."""
    from amur.directory.models import Organisation

    if id_type.upper() != AGENCY_ID_TYPE:
        raise Iso18626Error(
            "UnrecognisedDataValue",
            _("Amur addresses libraries by ISIL, not by %(type)s.") % {"type": id_type},
            incoming,
        )
    organisation = Organisation.objects.filter(library__code__iexact=code).first()
    if organisation is None:
        raise Iso18626Error(
            "UnrecognisedDataValue",
            _("No member library has the ISIL %(code)s.") % {"code": code},
            incoming,
        )
    return organisation


def _loan(incoming: Incoming, requester):
    from amur.library.models import LoanRequest

    loans = LoanRequest.objects.filter(requester=requester)
    loan = loans.filter(external_id=incoming.request_id).first()
    if loan is None and incoming.request_id.startswith(PREFIX):
        number = incoming.request_id[len(PREFIX) :]
        if number.isdigit():
            loan = loans.filter(pk=number, external_id="").first()
    return loan


@transaction.atomic
def apply(incoming: Incoming):
    """Apply one checked message through the ILL services (and so the transition table)."""
    from amur.library import services
    from amur.library.models import Record

    supplier = _library(incoming, incoming.supplier_code, incoming.supplier_id_type)
    requester = _library(incoming, incoming.requester_code, incoming.requester_id_type)
    loan = _loan(incoming, requester)
    try:
        if incoming.kind == "request":
            if loan is not None:
                if loan.supplier_id == supplier.pk and loan.status == ill.Status.REQUEST_RECEIVED:
                    return loan  # a rota step this side already took
                return services.loan_request_forward(request=loan, supplier=supplier)
            record = None
            if incoming.record_id.isdigit():
                record = Record.objects.filter(pk=incoming.record_id, library=supplier).first()
            if record is None and incoming.isbn:
                record = Record.objects.filter(isbn=incoming.isbn, library=supplier).first()
            if record is None:
                raise Iso18626Error(
                    "UnrecognisedDataValue",
                    _("No record of the supplying library matches the bibliographic information."),
                    incoming,
                )
            loan = services.loan_request_send(
                requester=requester, record=record, suppliers=[supplier]
            )
            if not incoming.request_id.startswith(PREFIX) or _loan(incoming, requester) != loan:
                loan.external_id = incoming.request_id
                loan.save(update_fields=["external_id"])
            return loan
        if loan is None:
            raise Iso18626Error(
                "UnrecognisedDataValue",
                _("No transaction has the id %(id)s.") % {"id": incoming.request_id},
                incoming,
            )
        if incoming.kind == "supplyingAgencyMessage":
            if incoming.value == loan.status and incoming.reason_for_message != "StatusChange":
                return loan  # an answer or a notification that changes nothing
            try:
                return services.loan_supplier_status(
                    request=loan,
                    status=incoming.value,
                    reason=incoming.reason,
                    by_organisation=supplier,
                )
            except services.LibraryError as exc:
                raise Iso18626Error("UnrecognisedDataValue", str(exc), incoming) from None
        return services.loan_requester_action(
            request=loan, action=incoming.value, by_organisation=requester, note=incoming.note
        )
    except services.LibraryError as exc:
        raise Iso18626Error("UnsupportedActionType", str(exc), incoming) from None


CONFIRMATIONS = {
    "request": "requestConfirmation",
    "supplyingAgencyMessage": "supplyingAgencyMessageConfirmation",
    "requestingAgencyMessage": "requestingAgencyMessageConfirmation",
}


def confirmation_xml(incoming: Incoming | None, error: Iso18626Error | None = None) -> bytes:
    """The standard's answer to a message: OK, or ERROR with the errorType and why.  What
    could be read of a broken message still addresses the answer; timestampReceived is the
    message's own timestamp, or the moment it came when that cannot be read."""
    if incoming is None and error is not None:
        incoming = error.incoming
    now = timezone.now()
    kind = incoming.kind if incoming is not None and incoming.kind in CONFIRMATIONS else "request"
    root = _root()
    body = _add(root, CONFIRMATIONS[kind])
    header = _add(body, "confirmationHeader")
    if incoming is not None:
        for name, code, id_type in (
            ("supplyingAgencyId", incoming.supplier_code, incoming.supplier_id_type),
            ("requestingAgencyId", incoming.requester_code, incoming.requester_id_type),
        ):
            if code:
                _agency(header, name, code, id_type or AGENCY_ID_TYPE)
    _add(header, "timestamp", _stamp(now))
    if incoming is not None and incoming.request_id:
        _add(header, "requestingAgencyRequestId", incoming.request_id)
    if incoming is not None and incoming.multiple_item_request_id is not None:
        _add(header, "multipleItemRequestId", incoming.multiple_item_request_id)
    received = incoming.timestamp if incoming is not None else ""
    if not schema.is_datetime(received):
        received = _stamp(now)
    _add(header, "timestampReceived", received)
    _add(header, "messageStatus", "ERROR" if error else "OK")
    if (
        kind == "supplyingAgencyMessage"
        and incoming.reason_for_message in schema.CODES["reasonForMessage"]
    ):
        _add(body, "reasonForMessage", incoming.reason_for_message)
    if kind == "requestingAgencyMessage" and incoming.value in schema.CODES["action"]:
        _add(body, "action", incoming.value)
    if error is not None:
        data = _add(body, "errorData")
        _add(data, "errorType", error.error_type)
        _add(data, "errorValue", str(error))
    return _document(root)

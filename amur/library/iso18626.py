# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""ISO 18626 (2017, version 1.2) XML for inter-library loan messages.

Each ``LoanMessage`` becomes one ``ISO18626Message``: the opening request as ``request``,
a supplier's status as ``supplyingAgencyMessage``, a requester's action as
``requestingAgencyMessage``.  Incoming messages go through the same services and so the
same transition table; the answer is the standard's confirmation (``requestConfirmation``,
``supplyingAgencyMessageConfirmation``, ``requestingAgencyMessageConfirmation``) with
``messageStatus`` OK, or ERROR and ``errorData`` saying why.

Agencies are identified by their ISIL (``LibrarySettings.code``); our requests by
``requestingAgencyRequestId`` "AMUR-<pk>", or the partner's own id for requests that
came in from outside.  The element order follows the published schema; the schema itself
is not vendored (no installable package carries it), so the tests check the structure.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from amur.library import ill

NS = "http://illtransactions.org/2013/iso18626"
VERSION = "1.2"
AGENCY_ID_TYPE = "ISIL"
PREFIX = "AMUR-"


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _add(parent, name: str, text: str | None = None):
    element = etree.SubElement(parent, _q(name))
    if text is not None:
        element.text = text
    return element


def _agency(parent, name: str, organisation) -> None:
    agency = _add(parent, name)
    _add(agency, "agencyIdType", AGENCY_ID_TYPE)
    _add(agency, "agencyIdValue", organisation.library.code)


def request_id(loan) -> str:
    return loan.external_id or f"{PREFIX}{loan.pk}"


def _header(parent, loan, message, supplier) -> None:
    header = _add(parent, "header")
    _agency(header, "supplyingAgencyId", supplier)
    _agency(header, "requestingAgencyId", loan.requester)
    _add(header, "timestamp", message.at.isoformat())
    _add(header, "requestingAgencyRequestId", request_id(loan))


def _root():
    return etree.Element(
        _q("ISO18626Message"), nsmap={"ill": NS, None: NS}, attrib={_q("version"): VERSION}
    )


def message_xml(message, supplier=None) -> bytes:
    """One stored message of a transaction as an ISO18626Message document."""
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
        if record.isbn:
            item = _add(info, "bibliographicItemId")
            _add(item, "bibliographicItemIdentifier", record.isbn)
            _add(item, "bibliographicItemIdentifierCode", "ISBN")
        service = _add(body, "serviceInfo")
        _add(service, "serviceType", "Loan")
        if message.note:
            _add(service, "note", message.note)
    elif message.kind == "status":
        body = _add(root, "supplyingAgencyMessage")
        _header(body, loan, message, supplier)
        info = _add(body, "messageInfo")
        _add(info, "reasonForMessage", "StatusChange")
        if message.note:
            _add(info, "note", message.note)
        if message.value == ill.Status.UNFILLED and message.reason:
            _add(info, "reasonUnfilled", message.reason)
        if message.value == ill.Status.RETRY_POSSIBLE and message.reason:
            _add(info, "reasonRetry", message.reason)
        status = _add(body, "statusInfo")
        _add(status, "status", message.value)
        _add(status, "lastChange", message.at.isoformat())
    else:
        body = _add(root, "requestingAgencyMessage")
        _header(body, loan, message, supplier)
        _add(body, "action", message.value)
        if message.note:
            _add(body, "note", message.note)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def transaction_xml(loan) -> list[bytes]:
    """Every message of a transaction, in order, each with the supplier it was exchanged
    with (the rota changes the supplier)."""
    messages = list(loan.messages.select_related("sender"))
    suppliers = _suppliers_in_turn(loan, messages)
    return [message_xml(message, suppliers[message.pk]) for message in messages]


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
    kind: str  # request, supplyingAgencyMessage, requestingAgencyMessage
    supplier_code: str
    requester_code: str
    request_id: str
    timestamp: str
    value: str = ""  # a status or an action
    reason: str = ""
    note: str = ""
    record_id: str = ""
    isbn: str = ""


class Iso18626Error(Exception):
    """A message that is not ISO 18626 or cannot be applied; ``error_type`` is the
    standard's errorType."""

    def __init__(self, error_type: str, message: str):
        super().__init__(message)
        self.error_type = error_type


KINDS = ("request", "supplyingAgencyMessage", "requestingAgencyMessage")


def _text(element, path: str) -> str:
    found = element.find(path, {"i": NS})
    return (found.text or "").strip() if found is not None else ""


def parse(data: bytes) -> Incoming:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise Iso18626Error(
            "BadlyFormedMessage", _("The XML cannot be read: %(error)s") % {"error": exc}
        ) from None
    if root.tag != _q("ISO18626Message") or len(root) != 1:
        raise Iso18626Error(
            "BadlyFormedMessage", _("This is not one ISO18626Message in the ISO 18626 namespace.")
        )
    body = root[0]
    kind = etree.QName(body).localname
    if kind not in KINDS:
        raise Iso18626Error(
            "UnsupportedActionType", _("Amur does not take %(kind)s messages.") % {"kind": kind}
        )
    incoming = Incoming(
        kind=kind,
        supplier_code=_text(body, "i:header/i:supplyingAgencyId/i:agencyIdValue"),
        requester_code=_text(body, "i:header/i:requestingAgencyId/i:agencyIdValue"),
        request_id=_text(body, "i:header/i:requestingAgencyRequestId"),
        timestamp=_text(body, "i:header/i:timestamp"),
    )
    if not (
        incoming.supplier_code
        and incoming.requester_code
        and incoming.request_id
        and incoming.timestamp
    ):
        raise Iso18626Error("BadlyFormedMessage", _("The header lacks a required element."))
    if kind == "request":
        incoming.record_id = _text(body, "i:bibliographicInfo/i:supplierUniqueRecordId")
        incoming.isbn = _text(
            body, "i:bibliographicInfo/i:bibliographicItemId/i:bibliographicItemIdentifier"
        )
        incoming.note = _text(body, "i:serviceInfo/i:note")
    elif kind == "supplyingAgencyMessage":
        incoming.value = _text(body, "i:statusInfo/i:status")
        incoming.reason = _text(body, "i:messageInfo/i:reasonUnfilled") or _text(
            body, "i:messageInfo/i:reasonRetry"
        )
        incoming.note = _text(body, "i:messageInfo/i:note")
    else:
        incoming.value = _text(body, "i:action")
        incoming.note = _text(body, "i:note")
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
    return _library(sender_code(incoming))


def _library(code: str):
    from amur.directory.models import Organisation

    organisation = Organisation.objects.filter(library__code=code).first()
    if organisation is None:
        raise Iso18626Error(
            "UnrecognisedDataValue", _("No member library has the ISIL %(code)s.") % {"code": code}
        )
    return organisation


def _loan(incoming: Incoming, requester):
    from amur.library.models import LoanRequest

    loans = LoanRequest.objects.filter(requester=requester)
    loan = loans.filter(external_id=incoming.request_id).first()
    if loan is None and incoming.request_id.startswith(PREFIX):
        loan = loans.filter(pk=incoming.request_id[len(PREFIX) :], external_id="").first()
    return loan


@transaction.atomic
def apply(incoming: Incoming):
    """Apply one incoming message through the ILL services (and so the transition table)."""
    from amur.library import services
    from amur.library.models import Record

    supplier, requester = _library(incoming.supplier_code), _library(incoming.requester_code)
    loan = _loan(incoming, requester)
    try:
        if incoming.kind == "request":
            if loan is not None:
                if loan.supplier_id == supplier.pk and loan.status == ill.Status.REQUEST_RECEIVED:
                    return loan  # a rota step this side already took
                return services.loan_request_forward(request=loan, supplier=supplier)
            record = Record.objects.filter(pk=incoming.record_id or None).first()
            if record is None and incoming.isbn:
                record = Record.objects.filter(isbn=incoming.isbn).first()
            if record is None:
                raise Iso18626Error(
                    "UnrecognisedDataValue", _("No record matches the bibliographic information.")
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
            )
        if incoming.kind == "supplyingAgencyMessage":
            if incoming.value not in ill.Status.values:
                raise Iso18626Error(
                    "UnrecognisedDataValue",
                    _("Unknown status %(value)s.") % {"value": incoming.value},
                )
            return services.loan_supplier_status(
                request=loan,
                status=incoming.value,
                reason=incoming.reason,
                by_organisation=supplier,
            )
        if incoming.value not in ill.Action.values:
            raise Iso18626Error(
                "UnsupportedActionType", _("Unknown action %(value)s.") % {"value": incoming.value}
            )
        return services.loan_requester_action(
            request=loan, action=incoming.value, by_organisation=requester, note=incoming.note
        )
    except services.LibraryError as exc:
        raise Iso18626Error("UnsupportedActionType", str(exc)) from None


CONFIRMATIONS = {
    "request": "requestConfirmation",
    "supplyingAgencyMessage": "supplyingAgencyMessageConfirmation",
    "requestingAgencyMessage": "requestingAgencyMessageConfirmation",
}


def confirmation_xml(incoming: Incoming | None, error: Iso18626Error | None = None) -> bytes:
    """The standard's answer to a message: OK, or ERROR with the errorType and why."""
    root = _root()
    body = _add(root, CONFIRMATIONS[incoming.kind] if incoming else "requestConfirmation")
    header = _add(body, "confirmationHeader")
    if incoming is not None:
        for name, code in (
            ("supplyingAgencyId", incoming.supplier_code),
            ("requestingAgencyId", incoming.requester_code),
        ):
            agency = _add(header, name)
            _add(agency, "agencyIdType", AGENCY_ID_TYPE)
            _add(agency, "agencyIdValue", code)
    _add(header, "timestamp", timezone.now().isoformat())
    if incoming is not None:
        _add(header, "requestingAgencyRequestId", incoming.request_id)
        _add(header, "timestampReceived", incoming.timestamp)
    _add(header, "messageStatus", "ERROR" if error else "OK")
    if error is not None:
        data = _add(body, "errorData")
        _add(data, "errorType", error.error_type)
        _add(data, "errorValue", str(error))
    if incoming is not None and incoming.kind == "supplyingAgencyMessage":
        _add(body, "reasonForMessage", "StatusChange")
    if incoming is not None and incoming.kind == "requestingAgencyMessage":
        _add(body, "action", incoming.value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

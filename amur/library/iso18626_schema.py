# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The structure of ISO 18626 (2017, schema version 1.2) written down as data.

The ISO 18626 schema is not redistributable here, so the facts Amur relies on are kept as
Python: for every element the children it has, in the order the standard fixes, with how
often each may occur, or the simple type of its text; and the standard's code lists.
``amur.library.iso18626`` builds its messages in this order and checks every incoming
message against it before anything is acted on; the tests check every message Amur sends.

Transcribed (as facts, element by element) from the published schema ISO-18626-v1_2.xsd
of the ISO 18626 maintenance agency (http://illtransactions.org/schemas/ISO-18626-v1_2.xsd),
as carried by the openlibraryenvironment/mod-rs repository
(service/src/main/resources/xsd/ISO-18626-v1_2.xsd).  All elements are qualified in the
namespace ``NS``; the root's ``version`` attribute is qualified too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NS = "http://illtransactions.org/2013/iso18626"
MANY = None  # maxOccurs="unbounded"

# The message kinds: the root ISO18626Message holds exactly one of them.
MESSAGES = (
    "request",
    "requestConfirmation",
    "supplyingAgencyMessage",
    "supplyingAgencyMessageConfirmation",
    "requestingAgencyMessage",
    "requestingAgencyMessageConfirmation",
)

# The standard's code lists (closed enumerations of the schema).
CODES: dict[str, tuple[str, ...]] = {
    "status": (
        "RequestReceived",
        "ExpectToSupply",
        "WillSupply",
        "Loaned",
        "Overdue",
        "Recalled",
        "RetryPossible",
        "Unfilled",
        "CopyCompleted",
        "LoanCompleted",
        "CompletedWithoutReturn",
        "Cancelled",
    ),
    "action": (
        "StatusRequest",
        "Received",
        "Cancel",
        "Renew",
        "ShippedReturn",
        "ShippedForward",
        "Notification",
    ),
    "reasonForMessage": (
        "RequestResponse",
        "StatusRequestResponse",
        "RenewResponse",
        "CancelResponse",
        "StatusChange",
        "Notification",
    ),
    "errorType": (
        "UnsupportedActionType",
        "UnsupportedReasonForMessageType",
        "UnrecognisedDataElement",
        "UnrecognisedDataValue",
        "BadlyFormedMessage",
    ),
    "messageStatus": ("OK", "ERROR"),
    "serviceType": ("Copy", "Loan", "CopyOrLoan"),
    "requestType": ("New", "Retry", "Reminder"),
    "requestSubType": (
        "BookingRequest",
        "MultipleItemRequest",
        "PatronRequest",
        "TransferRequest",
        "SupplyingLibrarysChoice",
    ),
    "yesNo": ("Y", "N"),
}


@dataclass(frozen=True)
class Child:
    name: str
    min: int = 1
    max: int | None = 1


def _seq(*items) -> tuple[Child, ...]:
    """("name", min, max) or "name" (exactly once) -> Child."""
    return tuple(Child(i) if isinstance(i, str) else Child(*i) for i in items)


OPT = 0, 1  # minOccurs="0"
AGENCY = _seq("agencyIdType", "agencyIdValue")
COSTS = _seq("currencyCode", "monetaryValue")

# Each element: a sequence of children, or the simple type of its text.  Simple types:
# "string", "dateTime", "decimal", "integer", "boolean", "uri", or the name of a code list
# above.  Element names mean the same thing wherever they occur in the schema.
ELEMENTS: dict[str, tuple[Child, ...] | str] = {
    # The six messages.
    "request": _seq(
        "header",
        "bibliographicInfo",
        ("publicationInfo", *OPT),
        ("serviceInfo", *OPT),
        ("supplierInfo", 0, MANY),
        ("requestedDeliveryInfo", 0, MANY),
        ("requestingAgencyInfo", *OPT),
        ("patronInfo", *OPT),
        ("billingInfo", *OPT),
    ),
    "requestConfirmation": _seq("confirmationHeader", ("errorData", *OPT)),
    "supplyingAgencyMessage": _seq(
        "header", "messageInfo", "statusInfo", ("deliveryInfo", *OPT), ("returnInfo", *OPT)
    ),
    "supplyingAgencyMessageConfirmation": _seq(
        "confirmationHeader", ("reasonForMessage", *OPT), ("errorData", *OPT)
    ),
    "requestingAgencyMessage": _seq("header", "action", ("note", *OPT)),
    "requestingAgencyMessageConfirmation": _seq(
        "confirmationHeader", ("action", *OPT), ("errorData", *OPT)
    ),
    # Headers.
    "header": _seq(
        "supplyingAgencyId",
        "requestingAgencyId",
        "multipleItemRequestId",
        "timestamp",
        "requestingAgencyRequestId",
        ("supplyingAgencyRequestId", *OPT),
        ("requestingAgencyAuthentication", *OPT),
    ),
    "confirmationHeader": _seq(
        ("supplyingAgencyId", *OPT),
        ("requestingAgencyId", *OPT),
        "timestamp",
        ("requestingAgencyRequestId", *OPT),
        ("multipleItemRequestId", *OPT),
        "timestampReceived",
        "messageStatus",
    ),
    "supplyingAgencyId": AGENCY,
    "requestingAgencyId": AGENCY,
    "returnAgencyId": AGENCY,
    "supplierCode": AGENCY,
    "requestingAgencyAuthentication": _seq(("accountId", *OPT), ("securityCode", *OPT)),
    "errorData": _seq("errorType", ("errorValue", *OPT)),
    # Request.
    "bibliographicInfo": _seq(
        ("supplierUniqueRecordId", *OPT),
        ("title", *OPT),
        ("author", *OPT),
        ("subtitle", *OPT),
        ("seriesTitle", *OPT),
        ("edition", *OPT),
        ("titleOfComponent", *OPT),
        ("authorOfComponent", *OPT),
        ("volume", *OPT),
        ("issue", *OPT),
        ("pagesRequested", *OPT),
        ("estimatedNoPages", *OPT),
        ("bibliographicItemId", 0, MANY),
        ("sponsor", *OPT),
        ("informationSource", *OPT),
        ("bibliographicRecordId", 0, MANY),
    ),
    "bibliographicItemId": _seq("bibliographicItemIdentifier", "bibliographicItemIdentifierCode"),
    "bibliographicRecordId": _seq(
        "bibliographicRecordIdentifierCode", "bibliographicRecordIdentifier"
    ),
    "publicationInfo": _seq(
        ("publisher", *OPT),
        ("publicationType", *OPT),
        ("publicationDate", *OPT),
        ("placeOfPublication", *OPT),
    ),
    "serviceInfo": _seq(
        ("requestType", *OPT),
        ("requestSubType", 0, 3),
        ("requestingAgencyPreviousRequestId", *OPT),
        "serviceType",
        ("serviceLevel", *OPT),
        ("preferredFormat", *OPT),
        ("needBeforeDate", *OPT),
        ("copyrightCompliance", *OPT),
        ("anyEdition", *OPT),
        ("startDate", *OPT),
        ("endDate", *OPT),
        ("note", *OPT),
    ),
    "supplierInfo": _seq(
        ("sortOrder", *OPT),
        ("supplierCode", *OPT),
        ("supplierDescription", *OPT),
        ("bibliographicRecordId", *OPT),
        ("callNumber", *OPT),
        ("summaryHoldings", *OPT),
        ("availabilityNote", *OPT),
    ),
    "requestedDeliveryInfo": _seq(("sortOrder", *OPT), ("address", *OPT)),
    "requestingAgencyInfo": _seq(("name", *OPT), ("contactName", *OPT), ("address", 0, MANY)),
    "patronInfo": _seq(
        ("patronId", *OPT),
        ("surname", *OPT),
        ("givenName", *OPT),
        ("patronType", *OPT),
        ("sendToPatron", *OPT),
        ("address", 0, MANY),
    ),
    "billingInfo": _seq(
        ("paymentMethod", *OPT),
        ("maximumCosts", *OPT),
        ("billingMethod", *OPT),
        ("billingName", *OPT),
        ("address", *OPT),
    ),
    # "address" is a choice of one of the two.
    "address": ("electronicAddress|physicalAddress",),
    "electronicAddress": _seq("electronicAddressType", "electronicAddressData"),
    "physicalAddress": _seq(
        ("line1", *OPT),
        ("line2", *OPT),
        ("locality", *OPT),
        ("postalCode", *OPT),
        ("region", *OPT),
        ("country", *OPT),
    ),
    # Supplying agency message.
    "messageInfo": _seq(
        "reasonForMessage",
        ("answerYesNo", *OPT),
        ("note", *OPT),
        ("reasonUnfilled", *OPT),
        ("reasonRetry", *OPT),
        ("offeredCosts", *OPT),
        ("retryAfter", *OPT),
        ("retryBefore", *OPT),
    ),
    "statusInfo": _seq("status", ("expectedDeliveryDate", *OPT), ("dueDate", *OPT), "lastChange"),
    "deliveryInfo": _seq(
        "dateSent",
        ("itemId", *OPT),
        ("sentVia", *OPT),
        ("sentToPatron", *OPT),
        ("loanCondition", *OPT),
        ("deliveredFormat", *OPT),
        ("deliveryCosts", *OPT),
    ),
    "returnInfo": _seq(("returnAgencyId", *OPT), ("name", *OPT), ("physicalAddress", *OPT)),
    "maximumCosts": COSTS,
    "offeredCosts": COSTS,
    "deliveryCosts": COSTS,
    # Text elements: dates and numbers.
    **dict.fromkeys(
        (
            "timestamp",
            "timestampReceived",
            "needBeforeDate",
            "startDate",
            "endDate",
            "lastChange",
            "expectedDeliveryDate",
            "dueDate",
            "dateSent",
            "retryAfter",
            "retryBefore",
        ),
        "dateTime",
    ),
    "monetaryValue": "decimal",
    "sortOrder": "integer",
    "sentToPatron": "boolean",
    # Text elements with a code list.
    **{
        name: name
        for name in (
            "status",
            "action",
            "reasonForMessage",
            "errorType",
            "messageStatus",
            "serviceType",
            "requestType",
            "requestSubType",
        )
    },
    **dict.fromkeys(("answerYesNo", "anyEdition", "sendToPatron"), "yesNo"),
    # Free text, and the scheme-value pairs (text with an optional "scheme" URI attribute).
    **dict.fromkeys(
        (
            "multipleItemRequestId",
            "requestingAgencyRequestId",
            "supplyingAgencyRequestId",
            "accountId",
            "securityCode",
            "errorValue",
            "supplierUniqueRecordId",
            "title",
            "author",
            "subtitle",
            "seriesTitle",
            "edition",
            "titleOfComponent",
            "authorOfComponent",
            "volume",
            "issue",
            "pagesRequested",
            "estimatedNoPages",
            "bibliographicItemIdentifier",
            "sponsor",
            "informationSource",
            "bibliographicRecordIdentifier",
            "publisher",
            "publicationDate",
            "placeOfPublication",
            "requestingAgencyPreviousRequestId",
            "note",
            "supplierDescription",
            "callNumber",
            "summaryHoldings",
            "availabilityNote",
            "name",
            "contactName",
            "patronId",
            "surname",
            "givenName",
            "billingName",
            "electronicAddressData",
            "line1",
            "line2",
            "locality",
            "postalCode",
            "itemId",
            "agencyIdValue",
        ),
        "string",
    ),
    **dict.fromkeys(
        (
            "agencyIdType",
            "bibliographicItemIdentifierCode",
            "bibliographicRecordIdentifierCode",
            "publicationType",
            "serviceLevel",
            "preferredFormat",
            "copyrightCompliance",
            "patronType",
            "paymentMethod",
            "billingMethod",
            "electronicAddressType",
            "region",
            "country",
            "reasonUnfilled",
            "reasonRetry",
            "sentVia",
            "loanCondition",
            "deliveredFormat",
            "currencyCode",
        ),
        "schemeValuePair",
    ),
}

# xs:dateTime: date, time, optional fraction and optional zone.
_DATETIME = re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")
_PATTERNS = {
    "dateTime": _DATETIME,
    "decimal": re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)"),
    "integer": re.compile(r"[+-]?\d+"),
    "boolean": re.compile(r"true|false|1|0"),
}


class Problem(Exception):
    """Where a document breaks the schema: the standard's errorType and a readable path."""

    def __init__(self, error_type: str, path: str, what: str):
        super().__init__(f"{path}: {what}")
        self.error_type, self.path, self.what = error_type, path, what


def _name(element) -> str | None:
    tag = element.tag
    if not isinstance(tag, str) or not tag.startswith("{" + NS + "}"):
        return None
    return tag[len(NS) + 2 :]


def check_message(root) -> None:
    """Raise ``Problem`` for the first place where ``root`` (an lxml element) is not an
    ISO18626Message as schema version 1.2 defines it."""
    if _name(root) != "ISO18626Message":
        raise Problem("BadlyFormedMessage", "/", "the root is not ISO18626Message")
    if root.get(f"{{{NS}}}version") is None:
        raise Problem("BadlyFormedMessage", "/ISO18626Message", "the version attribute is missing")
    children = [c for c in root if isinstance(c.tag, str)]
    if len(children) != 1 or _name(children[0]) not in MESSAGES:
        raise Problem(
            "BadlyFormedMessage", "/ISO18626Message", "it must hold exactly one ISO 18626 message"
        )
    check_element(children[0], "/ISO18626Message")


def check_element(element, parent_path: str) -> None:
    name = _name(element)
    path = f"{parent_path}/{name}"
    model = ELEMENTS[name]
    children = [c for c in element if isinstance(c.tag, str)]
    if isinstance(model, str):
        if children:
            raise Problem("BadlyFormedMessage", path, "holds elements where text belongs")
        _check_text(element.text or "", model, path)
        return
    for child in children:
        if _name(child) not in ELEMENTS:
            raise Problem(
                "UnrecognisedDataElement",
                f"{path}/{_localname(child)}",
                "ISO 18626 has no such element",
            )
    if len(model) == 1 and "|" in model[0]:  # a choice
        options = model[0].split("|")
        if len(children) != 1 or _name(children[0]) not in options:
            raise Problem("BadlyFormedMessage", path, f"holds one of {', '.join(options)}")
    else:
        _check_sequence(children, model, path)
    for child in children:
        check_element(child, path)


def _localname(element) -> str:
    local = element.tag.rsplit("}", 1)[-1]
    return local if _name(element) is not None else f"{local} (outside the ISO 18626 namespace)"


def _check_sequence(children, model: tuple[Child, ...], path: str) -> None:
    position, count = 0, 0
    for child in children:
        name = _name(child)
        while position < len(model) and model[position].name != name:
            if count < model[position].min:
                raise Problem("BadlyFormedMessage", path, f"{model[position].name} is missing")
            position, count = position + 1, 0
        if position == len(model):
            where = "out of order" if any(c.name == name for c in model) else "not allowed here"
            raise Problem("BadlyFormedMessage", f"{path}/{name}", f"the element is {where}")
        count += 1
        if model[position].max is not None and count > model[position].max:
            raise Problem("BadlyFormedMessage", f"{path}/{name}", "the element occurs too often")
    for item in model[position:]:
        if count < item.min:
            raise Problem("BadlyFormedMessage", path, f"{item.name} is missing")
        count = 0


def _check_text(text: str, simple: str, path: str) -> None:
    if simple in CODES:
        if text.strip() not in CODES[simple]:
            raise Problem("UnrecognisedDataValue", path, f"{text!r} is not in the standard's list")
    elif simple in _PATTERNS and not _PATTERNS[simple].fullmatch(text.strip()):
        raise Problem("BadlyFormedMessage", path, f"{text!r} is not a valid {simple}")


def is_datetime(text: str) -> bool:
    return bool(_DATETIME.fullmatch(text or ""))

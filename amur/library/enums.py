# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SourceFormat(models.TextChoices):
    MARC21 = "marc21", _("MARC 21 (ISO 2709)")
    MARCXML = "marcxml", _("MARC 21 XML")
    UNIMARC = "unimarc", _("UNIMARC / RUSMARC / CNMARC")
    CSV = "csv", _("CSV")


class HoldingStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    ON_LOAN = "on_loan", _("On loan")
    NOT_FOR_LOAN = "not_for_loan", _("Not for loan")
    LOST = "lost", _("Lost")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ExchangeKind(models.TextChoices):
    DONATION = "donation", _("Donation")
    SWAP = "swap", _("Swap")


class ExchangeStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("book exchange", "Requested")
    CONFIRMED = "confirmed", pgettext_lazy("book exchange", "Confirmed")
    DECLINED = "declined", pgettext_lazy("book exchange", "Declined")
    SHIPPED = "shipped", pgettext_lazy("book exchange", "Shipped")
    RECEIVED = "received", pgettext_lazy("book exchange", "Received")
    CANCELLED = "cancelled", pgettext_lazy("book exchange", "Cancelled")


class ExchangeSide(models.TextChoices):
    OFFERING = "offering", _("Offering library")
    RECEIVING = "receiving", _("Receiving library")


_E = ExchangeStatus
# The book exchange's transition table: each legal step and the side that takes it.
# Every other move is refused.
EXCHANGE_STEPS = {
    (_E.REQUESTED, _E.CONFIRMED): ExchangeSide.OFFERING,
    (_E.REQUESTED, _E.DECLINED): ExchangeSide.OFFERING,
    (_E.REQUESTED, _E.CANCELLED): ExchangeSide.RECEIVING,
    (_E.CONFIRMED, _E.SHIPPED): ExchangeSide.OFFERING,
    (_E.CONFIRMED, _E.CANCELLED): ExchangeSide.RECEIVING,
    (_E.SHIPPED, _E.RECEIVED): ExchangeSide.RECEIVING,
}
EXCHANGE_OPEN = (_E.REQUESTED, _E.CONFIRMED, _E.SHIPPED)


class PatronRequestStatus(models.TextChoices):
    """A reader's request as their library has answered it (the loan's own progress is
    told by ReaderStage)."""

    SUBMITTED = "submitted", pgettext_lazy("reader request", "Submitted")
    ORDERED = "ordered", pgettext_lazy("reader request", "Ordered")
    DECLINED = "declined", pgettext_lazy("reader request", "Declined")
    CANCELLED = "cancelled", pgettext_lazy("reader request", "Cancelled")


class ReaderStage(models.TextChoices):
    """Where a reader's request stands, in the reader's words: the request and its loan."""

    WAITING = "waiting", _("Waiting for your library's answer")
    DECLINED = "declined", _("Your library cannot borrow it")
    CANCELLED = "cancelled", _("Cancelled")
    REQUESTED = "requested", _("Asked from another library")
    ON_ITS_WAY = "on_its_way", _("On its way to your library")
    READY = "ready", _("Ready for you at your library")
    UNAVAILABLE = "unavailable", _("No library could lend it")
    RETURNED = "returned", _("Returned")


# The words for the ISO 18626 reason codes a supplier gives (never shown as codes).
LOAN_REASONS = {
    "NotHeld": _("Not held"),
    "NotOnShelf": _("Not on the shelf"),
    "NotAvailableForILL": _("Not available for inter-library loan"),
    "Damaged": _("Damaged"),
    "Lost": _("Lost"),
    "PolicyProblem": _("Against the lending policy"),
    "Other": pgettext_lazy("loan reason", "Other"),
    "OnLoan": _("On loan to someone else"),
    "AtBindery": _("At the bindery"),
    "CostExceedsMaxCost": _("Costs more than the maximum"),
    "LoanCondition": _("Lent on conditions"),
    "NotFoundAsCited": _("Not found as cited"),
}

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Inter-library loan following ISO 18626 (2017): statuses set by the supplier, actions
sent by the requester, an explicit transition table, and a rota of suppliers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REQUEST_RECEIVED = "RequestReceived", _("Request received")
    EXPECT_TO_SUPPLY = "ExpectToSupply", _("Expect to supply")
    WILL_SUPPLY = "WillSupply", _("Will supply")
    LOANED = "Loaned", _("Loaned")
    OVERDUE = "Overdue", _("Overdue")
    RECALLED = "Recalled", _("Recalled")
    RETRY_POSSIBLE = "RetryPossible", _("Retry possible")
    UNFILLED = "Unfilled", _("Unfilled")
    COPY_COMPLETED = "CopyCompleted", _("Copy completed")
    LOAN_COMPLETED = "LoanCompleted", _("Loan completed")
    COMPLETED_WITHOUT_RETURN = "CompletedWithoutReturn", _("Completed without return")
    CANCELLED = "Cancelled", _("Cancelled")


class Action(models.TextChoices):
    STATUS_REQUEST = "StatusRequest", _("Status request")
    RECEIVED = "Received", _("Received")
    CANCEL = "Cancel", _("Cancel")
    RENEW = "Renew", _("Renew")
    SHIPPED_RETURN = "ShippedReturn", _("Shipped return")
    SHIPPED_FORWARD = "ShippedForward", _("Shipped forward")
    NOTIFICATION = "Notification", _("Notification")


# ISO 18626 reason codes for Unfilled and RetryPossible (the standard's code list).
REASONS_UNFILLED = [
    "NotHeld",
    "NotOnShelf",
    "NotAvailableForILL",
    "Damaged",
    "Lost",
    "PolicyProblem",
    "Other",
]
REASONS_RETRY = [
    "OnLoan",
    "AtBindery",
    "CostExceedsMaxCost",
    "LoanCondition",
    "NotFoundAsCited",
    "Other",
]

S = Status
# The supplier's status messages: from each status, the statuses it may move to.
SUPPLIER = {
    S.REQUEST_RECEIVED: {
        S.EXPECT_TO_SUPPLY,
        S.WILL_SUPPLY,
        S.LOANED,
        S.COPY_COMPLETED,
        S.UNFILLED,
        S.RETRY_POSSIBLE,
        S.CANCELLED,
    },
    S.EXPECT_TO_SUPPLY: {
        S.WILL_SUPPLY,
        S.LOANED,
        S.COPY_COMPLETED,
        S.UNFILLED,
        S.RETRY_POSSIBLE,
        S.CANCELLED,
    },
    S.WILL_SUPPLY: {S.LOANED, S.COPY_COMPLETED, S.UNFILLED, S.CANCELLED},
    S.RETRY_POSSIBLE: {S.UNFILLED, S.CANCELLED},
    S.LOANED: {S.OVERDUE, S.RECALLED, S.LOAN_COMPLETED, S.COMPLETED_WITHOUT_RETURN},
    S.OVERDUE: {S.RECALLED, S.LOAN_COMPLETED, S.COMPLETED_WITHOUT_RETURN},
    S.RECALLED: {S.OVERDUE, S.LOAN_COMPLETED, S.COMPLETED_WITHOUT_RETURN},
    S.UNFILLED: set(),
    S.COPY_COMPLETED: set(),
    S.LOAN_COMPLETED: set(),
    S.COMPLETED_WITHOUT_RETURN: set(),
    S.CANCELLED: set(),
}
# The requester's actions: in which statuses each may be sent.
REQUESTER = {
    Action.STATUS_REQUEST: set(S),
    Action.NOTIFICATION: set(S),
    Action.CANCEL: {S.REQUEST_RECEIVED, S.EXPECT_TO_SUPPLY, S.WILL_SUPPLY, S.RETRY_POSSIBLE},
    Action.RECEIVED: {S.LOANED},
    Action.RENEW: {S.LOANED, S.OVERDUE},
    Action.SHIPPED_RETURN: {S.LOANED, S.OVERDUE, S.RECALLED},
    Action.SHIPPED_FORWARD: {S.LOANED, S.RECALLED},
}
FINAL = {s for s, nexts in SUPPLIER.items() if not nexts}

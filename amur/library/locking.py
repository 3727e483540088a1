# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lock order of the library app: which row each write holds, and in which order.

An exchange offer is the parent of its items and of the requests made for them: closing
the offer frees the items nobody has been given, and confirming a request gives items
away, so both hold the offer first; a confirmation then finds the offer either open (and
the close waits for it) or closed (and refuses), never an offer closing under it.  A copy
(holding) is locked by whatever changes it or lists it in an offer, so a copy is never
offered twice nor offered while its status changes.  An inter-library loan and a
reader's request are single rows whose every step locks the row.

=========================================================  ==============================
write                                                      holds, in this order
=========================================================  ==============================
publish an offer                                           the copies offered
close an offer; request copies of it                       the offer
any step of an exchange request                            the offer, then the request
change a copy                                              the copy
any step of an inter-library loan                          the loan
order, decline or withdraw a reader's request              the reader's request
=========================================================  ==============================

Only the named row is locked (``of=("self",)``), never the rows read with it (see
amur/events/locking.py).  Call these inside ``transaction.atomic``; the locks last until
it ends.
"""

from __future__ import annotations

from amur.library.models import (
    ExchangeOffer,
    ExchangeRequest,
    Holding,
    LoanRequest,
    PatronRequest,
)


def offer_locked(offer_id: int) -> ExchangeOffer:
    return ExchangeOffer.objects.select_for_update().get(pk=offer_id)


def exchange_request_locked(request: ExchangeRequest) -> ExchangeRequest:
    """The request's offer, then the request, both locked (in that order);
    ``request.offer`` is the locked offer."""
    offer = offer_locked(request.offer_id)
    locked = ExchangeRequest.objects.select_for_update().get(pk=request.pk)
    locked.offer = offer
    return locked


def holdings_locked(library, barcodes: list[str]) -> dict[str, Holding]:
    """The library's copies with these barcodes, locked in barcode order (so two offers
    naming the same copies never deadlock), by barcode."""
    copies = Holding.objects.select_for_update().filter(library=library, barcode__in=barcodes)
    return {h.barcode: h for h in copies.order_by("barcode")}


def holding_locked(holding_id: int) -> Holding:
    return (
        Holding.objects.select_for_update(of=("self",)).select_related("library").get(pk=holding_id)
    )


def loan_locked(loan_id: int) -> LoanRequest:
    return LoanRequest.objects.select_for_update().get(pk=loan_id)


def patron_request_locked(patron_request_id: int) -> PatronRequest:
    return PatronRequest.objects.select_for_update().get(pk=patron_request_id)

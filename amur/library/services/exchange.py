# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Book exchanges between libraries: offers, requests and their steps."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.core.audit import audit_record
from amur.core.validators import fields_clean
from amur.library import locking
from amur.library.enums import (
    EXCHANGE_OPEN,
    EXCHANGE_STEPS,
    ExchangeKind,
    ExchangeSide,
    ExchangeStatus,
    HoldingStatus,
)
from amur.library.models import ExchangeOffer, ExchangeRequest, Holding, OfferItem
from amur.library.services.errors import LibraryError

# Book exchange --------------------------------------------------------------------------

OFFERABLE = (HoldingStatus.AVAILABLE, HoldingStatus.NOT_FOR_LOAN)


@transaction.atomic
def exchange_offer_publish(
    *, library, kind: str, titles: dict[str, str], barcodes: list[str], by=None
):
    """Publish a list of the library's own copies (by barcode) for others to request."""
    if kind not in ExchangeKind.values:
        raise LibraryError(_("Unknown kind of exchange: %(kind)s") % {"kind": kind})
    titles = {lang: (titles.get(lang) or "").strip() for lang in ("zh", "ru", "en")}
    if not any(titles.values()):
        raise LibraryError(_("An offer needs a title in at least one language."))
    barcodes = list(dict.fromkeys(b.strip() for b in barcodes if b.strip()))
    if not barcodes:
        raise LibraryError(_("An offer lists at least one copy."))
    holdings = locking.holdings_locked(library, barcodes)
    missing = [b for b in barcodes if b not in holdings]
    if missing:
        raise LibraryError(
            _("This library has no copy with the barcode(s) %(barcodes)s.")
            % {"barcodes": ", ".join(missing)}
        )
    unavailable = [b for b in barcodes if holdings[b].status not in OFFERABLE]
    if unavailable:
        raise LibraryError(
            _("Copies on loan or lost cannot be offered: %(barcodes)s.")
            % {"barcodes": ", ".join(unavailable)}
        )
    offered = OfferItem.objects.filter(holding__in=holdings.values())
    if offered.exists():
        raise LibraryError(
            _("Already offered: %(barcodes)s.")
            % {"barcodes": ", ".join(i.barcode for i in offered)}
        )
    offer = ExchangeOffer(
        library=library, kind=kind, **{f"title_{lang}": text for lang, text in titles.items()}
    )
    fields_clean(offer, [f"title_{lang}" for lang in titles])
    offer.save()
    OfferItem.objects.bulk_create(
        OfferItem(offer=offer, record_id=h.record_id, holding=h, barcode=h.barcode)
        for h in (holdings[b] for b in barcodes)
    )
    audit_record(
        actor=by,
        action="library.exchange_offer_publish",
        obj=offer,
        new={"kind": kind, "barcodes": barcodes},
        organisation_id=library.pk,
    )
    return offer


@transaction.atomic
def exchange_offer_close(*, offer, by=None):
    """No new requests; copies not given to anyone are free to offer again."""
    offer = locking.offer_locked(offer.pk)
    if offer.closed_at:
        raise LibraryError(_("This offer is already closed."))
    offer.closed_at = timezone.now()
    offer.save(update_fields=["closed_at"])
    offer.items.filter(taken_by__isnull=True).update(holding=None)
    audit_record(
        actor=by, action="library.exchange_offer_close", obj=offer, organisation_id=offer.library_id
    )
    return offer


@transaction.atomic
def exchange_request_create(*, offer, requester, items: list, in_return: str = "", by=None):
    """Another library asks for some of the offer's copies (for a swap, saying what it
    gives in return)."""
    offer = locking.offer_locked(offer.pk)
    if offer.closed_at:
        raise LibraryError(_("This offer is closed."))
    if requester.pk == offer.library_id:
        raise LibraryError(_("A library does not request its own offer."))
    ids = {getattr(item, "pk", item) for item in items}
    chosen = list(offer.items.filter(pk__in=ids, taken_by__isnull=True))
    if not ids or len(chosen) != len(ids):
        raise LibraryError(_("Choose copies of this offer that nobody has been given yet."))
    if offer.kind == ExchangeKind.SWAP and not in_return.strip():
        raise LibraryError(_("A swap says what is given in return."))
    if offer.requests.filter(requester=requester, status__in=EXCHANGE_OPEN).exists():
        raise LibraryError(_("Your library already has an open request for this offer."))
    request = ExchangeRequest.objects.create(
        offer=offer, requester=requester, in_return=in_return.strip()
    )
    request.wanted.set(chosen)
    audit_record(
        actor=by,
        action="library.exchange_request",
        obj=request,
        new={"items": sorted(ids)},
        organisation_id=requester.pk,
    )
    return request


def exchange_side_organisation_id(request, to: str) -> int:
    """The organisation that takes the step to ``to``: the offering or the receiving one."""
    side = EXCHANGE_STEPS.get((ExchangeStatus(request.status), to))
    if side is None:
        raise LibraryError(
            _("A book exchange cannot go from %(from)s to %(to)s.")
            % {"from": ExchangeStatus(request.status).label, "to": to}
        )
    return request.offer.library_id if side == ExchangeSide.OFFERING else request.requester_id


@transaction.atomic
def exchange_step(*, request, to: str, by_organisation, by=None):
    """One step of the transition table, dated, taken by its own side only.

    Confirming claims the wanted copies (a conditional update, so two libraries are never
    given the same copy); shipping takes them out of the offering library's holdings;
    receipt puts new holdings into the receiving library."""
    request = locking.exchange_request_locked(request)
    if to not in ExchangeStatus.values:
        raise LibraryError(_("Unknown exchange status: %(status)s") % {"status": to})
    if exchange_side_organisation_id(request, to) != by_organisation.pk:
        raise LibraryError(_("This step is taken by the other side of the exchange."))
    old, now = request.status, timezone.now()
    if to == ExchangeStatus.CONFIRMED:
        if request.offer.closed_at:
            # Closing freed the copies nobody had been given (they may be offered again).
            raise LibraryError(_("This offer is closed."))
        wanted = [item.pk for item in request.wanted.all()]
        claimed = OfferItem.objects.filter(pk__in=wanted, taken_by__isnull=True).update(
            taken_by=request
        )
        if claimed != len(wanted):
            raise LibraryError(_("Some of these copies have been given to another library."))
    elif to in (ExchangeStatus.DECLINED, ExchangeStatus.CANCELLED):
        request.taken.update(taken_by=None)
    elif to == ExchangeStatus.SHIPPED:
        items = list(request.taken.select_related("holding"))
        Holding.objects.filter(pk__in=[i.holding_id for i in items if i.holding_id]).delete()
    elif to == ExchangeStatus.RECEIVED:
        _exchange_receive(request, by_organisation)
    request.status = to
    setattr(request, f"{to}_at", now)
    request.save(update_fields=["status", f"{to}_at"])
    audit_record(
        actor=by,
        action=f"library.exchange_{to}",
        obj=request,
        old={"status": old},
        new={"status": to},
        organisation_id=by_organisation.pk,
    )
    return request


def _exchange_receive(request, library) -> None:
    """The received copies become holdings of the receiving library."""

    code = getattr(getattr(library, "library", None), "code", "") or f"L{library.pk}"
    for item in request.taken.select_related("record"):
        holding = Holding.objects.create(
            record=item.record,
            library=library,
            barcode=f"{code}-EX{request.pk}-{item.pk}",
            call_number=item.record.classification,
        )
        item.received_as = holding
        item.save(update_fields=["received_as"])

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The exchange offer is the parent of its requests (amur/library/locking.py): a library
confirming a request while the offering library closes the offer either confirms first
(and the close leaves the given copies alone) or finds the offer closed and is refused;
it never gives away copies that the close has just freed for offering again."""

import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from amur.library import services
from amur.library.enums import ExchangeStatus
from amur.library.models import ExchangeOffer, ExchangeRequest, OfferItem
from tests.factories.library import HoldingFactory, LibrarySettingsFactory, RecordFactory
from tests.pg import postgres_only
from tests.pg import race as pg_race

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def _offer_with_a_request():
    offering, receiving = (LibrarySettingsFactory().organisation for _ in range(2))
    HoldingFactory(record=RecordFactory(library=offering), library=offering, barcode="HH-1")
    offer = services.exchange_offer_publish(
        library=offering, kind="donation", titles={"en": "Gift"}, barcodes=["HH-1"]
    )
    request = services.exchange_request_create(
        offer=offer, requester=receiving, items=list(offer.items.all())
    )
    return offering, offer, request


def _wait_until_someone_waits_for_a_lock():
    """Block until another session of this database waits for a row lock."""
    with connection.cursor() as cursor:
        for _ in range(500):
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return
            threading.Event().wait(0.01)
    raise AssertionError("nobody waited for a lock")


def _close_while_the_other_confirms(offering, offer, request, confirm):
    """Thread 0 closes the offer and holds its transaction open until thread 1, confirming
    the request, waits for one of its locks; then thread 0 commits."""
    closed = threading.Event()

    def worker(n):
        if n == 0:
            with transaction.atomic():
                services.exchange_offer_close(offer=offer)
                closed.set()
                _wait_until_someone_waits_for_a_lock()
            return "closed"
        closed.wait()
        return confirm(request, offering)

    return pg_race(worker, 2)


def test_a_confirmation_racing_the_close_of_its_offer_is_refused_not_given_freed_copies():
    offering, offer, request = _offer_with_a_request()

    def confirm(request, offering):
        try:
            services.exchange_step(request=request, to="confirmed", by_organisation=offering)
        except services.LibraryError as exc:
            return str(exc)
        return "confirmed"

    outcomes = _close_while_the_other_confirms(offering, offer, request, confirm)

    assert sorted(outcomes) == sorted(["closed", "This offer is closed."])
    assert ExchangeRequest.objects.get(pk=request.pk).status == ExchangeStatus.REQUESTED
    item = OfferItem.objects.get(offer=offer)
    assert item.taken_by_id is None
    assert item.holding_id is None  # freed by the close, to be offered again


def test_negative_control_a_confirmation_that_does_not_hold_the_offer_gives_freed_copies():
    offering, offer, request = _offer_with_a_request()

    def naive_confirm(request, offering):
        with transaction.atomic():
            open_when_read = ExchangeOffer.objects.get(pk=offer.pk).closed_at is None
            claimed = OfferItem.objects.filter(offer=offer, taken_by__isnull=True).update(
                taken_by=request
            )
            if open_when_read and claimed:
                ExchangeRequest.objects.filter(pk=request.pk).update(
                    status=ExchangeStatus.CONFIRMED, confirmed_at=timezone.now()
                )
        return "confirmed"

    outcomes = _close_while_the_other_confirms(offering, offer, request, naive_confirm)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert ExchangeRequest.objects.get(pk=request.pk).status == ExchangeStatus.CONFIRMED
    item = OfferItem.objects.get(offer=offer)
    assert item.taken_by_id == request.pk
    assert item.holding_id is None  # given away, yet freed to be offered again


def test_two_overdue_checks_at_once_mark_a_loan_once_and_both_finish():
    """The daily check run on two machines at once (issue 19's scale-out): the second
    finds the loan already Overdue under its lock and leaves it, instead of stopping on
    'ISO 18626 does not allow Overdue after Overdue'."""
    from datetime import date, timedelta

    from amur.library.models import LoanMessage, Record
    from tests.factories.directory import OrganisationFactory

    requester, supplier = (OrganisationFactory(kind="library") for _ in range(2))
    record = Record.objects.create(
        library=supplier, control_number="1", source_format="marc21", title="Онегин"
    )
    loan = services.loan_request_send(requester=requester, record=record, suppliers=[supplier])
    services.loan_supplier_status(
        request=loan,
        status="Loaned",
        by_organisation=supplier,
        today=date.today() - timedelta(days=40),
    )

    outcomes = pg_race(lambda n: services.loans_mark_overdue(), 2)

    assert sorted(outcomes) == [0, 1]
    loan.refresh_from_db()
    assert loan.status == "Overdue"
    assert LoanMessage.objects.filter(request=loan, value="Overdue").count() == 1

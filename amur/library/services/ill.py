# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Inter-library loans (ISO 18626) and readers' requests that become them."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.core.audit import audit_record, current_user
from amur.library import ill, locking
from amur.library.enums import (
    PatronRequestStatus,
)
from amur.library.models import Holding, LoanMessage, LoanRequest, PatronRequest, Record
from amur.library.services.errors import LibraryError

# Inter-library loan (ISO 18626) -------------------------------------------------------

LOAN_DAYS = 30
MAX_RENEWALS = 1


def _message(request, sender, kind, value, reason="", note=""):
    """One step of a loan in its own history, and in the audit trail with the person and
    address behind it (the request being served, when there is one)."""
    audit_record(
        actor=current_user(),
        action=f"loan.{kind}",
        obj=request,
        organisation_id=sender.pk,
        new={"value": value, "reason": reason, "note": note},
    )
    return LoanMessage.objects.create(
        request=request, sender=sender, kind=kind, value=value, reason=reason, note=note
    )


@transaction.atomic
def loan_request_send(*, requester, record, suppliers: list):
    """Ask the first supplier of the rota; the others are tried in turn if it cannot."""
    if not suppliers:
        raise LibraryError(_("No library holds this item."))
    if any(s.pk == requester.pk for s in suppliers):
        raise LibraryError(_("A library does not borrow from itself."))
    request = LoanRequest.objects.create(
        requester=requester,
        supplier=suppliers[0],
        record=record,
        rota=[s.pk for s in suppliers[1:]],
        status=ill.Status.REQUEST_RECEIVED,
    )
    _message(request, requester, "request", "Request")
    return request


@transaction.atomic
def loan_request_forward(*, request, supplier):
    """The requester sends an Unfilled request on to another library by hand (what the
    rota does by itself when it still lists one)."""
    request = locking.loan_locked(request.pk)
    if request.status != ill.Status.UNFILLED:
        raise LibraryError(_("Only an unfilled request is sent on to another library."))
    if supplier.pk in (request.requester_id, request.supplier_id):
        raise LibraryError(_("Send the request on to a library that has not answered it."))
    request.supplier, request.status, request.reason = supplier, ill.Status.REQUEST_RECEIVED, ""
    request.save()
    _message(request, request.requester, "request", "Request", note="rota")
    return request


@transaction.atomic
def loan_supplier_status(*, request, status: str, reason: str = "", by_organisation, today=None):
    """The current supplier answers with an ISO 18626 status; illegal moves are refused.

    Unfilled moves the request on to the next library of the rota; Loaned sets the due date.
    """
    request = locking.loan_locked(request.pk)
    if by_organisation.pk != request.supplier_id:
        raise LibraryError(_("Only the current supplier sets the status."))
    current = ill.Status(request.status)
    if status not in ill.SUPPLIER[current]:
        raise LibraryError(
            _("ISO 18626 does not allow %(to)s after %(from)s.") % {"from": current, "to": status}
        )
    if status == ill.Status.UNFILLED and reason not in ill.REASONS_UNFILLED:
        raise LibraryError(_("Unfilled needs a reason code."))
    if status == ill.Status.RETRY_POSSIBLE and reason not in ill.REASONS_RETRY:
        raise LibraryError(_("Retry possible needs a reason code."))
    _message(request, by_organisation, "status", status, reason)
    request.status, request.reason = status, reason
    if status == ill.Status.LOANED:
        request.due = (today or timezone.localdate()) + timedelta(days=LOAN_DAYS)
    if status == ill.Status.UNFILLED and request.rota:
        # The rota: the request moves on to the next library that holds the item.
        request.supplier_id, request.rota = request.rota[0], request.rota[1:]
        request.status, request.reason = ill.Status.REQUEST_RECEIVED, ""
        _message(request, request.requester, "request", "Request", note="rota")
    request.save()
    return request


@transaction.atomic
def loan_requester_action(*, request, action: str, by_organisation, note: str = ""):
    """The requester sends an ISO 18626 action; only those the status allows are taken."""
    request = locking.loan_locked(request.pk)
    if by_organisation.pk != request.requester_id:
        raise LibraryError(_("Only the requesting library sends this action."))
    current = ill.Status(request.status)
    if current not in ill.REQUESTER[ill.Action(action)]:
        raise LibraryError(
            _("ISO 18626 does not allow %(action)s while the status is %(status)s.")
            % {"action": action, "status": current}
        )
    if action == ill.Action.RENEW:
        if request.renewals >= MAX_RENEWALS:
            raise LibraryError(_("This loan cannot be renewed again."))
        request.renewals += 1
        request.due = max(request.due, timezone.localdate()) + timedelta(days=LOAN_DAYS)
        request.status = ill.Status.LOANED
    elif action == ill.Action.CANCEL:
        request.status = ill.Status.CANCELLED
    elif action == ill.Action.RECEIVED:
        request.received = True
        # The book is at the reader's library: tell the reader who asked for it.
        loan_id = request.pk
        transaction.on_commit(lambda: patron_request_notify_ready(loan_id=loan_id))
    _message(request, by_organisation, "action", action, note=note)
    request.save()
    return request


def loan_suppliers(*, record, requester) -> list:
    """The rota for ``record``: every other library that catalogued the same work, in the
    order their records came in."""
    suppliers = {}
    for other in (
        Record.objects.filter(cluster_key=record.cluster_key)
        .exclude(library=requester)
        .select_related("library")
        .order_by("pk")
    ):
        suppliers.setdefault(other.library_id, other.library)
    return list(suppliers.values())


def loans_mark_overdue(*, today=None) -> int:
    """The scheduled check: loans past their due date become Overdue.  Each loan is looked
    at again under its lock, so a loan returned or renewed meanwhile, or marked by another
    run of the check at the same time, is left alone."""
    today = today or timezone.localdate()
    due = LoanRequest.objects.filter(status=ill.Status.LOANED, due__lt=today)
    count = 0
    for loan_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            loan = locking.loan_locked(loan_id)
            if loan.status != ill.Status.LOANED or loan.due >= today:
                continue
            loan_supplier_status(
                request=loan, status=ill.Status.OVERDUE, by_organisation=loan.supplier
            )
            count += 1
    return count


# Readers' requests ----------------------------------------------------------------------


def library_holds_work(*, library, record) -> bool:
    """Whether ``library`` catalogued the work of ``record`` or has a copy of it."""
    same_work = Record.objects.filter(cluster_key=record.cluster_key)
    return (
        same_work.filter(library=library).exists()
        or Holding.objects.filter(library=library, record__in=same_work).exists()
    )


@transaction.atomic
def patron_request_create(*, reader, library, record, note: str = "") -> PatronRequest:
    """A reader asks their member library for a record the library does not hold."""
    if not hasattr(library, "library"):
        raise LibraryError(_("Only a member library takes readers' requests."))
    if library_holds_work(library=library, record=record):
        raise LibraryError(_("Your library holds this book: ask for it at its desk."))
    open_request = PatronRequest.objects.filter(
        reader=reader, record=record, status=PatronRequestStatus.SUBMITTED
    )
    if open_request.exists():
        raise LibraryError(_("You have already asked for this book."))
    return PatronRequest.objects.create(
        reader=reader, library=library, record=record, note=note.strip()
    )


def _patron_request_locked(patron_request, *, expected: str) -> PatronRequest:
    locked = locking.patron_request_locked(patron_request.pk)
    if locked.status != expected:
        raise LibraryError(_("This request has already been answered."))
    return locked


@transaction.atomic
def patron_request_order(*, patron_request, by=None) -> PatronRequest:
    """One click: the library asks the libraries that hold the work (an ISO 18626 loan)."""
    patron_request = _patron_request_locked(patron_request, expected=PatronRequestStatus.SUBMITTED)
    loan = loan_request_send(
        requester=patron_request.library,
        record=patron_request.record,
        suppliers=loan_suppliers(record=patron_request.record, requester=patron_request.library),
    )
    patron_request.loan, patron_request.status = loan, PatronRequestStatus.ORDERED
    patron_request.answered_at = timezone.now()
    patron_request.save(update_fields=["loan", "status", "answered_at"])
    return patron_request


@transaction.atomic
def patron_request_decline(*, patron_request, answer: str, by=None) -> PatronRequest:
    """The library does not borrow the book and tells the reader why."""
    if not answer.strip():
        raise LibraryError(_("Tell the reader why the library does not borrow it."))
    patron_request = _patron_request_locked(patron_request, expected=PatronRequestStatus.SUBMITTED)
    patron_request.status, patron_request.answer = PatronRequestStatus.DECLINED, answer.strip()
    patron_request.answered_at = timezone.now()
    patron_request.save(update_fields=["status", "answer", "answered_at"])
    return patron_request


@transaction.atomic
def patron_request_cancel(*, patron_request, by) -> PatronRequest:
    """The reader withdraws a request their library has not answered yet."""
    if patron_request.reader_id != getattr(by, "pk", None):
        raise LibraryError(_("Only the reader who asked withdraws the request."))
    patron_request = _patron_request_locked(patron_request, expected=PatronRequestStatus.SUBMITTED)
    patron_request.status = PatronRequestStatus.CANCELLED
    patron_request.save(update_fields=["status"])
    return patron_request


def patron_request_notify_ready(*, loan_id: int) -> None:
    """E-mail the reader, in their language, that the book has arrived (once)."""
    from django.conf import settings

    from amur.core.mail import send_localised

    patron_request = (
        PatronRequest.objects.select_related("reader__profile", "record", "library")
        .filter(loan_id=loan_id, notified_at__isnull=True)
        .first()
    )
    if patron_request is None:
        return
    reader = patron_request.reader
    if reader.email:
        profile = getattr(reader, "profile", None)
        send_localised(
            to=[reader.email],
            language=getattr(profile, "language", "") or settings.LANGUAGE_CODE,
            subject_template="library/mail/ready_subject.txt",
            body_template="library/mail/ready_body.txt",
            context={"patron_request": patron_request, "site_url": settings.SITE_URL},
        )
    PatronRequest.objects.filter(pk=patron_request.pk).update(notified_at=timezone.now())

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Catalogue imports (in batches; a bad record reported with its position and skipped),
authorities, inter-library loans, exchanges and readers' requests."""

from __future__ import annotations

from datetime import timedelta

import pymarc
from django.db import DataError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.core.audit import audit_record, current_user
from amur.core.errors import DomainError
from amur.library import ill, marc
from amur.library.enums import (
    EXCHANGE_OPEN,
    EXCHANGE_STEPS,
    ExchangeKind,
    ExchangeSide,
    ExchangeStatus,
    HoldingStatus,
    JobStatus,
    PatronRequestStatus,
    SourceFormat,
)
from amur.library.models import Authority, Holding, ImportJob, PatronRequest, Record


class LibraryError(DomainError):
    pass


def import_job_create(*, library, filename: str, data: bytes) -> ImportJob:
    try:
        source_format = marc.detect_format(filename, data)
    except marc.UnreadableXML as exc:
        raise LibraryError(
            _("The file cannot be read as MARCXML (%(reason)s).") % {"reason": exc}
        ) from None
    return ImportJob.objects.create(library=library, filename=filename, source_format=source_format)


def _items(job: ImportJob, data: bytes):
    if job.source_format == SourceFormat.MARC21:
        return marc.read_iso2709(data)
    return marc.read_marcxml(data)


# Records are written this many at a time, each batch in one transaction; the job's
# progress is saved after every batch.
BATCH = 500
# The columns an import writes, and their limits (a longer value is refused with its
# name on both databases, rather than cut short or refused by PostgreSQL alone).
_LIMITS = {
    field.name: field.max_length
    for field in Record._meta.concrete_fields
    if field.max_length and field.name != "cluster_key"
}


def _prepared(job: ImportJob, item, extract, authorities) -> dict:
    """Every column of the record read from ``item``, search keys included, or the
    LibraryError that names why it cannot be imported."""
    if item.record is None:
        raise LibraryError(item.error)
    values = extract(item.record)
    if not values["title"]:
        raise LibraryError("no title (245 $a / 200 $a)")
    if not values["control_number"]:
        values["control_number"] = f"{job.filename}#{item.position}"
    for name, limit in _LIMITS.items():
        if len(values.get(name) or "") > limit:
            raise LibraryError(f"{name} is longer than {limit} characters")
    marcxml = pymarc.record_to_xml(item.record).decode("utf-8")
    if "\x00" in marcxml:
        raise LibraryError("a field holds a NUL character")
    return {
        **values,
        "source_format": job.source_format,
        "marcxml": marcxml,
        "cluster_key": marc.cluster_key(values),
        **marc.record_keys(values, extra=authority_forms(values, authorities)),
    }


def _reject(job: ImportJob, position: int, exc: Exception) -> None:
    job.rejected += 1
    job.errors.append({"position": position, "reason": str(exc)[:300]})


def _save_one(job: ImportJob, position: int, columns: dict) -> None:
    """One record on its own, as a batch the database refused is saved: a record it
    refuses is reported with its position and the others are kept."""
    try:
        with transaction.atomic():
            record, created = Record.objects.update_or_create(
                library=job.library, control_number=columns["control_number"], defaults=columns
            )
            search_words_add([record.search_keys])
    except (IntegrityError, DataError, ValueError) as exc:
        _reject(job, position, exc)
    else:
        job.imported += created
        job.updated += not created


def _save_batch(job: ImportJob, batch: list[tuple[int, dict]]) -> None:
    """Insert the new records and update the known ones (same library and control
    number) of a batch in one transaction, exactly as saving them one by one would."""
    latest = {columns["control_number"]: columns for _position, columns in batch}
    known = dict(
        Record.objects.filter(library=job.library, control_number__in=list(latest)).values_list(
            "control_number", "pk"
        )
    )
    now = timezone.now()
    new, changed = [], []
    for number, columns in latest.items():
        record = Record(library=job.library, **columns, modified_at=now)
        if number in known:
            record.pk = known[number]
            changed.append(record)
        else:
            new.append(record)
    try:
        with transaction.atomic():
            Record.objects.bulk_create(new)
            Record.objects.bulk_update(changed, [*batch[0][1], "modified_at"], batch_size=100)
            search_words_add(r.search_keys for r in new + changed)
    except (IntegrityError, DataError, ValueError):
        for position, columns in batch:
            _save_one(job, position, columns)
        return
    # A control number met twice is created (or updated) once, then updated: the later
    # record wins, as it would one by one.
    job.imported += len(new)
    job.updated += len(batch) - len(new)


def _progress(job: ImportJob) -> None:
    job.errors.sort(key=lambda error: error["position"])
    job.save(update_fields=["read", "imported", "updated", "rejected", "errors"])


def import_run(*, job: ImportJob, data: bytes, batch: int = BATCH) -> ImportJob:
    """Import every readable record; a record that cannot be imported is reported with
    its position and the others are kept.  Re-importing updates the records with the same
    control number.  Records are written in batches; the job shows the progress."""
    job.status = JobStatus.RUNNING
    job.save(update_fields=["status"])
    extract = (
        marc.unimarc_fields if job.source_format == SourceFormat.UNIMARC else marc.marc21_fields
    )
    authorities = list(Authority.objects.all())
    pending: list[tuple[int, dict]] = []
    for item in _items(job, data):
        job.read += 1
        try:
            pending.append((item.position, _prepared(job, item, extract, authorities)))
        except (LibraryError, ValueError, KeyError, AttributeError) as exc:
            _reject(job, item.position, exc)
        if len(pending) >= batch:
            _save_batch(job, pending)
            pending = []
            _progress(job)
    if pending:
        _save_batch(job, pending)
    job.errors.sort(key=lambda error: error["position"])
    job.status = JobStatus.DONE
    job.finished_at = timezone.now()
    job.save()
    return job


WORD_MAX = 64


def search_words_add(keys) -> None:
    """Add the words of some records' ``search_keys`` to the catalogue's vocabulary."""
    from amur.library.models import SearchWord

    words = {w for k in keys for w in k.split() if len(w) <= WORD_MAX and w.isascii()}
    SearchWord.objects.bulk_create(
        [SearchWord(word=w) for w in sorted(words)], ignore_conflicts=True, batch_size=2000
    )


def record_marcxml(record: Record) -> str:
    """The record as MARCXML: the original, exactly as imported."""
    return record.marcxml


def _names_match(authorised: str, name: str) -> bool:
    """ "Pushkin, Aleksandr Sergeevich" matches "Pushkin, Aleksandr Sergeevich, 1799-1837"."""
    head, _sep, given = authorised.casefold().partition(",")
    name = name.casefold()
    return name.startswith(head.strip()) and given.strip() in name


def _named(values: dict) -> list[str]:
    """Names in a record: its authors and its subjects (a name subject, MARC 600)."""
    return [a["name"] for a in values["authors"]] + list(values["subjects"])


def authority_forms(values: dict, authorities) -> list[str]:
    """The authorised forms and variants of every authority naming an author or subject."""
    forms: list[str] = []
    for authority in authorities:
        if any(_names_match(authority.authorised, name) for name in _named(values)):
            forms += [authority.authorised, *authority.variants]
    return forms


def _naming(authorised: str):
    """The records whose keys hold every word of the authorised name's head: all those
    whose authors or subjects it can name (``_names_match`` then decides), as a name's
    words are in its record's search keys."""
    from amur.core.search import folded_words

    condition = Q()
    for word in folded_words(authorised.partition(",")[0]):
        condition &= Q(search_keys__contains=word)
    return Record.objects.filter(condition)


@transaction.atomic
def authority_save(*, authorised: str, variants: list[str]):
    """Create or update an authority and re-key the records whose authors it names, so
    that every variant (普希金, Пушкин …) finds them.  Only those records are read (found
    by their keys) and written back in batches."""
    from amur.core.search import search_keys

    authority, _created = Authority.objects.update_or_create(
        authorised=authorised,
        defaults={"variants": variants, "search_keys": search_keys(authorised, *variants)},
    )
    authorities = list(Authority.objects.all())
    changed, columns = [], []
    for record in _naming(authorised).iterator(chunk_size=BATCH):
        values = _values(record)
        if any(_names_match(authorised, name) for name in _named(values)):
            keys = marc.record_keys(values, extra=authority_forms(values, authorities))
            for name, value in keys.items():
                setattr(record, name, value)
            changed.append(record)
            columns = list(keys)
    if changed:
        Record.objects.bulk_update(changed, columns, batch_size=100)
        search_words_add(record.search_keys for record in changed)
    return authority


def _values(record) -> dict:
    return {
        "title": record.title,
        "title_original": record.title_original,
        "other_title": record.other_title,
        "responsibility": record.responsibility,
        "authors": record.authors,
        "publisher": record.publisher,
        "subjects": record.subjects,
        "isbn": record.isbn,
    }


# Inter-library loan (ISO 18626) -------------------------------------------------------

LOAN_DAYS = 30
MAX_RENEWALS = 1


def _message(request, sender, kind, value, reason="", note=""):
    """One step of a loan in its own history, and in the audit trail with the person and
    address behind it (the request being served, when there is one)."""
    from amur.library.models import LoanMessage

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
    from amur.library.models import LoanRequest

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
    from amur.library.models import LoanRequest

    request = LoanRequest.objects.select_for_update().get(pk=request.pk)
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
    from amur.library.models import LoanRequest

    request = LoanRequest.objects.select_for_update().get(pk=request.pk)
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
    from amur.library.models import LoanRequest

    request = LoanRequest.objects.select_for_update().get(pk=request.pk)
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
    """The scheduled check: loans past their due date become Overdue."""
    from amur.library.models import LoanRequest

    today = today or timezone.localdate()
    count = 0
    for request in LoanRequest.objects.filter(status=ill.Status.LOANED, due__lt=today):
        loan_supplier_status(
            request=request, status=ill.Status.OVERDUE, by_organisation=request.supplier
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
    locked = PatronRequest.objects.select_for_update().get(pk=patron_request.pk)
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


# Holdings -------------------------------------------------------------------------------

HOLDING_FIELDS = ("call_number", "barcode", "status")


def _holding_state(holding) -> dict:
    return {name: getattr(holding, name) for name in HOLDING_FIELDS}


def _holding_check(*, library, barcode: str, status: str, exclude=None) -> None:
    from amur.library.models import Holding

    if status not in HoldingStatus.values:
        raise LibraryError(_("Unknown holding status: %(status)s") % {"status": status})
    if not barcode.strip():
        raise LibraryError(_("A holding needs a barcode."))
    clash = Holding.objects.filter(library=library, barcode=barcode.strip())
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        raise LibraryError(
            _("The barcode %(barcode)s is already used in this library.") % {"barcode": barcode}
        )


@transaction.atomic
def holding_create(
    *, record, library, barcode: str, call_number: str = "", status: str = "available", by=None
):
    """A library records a copy it has of ``record`` (catalogued by it or by another library
    of the union catalogue)."""
    from amur.library.models import Holding

    _holding_check(library=library, barcode=barcode, status=status)
    holding = Holding.objects.create(
        record=record,
        library=library,
        barcode=barcode.strip(),
        call_number=call_number.strip(),
        status=status,
    )
    audit_record(
        actor=by,
        action="library.holding_create",
        obj=holding,
        new=_holding_state(holding),
        organisation_id=library.pk,
    )
    return holding


@transaction.atomic
def holding_update(*, holding, by=None, **changes):
    """Change a holding's call number, barcode or availability; the library never changes."""
    from amur.library.models import Holding

    unknown = set(changes) - set(HOLDING_FIELDS)
    if unknown:
        raise LibraryError(
            _("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    holding = Holding.objects.select_for_update().get(pk=holding.pk)
    old = _holding_state(holding)
    new = {**old, **{k: (v.strip() if isinstance(v, str) else v) for k, v in changes.items()}}
    _holding_check(
        library=holding.library, barcode=new["barcode"], status=new["status"], exclude=holding
    )
    if new == old:
        return holding
    for name, value in new.items():
        setattr(holding, name, value)
    holding.save(update_fields=list(HOLDING_FIELDS))
    audit_record(
        actor=by,
        action="library.holding_update",
        obj=holding,
        old=old,
        new=new,
        organisation_id=holding.library_id,
    )
    return holding


# Book exchange --------------------------------------------------------------------------

OFFERABLE = (HoldingStatus.AVAILABLE, HoldingStatus.NOT_FOR_LOAN)


@transaction.atomic
def exchange_offer_publish(
    *, library, kind: str, titles: dict[str, str], barcodes: list[str], by=None
):
    """Publish a list of the library's own copies (by barcode) for others to request."""
    from amur.library.models import ExchangeOffer, Holding, OfferItem

    if kind not in ExchangeKind.values:
        raise LibraryError(_("Unknown kind of exchange: %(kind)s") % {"kind": kind})
    titles = {lang: (titles.get(lang) or "").strip() for lang in ("zh", "ru", "en")}
    if not any(titles.values()):
        raise LibraryError(_("An offer needs a title in at least one language."))
    barcodes = list(dict.fromkeys(b.strip() for b in barcodes if b.strip()))
    if not barcodes:
        raise LibraryError(_("An offer lists at least one copy."))
    holdings = {
        h.barcode: h
        for h in Holding.objects.select_for_update().filter(library=library, barcode__in=barcodes)
    }
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
    offer = ExchangeOffer.objects.create(
        library=library, kind=kind, **{f"title_{lang}": text for lang, text in titles.items()}
    )
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
    from amur.library.models import ExchangeOffer

    offer = ExchangeOffer.objects.select_for_update().get(pk=offer.pk)
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
    from amur.library.models import ExchangeOffer, ExchangeRequest

    offer = ExchangeOffer.objects.select_for_update().get(pk=offer.pk)
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
    from amur.library.models import ExchangeRequest, Holding, OfferItem

    request = ExchangeRequest.objects.select_for_update().select_related("offer").get(pk=request.pk)
    if to not in ExchangeStatus.values:
        raise LibraryError(_("Unknown exchange status: %(status)s") % {"status": to})
    if exchange_side_organisation_id(request, to) != by_organisation.pk:
        raise LibraryError(_("This step is taken by the other side of the exchange."))
    old, now = request.status, timezone.now()
    if to == ExchangeStatus.CONFIRMED:
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
    from amur.library.models import Holding

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

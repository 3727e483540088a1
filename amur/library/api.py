# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Library API: the union catalogue, searchable in any script, and import progress."""

from datetime import date, datetime

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from amur.core.api import (
    DB_INT_MAX,
    WRITE_ERRORS,
    ErrorOut,
    Pagination,
    require_perm,
    require_user,
)
from amur.core.pagecache import ALL, public_api
from amur.directory.models import Organisation
from amur.library import selectors, services
from amur.library.enums import (
    ExchangeKind,
    ExchangeStatus,
    HoldingStatus,
    PatronRequestStatus,
    ReaderStage,
)
from amur.library.models import ImportJob

router = Router(tags=["library"])


class RecordOut(Schema):
    id: int
    title: str
    title_original: str
    responsibility: str
    authors: list[dict]
    publisher: str
    year: int | None
    isbn: str
    languages: str
    library: int
    cluster_key: str
    # The title and authors as shown (NFC, ties joined), each with its other-script form;
    # "converted" marks a Cyrillic form computed from the ALA-LC romanisation.
    display: dict

    @staticmethod
    def resolve_library(obj):
        return obj.library_id

    @staticmethod
    def resolve_display(obj):
        from dataclasses import asdict

        from amur.library.display import record_display

        return asdict(record_display(obj))


class ImportJobOut(Schema):
    id: int
    filename: str
    status: str
    read: int
    imported: int
    updated: int
    rejected: int
    errors: list[dict]


class FacetValue(Schema):
    value: str
    count: int


class FacetLibrary(Schema):
    id: int
    name_zh: str
    name_ru: str
    name_en: str
    count: int


class FacetsOut(Schema):
    languages: list[FacetValue]
    libraries: list[FacetLibrary]
    subjects: list[FacetValue]
    available: int
    year_min: int | None
    year_max: int | None


class SearchFilters(Schema):
    q: str | None = None
    language: str | None = None
    library: int | None = Field(None, ge=1, le=DB_INT_MAX)
    year_from: int | None = Field(None, ge=-9999, le=9999)
    year_to: int | None = Field(None, ge=-9999, le=9999)
    available: bool | None = None
    subject: str | None = None


@router.get("/records", response=list[RecordOut])
@public_api(*ALL)
@paginate(Pagination)
def record_search(request, filters: Query[SearchFilters]):
    """Title, author, subject, ISBN or publisher in Chinese, Russian or Latin letters;
    exact title matches first, then author matches, then title matches."""
    values = filters.dict()
    return selectors.records_search(values.pop("q"), **values)


@router.get("/records/facets", response=FacetsOut)
@public_api(*ALL)
def record_facets(request, filters: Query[SearchFilters]):
    """Counts of the records a search finds, by language, library, subject, availability."""
    values = filters.dict()
    facets = selectors.records_facets(selectors.records_search(values.pop("q"), **values))
    return {
        "languages": [{"value": v, "count": n} for v, n in facets.languages],
        "subjects": [{"value": v, "count": n} for v, n in facets.subjects],
        "libraries": [
            {
                "id": org.pk,
                "name_zh": org.name_zh,
                "name_ru": org.name_ru,
                "name_en": org.name_en,
                "count": n,
            }
            for org, n in facets.libraries
        ],
        "available": facets.available,
        "year_min": facets.year_min,
        "year_max": facets.year_max,
    }


@router.get("/records/{pk}/marcxml", response={200: str, 404: ErrorOut})
def record_marcxml(request, pk: int):
    record = selectors.record_get_for(request.user, pk=pk)
    return HttpResponse(record.marcxml, content_type="application/xml; charset=utf-8")


@router.get(
    "/imports/{pk}", response={200: ImportJobOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def import_job(request, pk: int):
    job = get_object_or_404(ImportJob, pk=pk)
    require_perm(request, "library.import_records", job)
    return job


class HoldingOut(Schema):
    id: int
    record: int
    library: int
    call_number: str
    barcode: str
    status: HoldingStatus

    @staticmethod
    def resolve_record(obj):
        return obj.record_id

    @staticmethod
    def resolve_library(obj):
        return obj.library_id


class HoldingIn(Schema):
    library: int
    barcode: str
    call_number: str = ""
    status: HoldingStatus = HoldingStatus.AVAILABLE


class HoldingPatch(Schema):
    barcode: str | None = None
    call_number: str | None = None
    status: HoldingStatus | None = None


@router.get("/records/{pk}/holdings", response={200: list[HoldingOut], 404: ErrorOut})
def holding_list(request, pk: int):
    """Every library's copies of the work this record belongs to."""
    return list(selectors.holdings_of_work(selectors.record_get_for(request.user, pk=pk)))


@router.post("/records/{pk}/holdings", response={201: HoldingOut, **WRITE_ERRORS})
def holding_create(request, pk: int, payload: HoldingIn):
    record = selectors.record_get_for(request.user, pk=pk)
    library = get_object_or_404(Organisation, pk=payload.library, library__isnull=False)
    require_perm(request, "library.change_holding", library)
    holding = services.holding_create(
        record=record,
        library=library,
        barcode=payload.barcode,
        call_number=payload.call_number,
        status=payload.status,
        by=request.user,
    )
    return Status(201, holding)


@router.patch("/holdings/{pk}", response={200: HoldingOut, **WRITE_ERRORS})
def holding_update(request, pk: int, payload: HoldingPatch):
    holding = selectors.holding_get_for(request.user, pk=pk)
    require_perm(request, "library.change_holding", holding)
    return services.holding_update(
        holding=holding, by=request.user, **payload.dict(exclude_none=True)
    )


# Book exchange --------------------------------------------------------------------------


class OfferItemOut(Schema):
    id: int
    record: int
    barcode: str
    taken_by: int | None

    @staticmethod
    def resolve_record(obj):
        return obj.record_id

    @staticmethod
    def resolve_taken_by(obj):
        return obj.taken_by_id


class ExchangeOfferOut(Schema):
    id: int
    library: int
    kind: ExchangeKind
    title_zh: str
    title_ru: str
    title_en: str
    published_at: datetime
    closed_at: datetime | None
    items: list[OfferItemOut]

    @staticmethod
    def resolve_library(obj):
        return obj.library_id

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())


class ExchangeOfferIn(Schema):
    # As typed: services.exchange_offer_publish judges the kind, titles and copies, for the
    # page and the API alike.
    library: int
    kind: str
    title_zh: str = ""
    title_ru: str = ""
    title_en: str = ""
    barcodes: list[str] = []


class ExchangeRequestOut(Schema):
    id: int
    offer: int
    requester: int
    status: ExchangeStatus
    in_return: str
    wanted: list[int]
    requested_at: datetime
    confirmed_at: datetime | None
    declined_at: datetime | None
    shipped_at: datetime | None
    received_at: datetime | None
    cancelled_at: datetime | None

    @staticmethod
    def resolve_offer(obj):
        return obj.offer_id

    @staticmethod
    def resolve_requester(obj):
        return obj.requester_id

    @staticmethod
    def resolve_wanted(obj):
        return sorted(item.pk for item in obj.wanted.all())


class ExchangeRequestIn(Schema):
    library: int
    items: list[int]
    in_return: str = ""


class ExchangeStepIn(Schema):
    to: str  # as typed: the transition table judges it (services.exchange_step)


def _member_library(pk: int):
    return get_object_or_404(Organisation, pk=pk, library__isnull=False)


@router.get("/exchange/offers", response=list[ExchangeOfferOut])
@public_api(*ALL)
@paginate(Pagination)
def exchange_offer_list(request):
    """Open offers of every member library."""
    return selectors.exchange_offers_open().prefetch_related("items")


@router.get("/exchange/offers/{pk}", response={200: ExchangeOfferOut, 404: ErrorOut})
def exchange_offer_detail(request, pk: int):
    return selectors.exchange_offer_get_for(request.user, pk=pk)


@router.post("/exchange/offers", response={201: ExchangeOfferOut, **WRITE_ERRORS, 422: ErrorOut})
def exchange_offer_publish(request, payload: ExchangeOfferIn):
    library = _member_library(payload.library)
    require_perm(request, "library.change_exchange", library)
    titles = {"zh": payload.title_zh, "ru": payload.title_ru, "en": payload.title_en}
    offer = services.exchange_offer_publish(
        library=library,
        kind=payload.kind,
        titles=titles,
        barcodes=payload.barcodes,
        by=request.user,
    )
    return Status(201, offer)


@router.post("/exchange/offers/{pk}/close", response={200: ExchangeOfferOut, **WRITE_ERRORS})
def exchange_offer_close(request, pk: int):
    offer = selectors.exchange_offer_get_for(request.user, pk=pk)
    require_perm(request, "library.change_exchange", offer.library)
    return services.exchange_offer_close(offer=offer, by=request.user)


@router.post("/exchange/offers/{pk}/requests", response={201: ExchangeRequestOut, **WRITE_ERRORS})
def exchange_request_create(request, pk: int, payload: ExchangeRequestIn):
    offer = selectors.exchange_offer_get_for(request.user, pk=pk)
    requester = _member_library(payload.library)
    require_perm(request, "library.change_exchange", requester)
    exchange = services.exchange_request_create(
        offer=offer,
        requester=requester,
        items=payload.items,
        in_return=payload.in_return,
        by=request.user,
    )
    return Status(201, exchange)


@router.get("/exchange/requests", response={200: list[ExchangeRequestOut], 401: ErrorOut})
@paginate(Pagination)
def exchange_request_list(request):
    """The exchanges the user's libraries take part in, on either side."""
    user = require_user(request)
    return selectors.exchange_requests_for(user)


@router.post("/exchange/requests/{pk}/steps", response={200: ExchangeRequestOut, **WRITE_ERRORS})
def exchange_step(request, pk: int, payload: ExchangeStepIn):
    """One step of the transition table, taken by the side it names; others get 409."""
    user = require_user(request)
    exchange = selectors.exchange_request_get_for(user, pk=pk)
    organisation = Organisation.objects.get(
        pk=services.exchange_side_organisation_id(exchange, payload.to)
    )
    require_perm(request, "library.change_exchange", organisation)
    return services.exchange_step(
        request=exchange, to=payload.to, by_organisation=organisation, by=user
    )


# Inter-library loan as ISO 18626 XML -----------------------------------------------------


@router.get("/ill/{pk}/iso18626", response={200: list[str], 401: ErrorOut, 404: ErrorOut})
def ill_iso18626_export(request, pk: int):
    """The transaction's messages, each an ISO18626Message document, in order."""
    from amur.library import iso18626

    loan = selectors.loan_get_for(require_user(request), pk=pk)
    return [document.decode("utf-8") for document in iso18626.transaction_xml(loan)]


@router.post(
    "/ill/iso18626",
    response={200: str, 401: ErrorOut, 403: ErrorOut, 409: str},
    openapi_extra={"requestBody": {"content": {"application/xml": {"schema": {"type": "string"}}}}},
)
def ill_iso18626_import(request):
    """Apply one ISO18626Message (request, supplyingAgencyMessage or
    requestingAgencyMessage) for the library that sends it; the answer is the standard's
    confirmation, messageStatus ERROR (409) for a message that cannot be applied."""
    from amur.library import iso18626

    require_user(request)
    incoming = None
    try:
        incoming = iso18626.parse(request.body)
        require_perm(request, "library.change_record", iso18626.sender_organisation(incoming))
        iso18626.apply(incoming)
    except iso18626.Iso18626Error as exc:
        return HttpResponse(
            iso18626.confirmation_xml(incoming, exc), status=409, content_type="application/xml"
        )
    return HttpResponse(iso18626.confirmation_xml(incoming), content_type="application/xml")


# Readers' requests and loans --------------------------------------------------------------


class LoanOut(Schema):
    id: int
    record: int
    record_title: str
    requester: int
    supplier: int
    status: str
    status_label: str
    reason: str
    reason_label: str
    due: date | None
    received: bool

    @staticmethod
    def resolve_record(obj):
        return obj.record_id

    @staticmethod
    def resolve_record_title(obj):
        return obj.record.title

    @staticmethod
    def resolve_requester(obj):
        return obj.requester_id

    @staticmethod
    def resolve_supplier(obj):
        return obj.supplier_id

    @staticmethod
    def resolve_status_label(obj):
        return obj.status_label()

    @staticmethod
    def resolve_reason_label(obj):
        return obj.reason_label()


class PatronRequestOut(Schema):
    id: int
    record: int
    record_title: str
    library: int
    reader: int
    note: str
    status: PatronRequestStatus
    answer: str
    stage: ReaderStage
    stage_label: str
    loan: int | None
    created_at: datetime

    @staticmethod
    def resolve_record(obj):
        return obj.record_id

    @staticmethod
    def resolve_record_title(obj):
        return obj.record.title

    @staticmethod
    def resolve_library(obj):
        return obj.library_id

    @staticmethod
    def resolve_reader(obj):
        return obj.reader_id

    @staticmethod
    def resolve_stage(obj):
        return selectors.reader_stage(obj)

    @staticmethod
    def resolve_stage_label(obj):
        return str(ReaderStage(selectors.reader_stage(obj)).label)

    @staticmethod
    def resolve_loan(obj):
        return obj.loan_id


class PatronRequestIn(Schema):
    library: int
    note: str = ""


class PatronAnswerIn(Schema):
    answer: str


@router.get("/ill/loans", response={200: list[LoanOut], 401: ErrorOut})
@paginate(Pagination)
def loan_list(request):
    """The loans the user's libraries supply and ask for; every loan for platform staff.
    Statuses and reasons come as codes and in words, in the request's language."""
    supplying, requesting, every = selectors.loans_for(require_user(request))
    if request.user.has_perm("library.view_all_loans"):
        return every
    return (supplying | requesting).distinct()


@router.get("/patron-requests", response={200: list[PatronRequestOut], 401: ErrorOut})
@paginate(Pagination)
def patron_request_list(request):
    """The reader's own requests; for librarians also their libraries' readers' requests."""
    return selectors.patron_requests_visible(require_user(request))


@router.post("/records/{pk}/patron-requests", response={201: PatronRequestOut, **WRITE_ERRORS})
def patron_request_create(request, pk: int, payload: PatronRequestIn):
    """A reader asks their member library to borrow a record it does not hold."""
    record = selectors.record_get_for(request.user, pk=pk)
    library = _member_library(payload.library)
    require_perm(request, "library.ask_library", library)
    created = services.patron_request_create(
        reader=request.user, library=library, record=record, note=payload.note
    )
    return Status(201, created)


def _patron_request(request, pk: int, permission: str):
    require_user(request)
    patron_request = selectors.patron_request_get_for(request.user, pk=pk)
    require_perm(request, permission, patron_request)
    return patron_request


@router.post("/patron-requests/{pk}/order", response={200: PatronRequestOut, **WRITE_ERRORS})
def patron_request_order(request, pk: int):
    """One call: the library asks the libraries that hold the work for a loan."""
    patron_request = _patron_request(request, pk, "library.answer_patronrequest")
    return services.patron_request_order(patron_request=patron_request, by=request.user)


@router.post("/patron-requests/{pk}/decline", response={200: PatronRequestOut, **WRITE_ERRORS})
def patron_request_decline(request, pk: int, payload: PatronAnswerIn):
    patron_request = _patron_request(request, pk, "library.answer_patronrequest")
    return services.patron_request_decline(
        patron_request=patron_request, answer=payload.answer, by=request.user
    )


@router.post("/patron-requests/{pk}/cancel", response={200: PatronRequestOut, **WRITE_ERRORS})
def patron_request_cancel(request, pk: int):
    patron_request = _patron_request(request, pk, "library.cancel_patronrequest")
    return services.patron_request_cancel(patron_request=patron_request, by=request.user)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Library API: the union catalogue, searchable in any script, and import progress."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from amur.core.api import ApiError, ErrorOut, require_perm
from amur.directory.models import Organisation
from amur.library import selectors, services
from amur.library.enums import HoldingStatus
from amur.library.models import Holding, ImportJob, Record

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

    @staticmethod
    def resolve_library(obj):
        return obj.library_id


class ImportJobOut(Schema):
    id: int
    filename: str
    status: str
    read: int
    imported: int
    updated: int
    rejected: int
    errors: list[dict]


@router.get("/records", response=list[RecordOut])
@paginate(LimitOffsetPagination)
def record_search(request, q: str | None = None, language: str | None = None,
                  year_from: int | None = None, year_to: int | None = None):  # fmt: skip
    """Title, author, subject, ISBN or publisher in Chinese, Russian or Latin letters."""
    return selectors.records_search(q, language=language, year_from=year_from, year_to=year_to)


@router.get("/records/{pk}/marcxml", response={200: str, 404: ErrorOut})
def record_marcxml(request, pk: int):
    record = get_object_or_404(Record, pk=pk)
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


WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


@router.get("/records/{pk}/holdings", response={200: list[HoldingOut], 404: ErrorOut})
def holding_list(request, pk: int):
    """Every library's copies of the work this record belongs to."""
    return list(selectors.holdings_of_work(get_object_or_404(Record, pk=pk)))


@router.post("/records/{pk}/holdings", response={201: HoldingOut, **WRITE_ERRORS})
def holding_create(request, pk: int, payload: HoldingIn):
    record = get_object_or_404(Record, pk=pk)
    library = get_object_or_404(Organisation, pk=payload.library, library__isnull=False)
    require_perm(request, "library.change_holding", library)
    try:
        holding = services.holding_create(
            record=record, library=library, barcode=payload.barcode,
            call_number=payload.call_number, status=payload.status, by=request.user,
        )  # fmt: skip
    except services.LibraryError as exc:
        raise ApiError(409, "refused", str(exc)) from None
    return Status(201, holding)


@router.patch("/holdings/{pk}", response={200: HoldingOut, **WRITE_ERRORS})
def holding_update(request, pk: int, payload: HoldingPatch):
    holding = get_object_or_404(Holding, pk=pk)
    require_perm(request, "library.change_holding", holding)
    try:
        return services.holding_update(
            holding=holding, by=request.user, **payload.dict(exclude_none=True)
        )
    except services.LibraryError as exc:
        raise ApiError(409, "refused", str(exc)) from None

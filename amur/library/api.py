# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Library API: the union catalogue, searchable in any script, and import progress."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from amur.core.api import ErrorOut, require_perm
from amur.library import selectors
from amur.library.models import ImportJob, Record

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

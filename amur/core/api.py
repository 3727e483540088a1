# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""API building blocks shared by every app's router: errors, permission checks, pagination
and the OpenAPI document (the caller is recognised by ``amur.accounts.auth``)."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema
from ninja.conf import settings as ninja_settings
from ninja.errors import ValidationError
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.parser import Parser

from amur.core.pagecache import ALL, public_api

router = Router(tags=["core"])


class ApiError(Exception):
    """Raise from an endpoint to answer with Amur's error shape."""

    def __init__(self, status: int, code: str, message: str, detail=None):
        super().__init__(message)
        self.status, self.code, self.message, self.detail = status, code, message, detail


class ErrorBody(Schema):
    code: str
    message: str
    detail: object | None = None


class ErrorOut(Schema):
    error: ErrorBody


def error_response(api, request, status: int, code: str, message: str, detail=None):
    return api.create_response(
        request,
        {"error": {"code": code, "message": str(message), "detail": detail}},
        status=status,
    )


INVALID = gettext_lazy("The request is not valid.")
NUL = gettext_lazy("Text may not contain the NUL character.")
OUT_OF_RANGE = gettext_lazy("A number is too large.")

# Offsets and limits beyond this are refused (422) before they reach the database, whose
# integers they would overflow (a server error on SQLite and PostgreSQL alike).
DB_INT_MAX = 2**31 - 1


class Pagination(LimitOffsetPagination):
    """Every list endpoint's ``limit``/``offset`` (``NINJA_PAGINATION_CLASS``)."""

    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=DB_INT_MAX)
        offset: int = Field(0, ge=0, le=DB_INT_MAX)


def _nul_in(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_nul_in(k) or _nul_in(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_nul_in(v) for v in value)
    return False


class TextParser(Parser):
    """JSON bodies, query strings and forms, refusing the NUL character anywhere in them
    (PostgreSQL cannot store it; the database error was a 500)."""

    def parse_body(self, request):
        data = super().parse_body(request)
        if _nul_in(data):
            # ninja wraps a body parser's error in a 400; amur.api answers with this one.
            raise ApiError(422, "invalid", NUL)
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        if _nul_in(result):
            raise ValidationError([{"loc": ["query"], "msg": str(NUL), "type": "nul"}])
        return result


def openapi_document(schema: dict) -> dict:
    """Make the OpenAPI schema say what the answers do (issue 12, part 5).

    - Authentication: every operation accepts a token, but only those that can answer 401
      to an anonymous caller (they declare 401) need one; the others are marked optional
      (``security: [{}, {"RequestAuth": []}]``), since anonymous reads are allowed.
    - Status codes every operation can give besides its own: 401 (a wrong or revoked
      token), 422 (parameters or body not valid, e.g. a bound exceeded, a NUL character),
      400 (a body that is not JSON), 404 (an unknown id in the path) and 403 (a session
      write without its CSRF token).
    """
    ref = {"$ref": "#/components/schemas/ErrorOut"}
    if "ErrorOut" not in schema.get("components", {}).get("schemas", {}):
        ref = {"type": "object"}

    def error(description: str) -> dict:
        return {"description": description, "content": {"application/json": {"schema": ref}}}

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = {int(code) for code in responses}
            needs_auth = 401 in codes
            operation["security"] = (
                [{"RequestAuth": []}] if needs_auth else [{}, {"RequestAuth": []}]
            )
            extra = {401: "Authentication required or the token is not valid."}
            if operation.get("parameters") or operation.get("requestBody"):
                extra[422] = "The request is not valid."
            if operation.get("requestBody"):
                extra[400] = "The body cannot be read."
            if "{" in path:
                extra[404] = "Not found."
            if method.lower() not in ("get", "head", "options"):
                extra[403] = "Not allowed (or a session write without its CSRF token)."
            for code, description in extra.items():
                if code not in codes:
                    responses[code] = error(description)
    return schema


# The answers a write endpoint may give besides success: declare them once.
WRITE_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


def refused(exc: Exception) -> ApiError:
    """409 carrying a domain error's translated message: ``raise refused(exc) from None``."""
    return ApiError(409, "refused", str(exc))


def require_user(request):
    if not request.user.is_authenticated:
        raise ApiError(401, "unauthenticated", _("Authentication required."))
    return request.user


def require_perm(request, permission: str, obj=None) -> None:
    """403 unless the user holds ``permission`` on ``obj`` (401 when anonymous)."""
    require_user(request)
    if not request.user.has_perm(permission, obj):
        raise ApiError(403, "forbidden", _("You are not allowed to do this."))


class PlaceOut(Schema):
    key: str
    kind: str
    country_code: str
    parent: str | None
    name_zh: str
    name_ru: str
    name_en: str
    lat: float | None
    lon: float | None
    is_border: bool
    counterpart: str | None
    timezone: str

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.key if obj.parent_id else None

    @staticmethod
    def resolve_counterpart(obj):
        return obj.counterpart.key if obj.counterpart_id else None


class FieldOut(Schema):
    key: str
    name_zh: str
    name_ru: str
    name_en: str


@router.get("/places", response=list[PlaceOut])
@public_api(*ALL)
@paginate(Pagination)
def place_list(
    request,
    q: str | None = None,
    kind: str | None = None,
    country: str | None = None,
    border: bool | None = None,
):
    """Countries, regions, cities and border ports; ``q`` in any script."""
    from amur.core.models import Place
    from amur.core.search import search_filter

    qs = Place.objects.select_related("parent", "counterpart").order_by("key")
    if q:
        qs = qs.filter(search_filter(q))
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country_code=country.upper())
    if border is not None:
        qs = qs.filter(is_border=border)
    return qs


@router.get("/places/{key}", response={200: PlaceOut, 404: ErrorOut})
def place_detail(request, key: str):
    from django.shortcuts import get_object_or_404

    from amur.core.models import Place

    return get_object_or_404(Place.objects.select_related("parent", "counterpart"), key=key)


@router.get("/fields", response=list[FieldOut])
@public_api(*ALL)
def field_list(request):
    """The shared vocabulary of fields of exchange."""
    from amur.core.models import FieldOfExchange

    return list(FieldOfExchange.objects.all())


class FailedMailOut(Schema):
    id: int
    created_at: datetime
    to: list[str]
    subject: str
    attempts: int
    last_error: str


@router.get("/mail/failed", response={200: list[FailedMailOut], 401: ErrorOut, 403: ErrorOut})
@paginate(Pagination)
def failed_mail_list(request):
    """E-mails given up on after the last try, with the mail server's error; platform staff."""
    from amur.core.mail import mails_failed

    require_perm(request, "core.view_mail")
    return mails_failed()

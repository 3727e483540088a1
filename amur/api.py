# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The REST API: one NinjaAPI, one router per app under /api/v1/<app>/.

Schema at /api/openapi.json, interactive docs at /api/docs.  Authentication: a personal
token (``Authorization: Bearer amur_…``) or the browser session; anonymous callers read
what is public.  Every error has the same shape: ``{"error": {"code", "message", "detail"}}``.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from amur.accounts.auth import RequestAuth
from amur.core.api import (
    INVALID,
    OUT_OF_RANGE,
    ApiError,
    TextParser,
    error_response,
    openapi_document,
)
from amur.core.errors import DomainError
from amur.core.phrases import NOT_FOUND


class AmurAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return openapi_document(super().get_openapi_schema(**kwargs))


api = AmurAPI(
    title="Amur API",
    version="1",
    description="Alliances, events, competitions, mobility, library, talent and observatory "
    "of the Heilongjiang–Russia humanities cooperation.",
    auth=RequestAuth(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=TextParser(),
)


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return error_response(api, request, exc.status, exc.code, exc.message, exc.detail)


@api.exception_handler(DomainError)
def _refused(request, exc: DomainError):
    # Any service's refusal that an endpoint did not answer itself: 409, its message.
    return error_response(api, request, 409, "refused", str(exc))


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    return error_response(api, request, 422, "invalid", INVALID, exc.errors)


@api.exception_handler(OverflowError)
def _out_of_range(request, exc: OverflowError):
    # A whole number beyond what the database stores (an id, a year, a count typed with
    # twenty digits) overflowed the driver: the caller's mistake, not the server's.
    return error_response(api, request, 422, "invalid", INVALID, {"number": str(OUT_OF_RANGE)})


@api.exception_handler(ModelValidationError)
def _model_invalid(request, exc: ModelValidationError):
    # A model's full_clean refusing what a service was given (messages already translated).
    detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return error_response(api, request, 422, "invalid", INVALID, detail)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return error_response(api, request, 401, "unauthenticated", "Authentication required.")


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return error_response(api, request, 403, "forbidden", str(exc) or "Not allowed.")


@api.exception_handler(Http404)
def _not_found(request, exc):
    # Django's Http404 (raised by every *_get_for selector) in the caller's language.
    return error_response(api, request, 404, "not_found", NOT_FOUND)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if isinstance(exc.__cause__, ApiError):  # e.g. a body the parser refused, with its reason
        return _api_error(request, exc.__cause__)
    return error_response(api, request, exc.status_code, "error", str(exc))


ROUTERS = [
    ("v1/core/", "amur.core.api.router"),
    ("v1/directory/", "amur.directory.api.router"),
    ("v1/accounts/", "amur.accounts.api.router"),
    ("v1/alliances/", "amur.alliances.api.router"),
    ("v1/events/", "amur.events.api.router"),
    ("v1/competitions/", "amur.competitions.api.router"),
    ("v1/mobility/", "amur.mobility.api.router"),
    ("v1/library/", "amur.library.api.router"),
    ("v1/resources/", "amur.resources.api.router"),
    ("v1/forum/", "amur.forum.api.router"),
    ("v1/talent/", "amur.talent.api.router"),
    ("v1/observatory/", "amur.observatory.api.router"),
]
for prefix, router in ROUTERS:
    api.add_router(prefix, router)

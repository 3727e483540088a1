# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""How an API caller is recognised: a personal token, else the browser session."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security.base import AuthBase

from amur.accounts.services import api_token_user
from amur.core.api import ApiError


class RequestAuth(AuthBase):
    """Token, else session, else anonymous; a wrong token is an error, never anonymous.

    Returning the (possibly anonymous) user lets public endpoints and protected ones share
    one auth; protected endpoints call ``require_user`` and ``require_perm``.
    """

    openapi_type = "http"
    openapi_scheme = "bearer"

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _sep, raw = header.partition(" ")
            if scheme.lower() != "bearer" or not raw.strip():
                raise AuthenticationError()
            user = api_token_user(raw.strip())
            if user is None:
                raise AuthenticationError()
            request.user = user
            return user
        user = getattr(request, "user", None) or AnonymousUser()
        if user.is_authenticated and request.method not in ("GET", "HEAD", "OPTIONS"):
            # Session-authenticated writes need the CSRF token, as forms do.
            reason = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
            if reason is not None:
                raise ApiError(403, "csrf", _("CSRF check failed."))
        request.user = user
        return user

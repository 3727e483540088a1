# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import zoneinfo

from django.utils import timezone

TIMEZONE_COOKIE = "amur_tz"
# A signed-in person's chosen zone (their profile) is kept in the session at login and on
# saving the profile; it wins over the cookie, which the page shell keeps equal to the
# browser's zone.
TIMEZONE_SESSION_KEY = "amur_tz"

# Every asset ships with the platform, so the policy allows only our own origin. The admin
# and the API docs are third-party pages with inline code of their own; they get the
# browser's defaults rather than a policy they would break.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
CSP_EXEMPT_PREFIXES = ("/admin/", "/api/docs")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(CSP_EXEMPT_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response


def valid_timezone(name: str | None) -> zoneinfo.ZoneInfo | None:
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class TimezoneMiddleware:
    """Show times in the reader's zone: the one their profile names when they are signed
    in and chose one, otherwise their browser's, which the page shell stores in a cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        chosen = session.get(TIMEZONE_SESSION_KEY) if session is not None else None
        zone = valid_timezone(chosen) or valid_timezone(request.COOKIES.get(TIMEZONE_COOKIE))
        if zone is not None:
            timezone.activate(zone)
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class PostOnlyGetMiddleware:
    """A GET on a form's POST-only address (where a login sends people back, or a
    bookmarked "apply" link) leads to the page the form is on instead of a blank 405:
    the nearest enclosing address that answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code != 405
            or request.method != "GET"
            or request.path.startswith(("/api/", "/admin/"))
        ):
            return response
        target = _enclosing_page(request.path)
        if target is None:
            return response
        from django.shortcuts import redirect

        return redirect(target)


def _enclosing_page(path: str) -> str | None:
    from django.urls import Resolver404, resolve

    parts = [part for part in path.split("/") if part]
    while parts:
        parts.pop()
        candidate = "/" + "/".join(parts) + ("/" if parts else "")
        try:
            resolve(candidate)
        except Resolver404:
            continue
        return candidate
    return None

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Staff sessions end after a shorter idle time; the second step of two-factor login."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

LAST_SEEN_KEY = "amur_last_seen"
# The time of the last request is written at most this often, not on every page view.
REFRESH_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """Log out platform staff idle for longer than ``AMUR_STAFF_IDLE_SECONDS``.

    A staff session can change anything on the platform, so a browser left signed in on a
    shared computer must not stay usable for the two weeks of an ordinary session
    (``SESSION_COOKIE_AGE``). Other users' sessions are left to that age.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = int(time.time())
            last = request.session.get(LAST_SEEN_KEY)
            if last is not None and now - last > settings.AMUR_STAFF_IDLE_SECONDS:
                logout(request)
            elif last is None or now - last >= REFRESH_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


VERIFIED_KEY = "amur_two_factor_user"


def two_factor_passed(request, user) -> None:
    """Remember in the session that ``user`` passed the second factor (or has none)."""
    request.session[VERIFIED_KEY] = user.pk


def two_factor_on_login(sender, request, user, **kwargs) -> None:
    """At login, let users with no second step through without a query per session (their
    first page then costs what every later one does); the others stay held."""
    from amur.accounts import services

    if request is None or not hasattr(request, "session"):
        return
    request.session.pop(VERIFIED_KEY, None)
    if services.two_factor_device(user) is None and not services.two_factor_required(user):
        two_factor_passed(request, user)


class TwoFactorMiddleware:
    """Hold a signed-in user at the second step until it is done.

    After the password, a user with an authenticator app is sent to enter its code, and
    platform staff without one are sent to enrol, before any other page (or session use of
    the API, where they count as anonymous). Checked on every request, not in the login
    view, so no way of signing in (the admin's login page included) skips it. The session
    remembers who passed, so users without a device cost one query per session.
    """

    EXEMPT = (
        "accounts:logout",
        "accounts:two_factor_verify",
        "accounts:two_factor_enrol",
        "set_language",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.session.get(VERIFIED_KEY) != user.pk
        ):
            redirect_to = self._step(request, user)
            if redirect_to:
                if request.path.startswith("/api/"):
                    request.user = AnonymousUser()
                elif not self._exempt(request):
                    query = urlencode({"next": request.get_full_path()})
                    return redirect(f"{reverse(redirect_to)}?{query}")
        return self.get_response(request)

    def _step(self, request, user) -> str:
        from amur.accounts import services

        if services.two_factor_device(user) is not None:
            return "accounts:two_factor_verify"
        if services.two_factor_required(user):
            return "accounts:two_factor_enrol"
        two_factor_passed(request, user)
        return ""

    def _exempt(self, request) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in self.EXEMPT

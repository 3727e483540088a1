# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Sessions of platform staff end after a shorter idle time than everyone else's."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

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

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who is asking, for limits per client (registrations per hour, …).

A signed-in caller is their account.  An anonymous one is a keyed hash of their network
address, so that limits work without Amur storing anyone's address.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind ``AMUR_PROXY_COUNT`` reverse proxies the
    entry that many places from the right of X-Forwarded-For (each proxy appends the address
    it saw; anything further left was written by the client and is not trusted)."""
    count = getattr(settings, "AMUR_PROXY_COUNT", 0)
    if count:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()
    return f"addr:{digest[:32]}"

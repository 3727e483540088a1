# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who is asking, for limits per client (registrations per hour, …).

A signed-in caller is their account.  An anonymous one is a keyed hash of their network
address, so that limits work without Amur storing anyone's address.  Behind the TLS proxy
(``AMUR_HTTPS``) the address is the one the proxy appended last to ``X-Forwarded-For``: the
entries before it are whatever the client sent.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def client_address(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and forwarded:
        address = forwarded.split(",")[-1].strip()
    return address


def client_key(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    key = settings.SECRET_KEY.encode()
    digest = hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()
    return f"addr:{digest[:32]}"

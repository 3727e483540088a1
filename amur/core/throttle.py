# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Limits on how often an operation may be used, per client and per e-mail address.

The uses are rows in the database, so every server process sees the same count (a
per-process cache would multiply a limit by the number of workers). Clients are named by
``amur.core.clients.client_key`` and addresses by a keyed digest, so no network or e-mail
address is stored. A count and the following insert are not atomic: two requests at the
same instant may both pass the last free use, which a rate limit can afford.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from amur.core.models import ThrottleHit

KEEP = timedelta(days=1)


def address_key(email: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), email.strip().lower().encode(), hashlib.sha256
    ).hexdigest()
    return f"mail:{digest[:32]}"


def throttle_over(scope: str, key: str, *, limit: int, within: timedelta) -> bool:
    """Whether ``key`` already used ``scope`` ``limit`` times in the last ``within``."""
    since = timezone.now() - within
    return ThrottleHit.objects.filter(scope=scope, key=key, at__gte=since).count() >= limit


def throttle_record(scope: str, *keys: str) -> None:
    """Count one use of ``scope`` for each of ``keys`` (empty keys are skipped)."""
    now = timezone.now()
    ThrottleHit.objects.filter(at__lt=now - KEEP).delete()
    ThrottleHit.objects.bulk_create(
        [ThrottleHit(scope=scope, key=key[:64], at=now) for key in keys if key]
    )

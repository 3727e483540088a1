# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Lock-out after failed logins (django-axes), with one limit per kind of client.

Axes counts failures per group of ``AXES_LOCKOUT_PARAMETERS`` but compares every group with
a single ``AXES_FAILURE_LIMIT``. Amur wants a strict limit for one account from one address
(someone guessing a password) and looser ones for an account from anywhere (a guesser
spread over many addresses) and for an address trying many accounts (password spraying;
an office or campus may share one address). So the handler reports failures in units of
the strictest limit: a group with limit L and n failures counts ``n * STRICTEST // L``,
which reaches ``AXES_FAILURE_LIMIT`` exactly when n reaches L.

Locked-out attempts never reach the password hasher: the axes backend refuses them first,
so a flood of guesses costs a database query each, not a hash.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum

from amur.accounts.models import TwoFactorDevice
from amur.core.clients import client_address as core_client_address

# Failures within the cool-off period (AXES_COOLOFF_TIME) before a lock-out, per group of
# AXES_LOCKOUT_PARAMETERS (in the same order).
LIMITS = {
    ("username", "ip_address"): 5,
    ("username",): 20,
    ("ip_address",): 50,
}
STRICTEST = min(LIMITS.values())


def failure_limit(request, credentials) -> int:
    """AXES_FAILURE_LIMIT: the limit every group is scaled to."""
    return STRICTEST


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        groups = get_client_parameters(
            get_client_username(request, credentials),
            request.axes_ip_address,
            request.axes_user_agent,
            request,
            credentials,
        )
        attempts = self.get_user_attempts(request, credentials)
        return max(
            (found.aggregate(n=Sum("failures_since_start"))["n"] or 0)
            * STRICTEST
            // LIMITS[tuple(group)]
            for found, group in zip(attempts, groups, strict=True)
        )

    def reset_user_attempts(self, request, credentials=None) -> int:
        # A successful login clears only that account's failures from that address: an
        # attacker who signs in to their own account must not wipe the count of the
        # address's attempts on other accounts.
        # With two-factor login the password is only the first step: failures (wrong codes
        # included) are cleared once the code is right (second_step_passed), or logging in
        # again with a stolen password would reset the count of guessed codes.
        username = get_client_username(request, credentials)
        if TwoFactorDevice.objects.filter(
            user__username=username, confirmed_at__isnull=False
        ).exists():
            return 0
        return _clear(request, username)


def _clear(request, username) -> int:
    count, _rows = AccessAttempt.objects.filter(
        username=username, ip_address=request.axes_ip_address
    ).delete()
    return count


def client_address(request) -> str | None:
    """The client's address as every limit and the audit read it (core.clients)."""
    return core_client_address(request) or None


def second_step_locked(request, username: str) -> bool:
    """Whether logins of ``username`` from this client are locked out (also checked at the
    two-factor step, which a password thief reaches)."""
    from axes.handlers.proxy import AxesProxyHandler

    if not settings.AXES_ENABLED:
        return False
    return not AxesProxyHandler.is_allowed(request, {"username": username})


def second_step_failed(request, username: str) -> None:
    """Count a wrong two-factor code as a failed login: five lock the account out from that
    address, as five wrong passwords do, so codes cannot be guessed by logging in again."""
    from django.contrib.auth.signals import user_login_failed

    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)


def second_step_passed(request, username: str) -> None:
    """The code was right: clear this account's failures from this address."""
    if settings.AXES_ENABLED and settings.AXES_RESET_ON_SUCCESS:
        from axes.handlers.proxy import AxesProxyHandler

        AxesProxyHandler.update_request(request)
        _clear(request, username)

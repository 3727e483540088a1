# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who an e-mail of the mobility app goes to, each with their own language."""

from __future__ import annotations

from collections.abc import Iterable

from amur.core.mail import send_localised


def office_addresses(organisation_ids: Iterable[int]) -> dict[str, str]:
    """``{e-mail: language}`` of the editors and administrators of the organisations."""
    from amur.accounts.models import OrganisationRole

    roles = (
        OrganisationRole.objects.filter(
            organisation_id__in=list(organisation_ids), role__in=["editor", "admin"]
        )
        .exclude(user__email="")
        .select_related("user__profile")
        .order_by("user__email")
    )
    found: dict[str, str] = {}
    for role in roles:
        found.setdefault(role.user.email, _language(role.user))
    return found


def user_address(user) -> dict[str, str]:
    return {user.email: _language(user)} if user is not None and user.email else {}


def _language(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.language if profile else "en"


def send_each(addresses: dict[str, str], *, name: str, context: dict) -> int:
    """One message per address, rendered in that recipient's language."""
    for email, language in sorted(addresses.items()):
        send_localised(
            to=[email],
            language=language,
            context=context,
            subject_template=f"mobility/email/{name}_subject.txt",
            body_template=f"mobility/email/{name}_body.txt",
        )
    return len(addresses)

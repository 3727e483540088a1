# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Who a message goes to, and in which language: the one place that answers it."""

from __future__ import annotations

from collections.abc import Iterable

from amur.accounts.models import OrganisationRole, Profile
from amur.core.i18n import ui_language
from amur.core.permissions import EDITOR, ROLE_RANK


def user_language(user) -> str:
    """The interface language of messages to ``user``: their profile's, else English.

    Reads a profile already loaded with the user (``select_related("profile")``) without
    another query."""
    try:
        return ui_language(user.profile.language)
    except Profile.DoesNotExist:
        return "en"


def office_addresses(
    organisation_ids: Iterable[int], *, minimum_role: str = EDITOR
) -> dict[str, str]:
    """``{e-mail: language}`` of the people who act for the organisations at
    ``minimum_role`` or above (editors and administrators by default), each address once."""
    roles = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[minimum_role]]
    found: dict[str, str] = {}
    holders = (
        OrganisationRole.objects.filter(organisation_id__in=list(organisation_ids), role__in=roles)
        .exclude(user__email="")
        .select_related("user__profile")
        .order_by("user__email", "pk")
    )
    for holder in holders:
        found.setdefault(holder.user.email, user_language(holder.user))
    return found


def user_address(user) -> dict[str, str]:
    """``{e-mail: language}`` of one user, empty when there is nobody or no address."""
    return {user.email: user_language(user)} if user is not None and user.email else {}

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility's e-mails, each rendered in its recipient's language (the recipients come from
``amur.accounts.selectors``: ``office_addresses``, ``user_address``)."""

from __future__ import annotations

from amur.core.mail import send_localised


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

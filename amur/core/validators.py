# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The one check of an e-mail address on the platform.

Django's ``validate_email`` is the validator behind every ``EmailField`` of Amur's models
and forms; services that store an address without a model's ``full_clean`` (event
registrations, accounts) call :func:`email_clean`, so the page, the API and imports refuse
the same addresses with the same message in the reader's language.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email


def email_clean(value: str | None, *, field: str = "email", blank: bool = False) -> str:
    """``value`` stripped, or a ``ValidationError`` on ``field`` (an empty one only when
    ``blank``)."""
    value = (value or "").strip()
    if not value and blank:
        return ""
    try:
        validate_email(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    return value

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The checks services run on what was typed, for the page and the API alike.

:func:`fields_clean` holds typed values to their model's own limits (a title of at most
300 characters, a choice, a range): a form would check them too, but the API has no form.

Django's ``validate_email`` is the validator behind every ``EmailField`` of Amur's models
and forms; services that store an address without a model's ``full_clean`` (event
registrations, accounts) call :func:`email_clean`, so the page, the API and imports refuse
the same addresses with the same message in the reader's language.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

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


def fields_clean(instance, names) -> None:
    """Check the model fields ``names`` of ``instance`` against the model's own limits
    (length, choices, ranges, validators), the others left alone; a ``ValidationError``
    names the field (``amur.api`` answers it as 422, a page shows it in its form)."""
    names = set(names)
    instance.clean_fields(
        exclude=[f.name for f in instance._meta.concrete_fields if f.name not in names]
    )


def finite_decimal(value) -> Decimal | None:
    """``value`` (a number, or text as typed: ``" 8.5"``) as a finite ``Decimal``, or None
    when it is not one (``"abc"``, ``"NaN"``, ``"Infinity"``); the caller says what its
    numbers must be."""
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None

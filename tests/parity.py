# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""What a refusal said, on the page and through the API, for the page-versus-API parity
tests (issue 11, part 1): each write operation's test posts the same inputs to both and
compares the messages these return."""

from django.contrib.messages import get_messages


def page_messages(response) -> list[str]:
    """The form's errors (each field's and the form's own) and the messages queued for the
    next page."""
    found = [str(m) for m in get_messages(response.wsgi_request)]
    context = response.context or {}
    form = context.get("form") if hasattr(context, "get") else None
    if form is not None:
        found += [message for errors in form.errors.values() for message in errors]
    return found


def api_messages(response) -> list[str]:
    """The error's message and every message of its detail."""
    error = response.json()["error"]
    found = [error["message"]]
    detail = error.get("detail") or {}
    values = detail.values() if isinstance(detail, dict) else detail
    for value in values:
        if isinstance(value, dict):  # ninja's schema errors: {"loc": …, "msg": …}
            found.append(value.get("msg", ""))
        else:
            found += value if isinstance(value, list) else [value]
    return found

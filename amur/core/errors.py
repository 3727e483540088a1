# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The one root of the refusals that services raise.

A service that says no raises its app's error (``EventsError``, ``LibraryError`` …), each a
subclass of :class:`DomainError` carrying a message already translated into the caller's
language.  The API answers any of them as 409 with that message (``amur.api``); a view
turns one into a message on the page with :func:`refusal_message` and redirects or
re-renders as its flow needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import ValidationError


class DomainError(Exception):
    """A rule of an operation refused it; ``str(exc)`` is the message for the user."""


def refusal_message(request, exc: DomainError) -> None:
    """Show a service's refusal on the next page the user sees."""
    messages.error(request, str(exc))


@contextmanager
def refusals_shown(request) -> Iterator[None]:
    """For views: a service's refusal raised inside the block is shown as a message on the
    next page (:func:`refusal_message`) and the rest of the block is skipped; the view then
    redirects or renders as it does after success.  A ``ValidationError`` of the model's
    own limits, which a service checks for the page and the API alike (the API answers it
    as 422), is shown the same way, each of its messages::

        with refusals_shown(request):
            services.round_open(round_=round_, by=request.user)
            messages.success(request, phrases.SAVED)
        return redirect(...)
    """
    try:
        yield
    except DomainError as exc:
        refusal_message(request, exc)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)

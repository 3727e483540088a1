# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""E-mail in the recipient's language."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_localised(
    *,
    to: Iterable[str],
    language: str,
    subject_template: str,
    body_template: str,
    context: dict,
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> int:
    """Render subject and body with ``language`` active and send one message.

    ``language`` is a UI language code (``zh-hans``, ``ru``, ``en``); templates are plain
    text.  Attachments are ``(filename, content, mimetype)`` triples.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=list(to)
    )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message.send()

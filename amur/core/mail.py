# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""E-mail in the recipient's language, sent by a background task after the commit.

A service calls ``send_localised`` inside its transaction. The message is rendered there, in
the recipient's language, and written as an ``OutgoingMail`` row in the same transaction: a
rollback therefore leaves neither a row nor a mail. When the transaction commits, the task
``amur.core.tasks.mail_send`` is queued; it sends the message and deletes the row. When the
mail server refuses or cannot be reached, the error stays on the row and the next try is due
after a growing delay (``RETRY_DELAYS``); after ``MAX_ATTEMPTS`` tries the row is marked
failed and shown to platform staff (``/mail/``), who can send it again. The user's operation
never sees the mail server's error.

Retries run as deferred tasks when the task backend can defer them (``AMUR_TASKS=database``);
with the in-process backend the scheduled command ``amur mail_retry`` sends what is due (it
also picks up a mail whose task was lost, e.g. when the process stopped right after the
commit).
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation

from amur.core.audit import audit_record
from amur.core.enums import MailStatus
from amur.core.models import OutgoingMail

logger = logging.getLogger(__name__)

# Delay after the n-th failed try: 1, 5, 30 minutes, 2 hours; the fifth failure is the last.
RETRY_DELAYS = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# A try holds the mail this long: another worker (or `amur mail_retry`) leaves it alone
# meanwhile, and picks it up again if the sending process died during the try.
CLAIM = timedelta(minutes=10)


def send_localised(
    *,
    to: Iterable[str],
    language: str,
    subject_template: str,
    body_template: str,
    context: dict,
    attachments: Iterable[tuple[str, bytes | str, str]] = (),
) -> int:
    """Render subject and body with ``language`` active and queue one message.

    ``language`` is a UI language code (``zh-hans``, ``ru``, ``en``); templates are plain
    text.  Attachments are ``(filename, content, mimetype)`` triples.  The message is sent
    after the caller's transaction commits (see the module's docstring); returns 1.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    mail_queue(to=to, subject=subject, body=body, attachments=attachments)
    return 1


def mail_queue(
    *,
    to: Iterable[str],
    subject: str,
    body: str,
    attachments: Iterable[tuple[str, bytes | str, str]] = (),
) -> OutgoingMail:
    """Queue a message already written in its reader's language; sent after the commit."""
    mail = OutgoingMail.objects.create(
        to=list(to),
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=subject,
        body=body,
        attachments=[
            [filename, base64.b64encode(_bytes(content)).decode("ascii"), mimetype]
            for filename, content, mimetype in attachments
        ],
        next_try_at=timezone.now(),
    )
    # robust: a task queue that refuses the task must not undo the user's operation after
    # its commit; the row stays pending and `amur mail_retry` sends it.
    transaction.on_commit(partial(_enqueue, mail.pk), robust=True)
    return mail


def _bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _enqueue(mail_id: int, run_after=None) -> None:
    from amur.core import tasks  # here: tasks imports this module

    task = tasks.mail_send
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # `amur mail_retry` sends it when it is due
        task = task.using(run_after=run_after)
    task.enqueue(mail_id)


def mail_attempt(*, mail_id: int) -> bool:
    """Try to send one queued mail if it is due; True when it went out.

    The row is claimed by a conditional update, so two workers never send it twice at once.
    A failure is recorded on the row with the time of the next try, or, after the last try,
    the row is marked failed; the error is never raised.
    """
    now = timezone.now()
    claimed = OutgoingMail.objects.filter(
        pk=mail_id, status=MailStatus.PENDING, next_try_at__lte=now
    ).update(next_try_at=now + CLAIM)
    if not claimed:
        return False
    mail = OutgoingMail.objects.get(pk=mail_id)
    try:
        _message(mail).send()
    except Exception as exc:
        _record_failure(mail, exc)
        return False
    mail.delete()
    return True


def _message(mail: OutgoingMail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject, body=mail.body, from_email=mail.from_email, to=mail.to
    )
    for filename, content, mimetype in mail.attachments:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def _record_failure(mail: OutgoingMail, exc: Exception) -> None:
    mail.attempts += 1
    mail.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    now = timezone.now()
    if mail.attempts >= MAX_ATTEMPTS:
        mail.status = MailStatus.FAILED
        mail.next_try_at = now
        logger.error("mail %s failed after %s tries: %s", mail.pk, mail.attempts, mail.last_error)
    else:
        mail.next_try_at = now + RETRY_DELAYS[mail.attempts - 1]
        logger.warning("mail %s failed (try %s): %s", mail.pk, mail.attempts, mail.last_error)
    mail.save(update_fields=["attempts", "last_error", "status", "next_try_at"])
    if mail.status == MailStatus.PENDING:
        _enqueue(mail.pk, run_after=mail.next_try_at)


def mails_retry_due() -> int:
    """Queue a try of every pending mail that is due; the number queued."""
    due = list(
        OutgoingMail.objects.filter(
            status=MailStatus.PENDING, next_try_at__lte=timezone.now()
        ).values_list("pk", flat=True)
    )
    for mail_id in due:
        _enqueue(mail_id)
    return len(due)


@transaction.atomic
def mail_resend(*, mail: OutgoingMail, by) -> OutgoingMail:
    """Platform staff send a failed mail again: it gets a fresh set of tries (audited)."""
    mail = OutgoingMail.objects.select_for_update().get(pk=mail.pk)
    if mail.status == MailStatus.FAILED:
        audit_record(
            actor=by,
            action="core.mail.resend",
            obj=mail,
            old={"status": mail.status, "attempts": mail.attempts, "error": mail.last_error},
            new={"status": MailStatus.PENDING},
        )
        mail.status = MailStatus.PENDING
        mail.attempts = 0
        mail.next_try_at = timezone.now()
        mail.save(update_fields=["status", "attempts", "next_try_at"])
        transaction.on_commit(partial(_enqueue, mail.pk), robust=True)
    return mail


def mails_failed() -> QuerySet[OutgoingMail]:
    """Mails given up on after the last try, newest first."""
    return OutgoingMail.objects.filter(status=MailStatus.FAILED).order_by("-created_at", "-id")

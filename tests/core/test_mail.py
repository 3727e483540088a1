# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mail and tasks (issue 12, part 7; issue 11, part 5): e-mails are queued in the service's
transaction and sent by a task after the commit; a rollback sends nothing; a mail server
that fails never turns the user's operation into an error, the mail is tried again later,
and after the last try platform staff see it with the error and can send it again."""

import smtplib
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from amur.accounts import services as accounts
from amur.core.enums import MailStatus
from amur.core.mail import MAX_ATTEMPTS, RETRY_DELAYS, mail_attempt
from amur.core.models import AuditEntry, OutgoingMail
from amur.events.models import Registration
from tests.factories.directory import UserFactory
from tests.factories.events import ModeFactory

pytestmark = pytest.mark.django_db

REFUSING = "tests.core.test_mail.RefusingBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that answers every message with a temporary failure."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def staff():
    return UserFactory(username="postmaster", is_staff=True)


def _sign_up(email="olga@example.org"):
    return accounts.signup_create(
        username="olga",
        email=email,
        password="a long Amur river 2026",
        language="ru",
        confirm_url=lambda token: f"https://amur.example/confirm/{token}/",
    )


def _register(client, mode):
    return client.post(
        f"/events/{mode.event.slug}/register/",
        {"mode": mode.pk, "email": "olga@example.org", "name": "Ольга", "language": "ru"},
    )


def _retry_when_due():
    """Move the clock of every pending mail to now and run the scheduled command."""
    OutgoingMail.objects.filter(status=MailStatus.PENDING).update(next_try_at=timezone.now())
    call_command("mail_retry", stdout=StringIO())


def test_a_committed_operation_sends_its_mail_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up()
        queued_before_commit = (list(mail.outbox), OutgoingMail.objects.count())

    assert queued_before_commit == ([], 1)
    assert [m.to for m in mail.outbox] == [["olga@example.org"]]
    assert mail.outbox[0].subject == "Подтвердите учётную запись в Амуре"
    assert OutgoingMail.objects.count() == 0


def _sign_up_then_fail():
    with transaction.atomic():
        _sign_up()
        raise RuntimeError("a later step of the same operation fails")


def test_a_rolled_back_operation_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        _sign_up_then_fail()

    assert callbacks == []
    assert mail.outbox == []
    assert OutgoingMail.objects.count() == 0


def test_a_failing_mail_server_does_not_fail_the_registration_and_the_mail_is_retried(
    client, settings, django_capture_on_commit_callbacks
):
    mode = ModeFactory(attendance="in_person", capacity=5)
    settings.EMAIL_BACKEND = REFUSING

    with django_capture_on_commit_callbacks(execute=True):
        response = _register(client, mode)

    queued = OutgoingMail.objects.get()
    assert response.status_code == 200
    assert "olga@example.org" in response.content.decode()
    assert Registration.objects.get().status == "unconfirmed"
    assert (queued.status, queued.attempts) == (MailStatus.PENDING, 1)
    assert queued.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert queued.next_try_at > timezone.now() + RETRY_DELAYS[0] - timedelta(seconds=30)

    call_command("mail_retry", stdout=StringIO())  # not due yet: nothing is tried
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    untried = OutgoingMail.objects.get().attempts
    _retry_when_due()

    assert untried == 1
    assert [m.to for m in mail.outbox] == [["olga@example.org"]]
    assert "/events/confirm/" in mail.outbox[0].body
    assert OutgoingMail.objects.count() == 0


def test_after_the_last_try_staff_see_the_mail_with_the_error_and_send_it_again(
    client, settings, staff, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up()
    for _ in range(MAX_ATTEMPTS + 2):
        _retry_when_due()
    failed = OutgoingMail.objects.get()
    client.force_login(staff)

    page = client.get("/mail/").content.decode()
    api = client.get("/api/v1/core/mail/failed").json()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        resent = client.post(f"/mail/{failed.pk}/resend/")

    assert (failed.status, failed.attempts) == (MailStatus.FAILED, MAX_ATTEMPTS)
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in page
    assert "olga@example.org" in page
    assert [(m["to"], m["attempts"], m["last_error"]) for m in api["items"]] == [
        (
            ["olga@example.org"],
            MAX_ATTEMPTS,
            "SMTPServerDisconnected: Connection unexpectedly closed",
        )
    ]
    assert resent.status_code == 302
    assert [m.to for m in mail.outbox] == [["olga@example.org"]]
    assert OutgoingMail.objects.count() == 0
    assert AuditEntry.objects.get(action="core.mail.resend").actor == staff


def test_a_mail_is_not_sent_twice_when_its_task_runs_twice(django_capture_on_commit_callbacks):
    from amur.core import tasks

    with django_capture_on_commit_callbacks(execute=True):
        _sign_up()
        mail_id = OutgoingMail.objects.get().pk
    tasks.mail_send.enqueue(mail_id)

    assert len(mail.outbox) == 1


def test_attachments_survive_the_queue(django_capture_on_commit_callbacks):
    from amur.core.mail import mail_queue

    with django_capture_on_commit_callbacks(execute=True):
        mail_queue(
            to=["olga@example.org"],
            subject="Билет",
            body="…",
            attachments=[("ticket.png", b"\x89PNG\r\n\x00", "image/png")],
        )

    assert mail.outbox[0].attachments == [("ticket.png", b"\x89PNG\r\n\x00", "image/png")]


def test_with_the_database_backend_a_failed_try_is_queued_again_for_its_time(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = REFUSING
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up()
    [first] = DBTaskResult.objects.all()
    mail_id = OutgoingMail.objects.get().pk

    mail_attempt(mail_id=mail_id)  # what `amur db_worker` does with the queued task

    retry = DBTaskResult.objects.exclude(pk=first.pk).get()
    assert (first.task_path, first.args_kwargs["args"]) == ("amur.core.tasks.mail_send", [mail_id])
    assert retry.args_kwargs["args"] == [mail_id]
    assert retry.run_after == OutgoingMail.objects.get().next_try_at
    assert mail.outbox == []

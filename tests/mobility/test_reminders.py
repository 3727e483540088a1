# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Agreement expiry reminders 90 and 30 days before the end, each sent once, in each
recipient's language."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from amur.mobility.models import AgreementReminder
from amur.mobility.services import agreement_reminders_send
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.mobility import AgreementFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


@pytest.fixture
def agreement():
    harbin, petersburg = OrganisationFactory(), OrganisationFactory()
    agreement = AgreementFactory(
        owner=harbin,
        title_en="Memorandum",
        title_zh="合作备忘录",
        title_ru="Меморандум",
        valid_until=TODAY + timedelta(days=90),
    )
    agreement.partners.set([harbin, petersburg])
    give_role(UserFactory(username="wang", language="zh-hans"), harbin, "editor")
    give_role(UserFactory(username="olga", language="ru"), petersburg, "admin")
    give_role(UserFactory(username="member"), petersburg, "member")
    return agreement


def reminders_send(**kwargs):
    # The reminders are mailed by tasks queued after the commit, which the test's
    # transaction never reaches: run what the call scheduled.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return agreement_reminders_send(**kwargs)


def subjects():
    return sorted((m.to[0], m.subject) for m in mail.outbox)


def test_ninety_days_before_each_partner_is_told_in_their_language_once(agreement):
    sent = reminders_send(today=TODAY)
    again = reminders_send(today=TODAY + timedelta(days=1))

    assert (sent, again) == (1, 0)
    assert subjects() == [
        ("olga@example.org", "Соглашение истекает через 90 дней: Меморандум"),
        ("wang@example.org", "协议将在90天后到期：合作备忘录"),
    ]
    assert AgreementReminder.objects.get().recipients == 2


def test_thirty_days_before_the_second_reminder_follows(agreement):
    reminders_send(today=TODAY)
    mail.outbox.clear()

    reminders_send(today=TODAY + timedelta(days=60))
    reminders_send(today=TODAY + timedelta(days=61))

    assert [m.subject for m in mail.outbox if m.to == ["olga@example.org"]] == [
        "Соглашение истекает через 30 дней: Меморандум"
    ]
    assert list(AgreementReminder.objects.values_list("days_before", flat=True)) == [90, 30]


def test_an_agreement_first_seen_inside_thirty_days_gets_one_reminder(agreement):
    agreement.valid_until = TODAY + timedelta(days=21)
    agreement.save()

    reminders_send(today=TODAY)
    reminders_send(today=TODAY + timedelta(days=1))

    assert len(mail.outbox) == 2  # one per recipient
    assert "21" in mail.outbox[0].subject
    assert sorted(AgreementReminder.objects.values_list("days_before", flat=True)) == [30, 90]


def test_an_extended_agreement_is_reminded_again_for_its_new_end(agreement):
    reminders_send(today=TODAY)
    agreement.valid_until = TODAY + timedelta(days=365 + 90)
    agreement.save()

    reminders_send(today=TODAY + timedelta(days=365))

    assert AgreementReminder.objects.count() == 2
    assert len(mail.outbox) == 4


def test_drafts_ended_and_distant_agreements_are_not_reminded(agreement):
    agreement.valid_until = TODAY + timedelta(days=91)
    agreement.save()
    AgreementFactory(status="draft", valid_until=TODAY + timedelta(days=30))
    AgreementFactory(status="terminated", valid_until=TODAY + timedelta(days=30))
    AgreementFactory(valid_until=TODAY - timedelta(days=1))

    assert reminders_send(today=TODAY) == 0
    assert mail.outbox == []


def test_automatic_renewal_is_announced_as_such(agreement):
    agreement.auto_renewal = True
    agreement.save()

    reminders_send(today=TODAY)

    body = next(m.body for m in mail.outbox if m.to == ["wang@example.org"])
    assert "自动续签" in body


def test_the_command_is_idempotent(agreement):
    agreement.valid_until = timezone.localdate() + timedelta(days=30)
    agreement.save()
    first, second = StringIO(), StringIO()

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("mobility_reminders", stdout=first)
        call_command("mobility_reminders", stdout=second)

    assert (first.getvalue(), second.getvalue()) == (
        "1 agreement reminders sent\n",
        "0 agreement reminders sent\n",
    )
    assert len(mail.outbox) == 2


def test_sent_reminders_show_in_the_expiring_report(client, agreement):
    agreement.valid_until = timezone.localdate() + timedelta(days=30)
    agreement.save()
    reminders_send()

    expiring = client.get("/api/v1/mobility/reports/expiring").json()
    page = client.get("/mobility/reports/").content.decode()

    assert [(a["title_en"], a["reminders_sent"]) for a in expiring] == [("Memorandum", [90, 30])]
    assert "30-day reminder sent" in page

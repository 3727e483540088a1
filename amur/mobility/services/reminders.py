# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Agreement expiry reminders, each sent once."""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from amur.accounts.selectors import office_addresses
from amur.mobility.services.recipients import send_each

# Agreement expiry reminders ----------------------------------------------------------------

REMINDER_DAYS = (90, 30)


def agreement_reminders_send(*, today=None) -> int:
    """E-mail the partners of every signed or active agreement 90 and 30 days before its end.

    Each reminder is sent once: a row per agreement, threshold and end date is claimed
    before sending (a unique constraint makes a second run, even a concurrent one, a no-op).
    An agreement first seen inside 30 days gets only the 30-day reminder.
    """
    from amur.mobility.models import Agreement, AgreementReminder

    today = today or timezone.localdate()
    due = Agreement.objects.filter(
        status__in=["signed", "active"],
        valid_until__gte=today,
        valid_until__lte=today + timedelta(days=max(REMINDER_DAYS)),
    ).order_by("valid_until", "id")
    sent = 0
    for agreement in due:
        days_left = (agreement.valid_until - today).days
        thresholds = [d for d in REMINDER_DAYS if days_left <= d]
        try:
            with transaction.atomic():
                claimed = [
                    AgreementReminder.objects.get_or_create(
                        agreement=agreement,
                        days_before=d,
                        valid_until=agreement.valid_until,
                        defaults={"sent_at": timezone.now()},
                    )
                    for d in thresholds
                ]
        except IntegrityError:
            continue  # another run claimed it at the same moment
        reminder, created = claimed[-1]  # the most urgent threshold
        if not created:
            continue
        partners = [*agreement.partners.values_list("pk", flat=True), agreement.owner_id]
        reminder.recipients = send_each(
            office_addresses(partners),
            name="reminder",
            context={"agreement": agreement, "days_left": days_left},
        )
        reminder.save(update_fields=["recipients"])
        sent += 1
    return sent

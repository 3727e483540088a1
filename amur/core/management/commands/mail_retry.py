# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.core.management.base import BaseCommand

from amur.core.mail import mails_retry_due


class Command(BaseCommand):
    help = (
        "Send the queued e-mails that are due: retries after a failure, and any mail whose "
        "task was lost. Schedule it every few minutes (see amur/core/mail.py)."
    )

    def handle(self, *args, **options):
        queued = mails_retry_due()
        self.stdout.write(f"{queued} e-mail(s) due")

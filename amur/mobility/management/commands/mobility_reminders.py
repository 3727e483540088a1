# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.core.management.base import BaseCommand

from amur.mobility.services import agreement_reminders_send


class Command(BaseCommand):
    help = (
        "E-mail the partners of agreements ending in 90 and 30 days; each reminder is sent "
        "once (run daily, e.g. from cron)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{agreement_reminders_send()} agreement reminders sent")

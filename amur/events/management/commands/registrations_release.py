# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.core.management.base import BaseCommand

from amur.events.services import registrations_release_expired


class Command(BaseCommand):
    help = (
        "Release seats held for anonymous registrants who did not confirm their address in "
        "time, to the waiting lists (run every few minutes, e.g. from cron)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{registrations_release_expired()} held seats released")

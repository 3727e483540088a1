# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.core.management.base import BaseCommand

from amur.library.services import loans_mark_overdue


class Command(BaseCommand):
    help = "Mark inter-library loans past their due date as Overdue (run daily, e.g. from cron)."

    def handle(self, *args, **options):
        self.stdout.write(f"{loans_mark_overdue()} loans are now overdue")

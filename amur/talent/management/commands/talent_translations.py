# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.core.management.base import BaseCommand

from amur.talent.services import translation_sweep


class Command(BaseCommand):
    help = (
        "Turn every text of the platform that lacks one of the three languages (event "
        "descriptions, organisation profiles, alliance documents, competition rules) into a "
        "translation task for its organisation; never twice for one text and language "
        "(run daily, e.g. from cron)."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{translation_sweep()} new translation tasks")

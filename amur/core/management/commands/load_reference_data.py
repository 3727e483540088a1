# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.core.management.base import BaseCommand, CommandError

from amur.core.reference import ReferenceDataError, fields_load, places_load


class Command(BaseCommand):
    help = "Load places and fields of exchange (all-or-nothing; errors name file and line)."

    def add_arguments(self, parser):
        parser.add_argument("--places", help="places CSV (default: the shipped file)")
        parser.add_argument("--fields", help="fields CSV (default: the shipped file)")

    def handle(self, *args, places, fields, **options):
        try:
            place_count = places_load(places)
            field_count = fields_load(fields)
        except ReferenceDataError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{place_count} places, {field_count} fields of exchange loaded")

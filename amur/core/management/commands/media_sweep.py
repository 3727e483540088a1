# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from datetime import timedelta

from django.core.management.base import BaseCommand

from amur.core.media import GRACE, media_sweep


class Command(BaseCommand):
    help = (
        "Delete uploaded files that no database row names (left behind by operations that "
        "were rolled back) and that are older than an hour; run it daily (see amur/core/media.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=int(GRACE.total_seconds()),
            metavar="SECONDS",
            help="leave files written more recently alone (default: one hour)",
        )
        parser.add_argument("--dry-run", action="store_true", help="list, delete nothing")

    def handle(self, *args, older_than, dry_run, **options):
        swept = media_sweep(older_than=timedelta(seconds=older_than), dry_run=dry_run)
        for name in swept:
            self.stdout.write(name)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{len(swept)} file(s) named by no row {verb}")

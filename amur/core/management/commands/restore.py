# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.core.management.base import BaseCommand, CommandError

from amur.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive written by `amur backup` into an empty installation (a new "
        "database and an empty MEDIA_ROOT); refuses a damaged archive or a non-empty site."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive written by `amur backup`")

    def handle(self, *args, path, **options):
        try:
            summary = backup_restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{summary.path}: {summary.rows} rows, {summary.files} files restored")

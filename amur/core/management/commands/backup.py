# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from amur.core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write a backup archive: every database row (one consistent snapshot), every "
        "uploaded file and a manifest with their checksums (see amur/core/backup.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=None,
            help="the archive to write (a new file); a folder or nothing: "
            "amur-backup-<UTC time>.tar.gz in that folder or the current one",
        )

    def handle(self, *args, path, **options):
        name = f"amur-backup-{timezone.now():%Y%m%dT%H%M%SZ}.tar.gz"
        target = Path(path) if path else Path.cwd() / name
        if target.is_dir():
            target = target / name
        try:
            summary = backup_write(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        for missing in summary.missing:
            self.stderr.write(f"warning: {missing} is named by a row but is not in MEDIA_ROOT")
        self.stdout.write(f"{summary.path}: {summary.rows} rows, {summary.files} files")

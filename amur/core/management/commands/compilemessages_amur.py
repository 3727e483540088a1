# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from pathlib import Path

import polib
from django.core.management.base import BaseCommand, CommandError

import amur


def catalogues() -> list[Path]:
    """Every .po file of Amur's apps (amur/<app>/locale/<lang>/LC_MESSAGES/django.po)."""
    return sorted(Path(amur.__file__).parent.glob("*/locale/*/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    help = "Compile Amur's .po catalogues to .mo in pure Python (no gettext tools needed)."
    requires_system_checks = []

    def handle(self, *args, **options):
        for po_path in catalogues():
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as exc:
                raise CommandError(f"{po_path}: {exc}") from exc
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            if options["verbosity"] > 1:
                self.stdout.write(f"compiled {po_path}")

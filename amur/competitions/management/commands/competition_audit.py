# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from amur.competitions import integrity, scorefile
from amur.core.exports import csv_command_writer


class Command(BaseCommand):
    help = (
        "Integrity analysis of a wide ROUND.csv (the file competition-scores reads): each "
        "juror's profile, comparisons of a juror's scores on their students' rivals, "
        "compatriots and colleagues' students with permutation p-values, polarisation, and "
        "the outcome without each juror and under each other method.  Writes the figures as "
        "CSV (--csv, by default ROUND-audit.csv beside the round; '-' for stdout, the report "
        "then going to stderr) and a short report on stdout."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("round_csv", metavar="ROUND.csv")
        parser.add_argument("--method", choices=scorefile.METHODS, default="corrected-mean")
        parser.add_argument("--cap", type=Decimal, help="N of the corrected mean")
        parser.add_argument("--scale", default="1-25", help="MIN-MAX of a score (1-25)")
        parser.add_argument("--decimals", type=int, default=2)
        parser.add_argument("--earlier", metavar="EARLIER.csv")
        parser.add_argument("--weights", help="earlier rounds' weights, then this round's")
        parser.add_argument("--quota", type=int, help="how many advance (for robustness)")
        parser.add_argument("--teachers", metavar="TEACHERS.csv", help="contestant,teacher")
        parser.add_argument("--countries", metavar="COUNTRIES.csv", help="name,country")
        parser.add_argument("--window", type=int, default=integrity.WINDOW)
        parser.add_argument("--permutations", type=int, default=integrity.PERMUTATIONS)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--csv", metavar="OUT.csv", help="where the CSV goes ('-': stdout)")

    def handle(self, *args, **opts):
        try:
            weights = scorefile.check_options(
                method=opts["method"],
                cap=opts["cap"],
                earlier=opts["earlier"],
                weights=opts["weights"],
            )
            sheet, earlier = scorefile.read_inputs(
                opts["round_csv"],
                scale=opts["scale"],
                earlier_csv=opts["earlier"],
                weights=weights,
            )
            teachers = (
                scorefile.read_teachers(Path(opts["teachers"]), sheet) if opts["teachers"] else None
            )
            countries = (
                scorefile.read_countries(Path(opts["countries"]), sheet)
                if opts["countries"]
                else None
            )
            result = integrity.audit(
                sheet.rows,
                method=opts["method"],
                cap=opts["cap"],
                decimals=opts["decimals"],
                quota=opts["quota"],
                earlier=earlier,
                weights=weights,
                countries=countries,
                teachers=teachers,
                window=opts["window"],
                permutations=opts["permutations"],
                seed=opts["seed"],
            )
        except (scorefile.ScoreFileError, ValueError) as exc:
            # Nothing has been written yet: a refused file leaves no output behind.
            raise CommandError(str(exc)) from None
        target = opts["csv"] or str(
            Path(opts["round_csv"]).with_name(f"{Path(opts['round_csv']).stem}-audit.csv")
        )
        report = self.stdout
        if target == "-":
            self._write(self.stdout, result)
            report = self.stderr  # the CSV owns stdout
        else:
            with open(target, "w", encoding="utf-8", newline="") as handle:
                self._write(handle, result)
        report.write(integrity.text_report(result), ending="")

    @staticmethod
    def _write(handle, result) -> None:
        writer = csv_command_writer(handle)
        writer.writerow(integrity.HEADER)
        writer.writerows(integrity.table(result))

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from amur.competitions import scorefile, scoring
from amur.core.exports import csv_command_writer


class Command(BaseCommand):
    help = (
        "Compute stage scores (and cumulative results) from a wide ROUND.csv: "
        "contestant, then one column per juror; a cell is a score, S (recused) or empty."
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
            results = scorefile.compute(
                sheet,
                method=opts["method"],
                cap=opts["cap"],
                decimals=opts["decimals"],
                earlier=earlier,
                weights=weights,
            )
        except (scorefile.ScoreFileError, ValueError) as exc:
            # Nothing has been written to stdout yet: a refused file prints no result.
            raise CommandError(str(exc)) from None
        writer = csv_command_writer(self.stdout)
        header = ["contestant", "stage_score", *sheet.jurors]
        writer.writerow([*header, "cumulative"] if weights else header)
        for result in results:
            cells = [_cell(result.shown[juror]) for juror in sheet.jurors]
            row = [result.contestant, result.stage_score, *cells]
            writer.writerow([*row, result.cumulative] if weights else row)


def _cell(cell) -> str:
    if cell == scoring.RECUSED:
        return "S"
    return "" if cell == scoring.ABSENT else str(cell)

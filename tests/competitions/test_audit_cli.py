# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""`amur competition-audit` reads what `competition-scores` reads and refuses the same."""

import csv
import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from tests.competitions.test_cli import ROUND
from tests.competitions.test_integrity import jury

MALFORMED = [
    ("contestant,J1,J2\nA,20,26\n", ()),
    ("contestant,J1,J2\nA,20,good\n", ()),
    ("contestant,J1\nA,20\nA,21\n", ()),
    ("contestant,J1,J1\nA,20,21\n", ()),
    ("name,J1\nA,20\n", ()),
    ("contestant,J1,J2\nA,20\n", ()),
    ("contestant,J1,J2\nA,S,\n", ()),
    (ROUND, ("--scale", "25-1")),
    (ROUND, ("--weights", "30,70")),
]


def call(name, path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(name, str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(("content", "extra"), MALFORMED)
def test_malformed_files_are_refused_exactly_as_competition_scores_does(tmp_path, content, extra):
    path = tmp_path / "round.csv"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError) as scores:
        call("competition_scores", path, "--cap", "3", *extra)
    with pytest.raises(CommandError) as audit:
        call("competition_audit", path, "--cap", "3", *extra)

    assert str(audit.value) == str(scores.value)
    assert not (tmp_path / "round-audit.csv").exists()


def write_round(tmp_path, rows):
    jurors = list(next(iter(rows.values())))
    path = tmp_path / "round.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["contestant", *jurors])
        for contestant, cells in rows.items():
            writer.writerow([contestant, *(str(cells[j]) for j in jurors)])
    return path


def test_audit_writes_csv_and_a_report_that_finds_the_planted_juror(tmp_path):
    path = write_round(tmp_path, jury(1, strategic=True))
    (tmp_path / "countries.csv").write_text("name,country\nJ1,PL\nC03,pl\n", encoding="utf-8")
    (tmp_path / "teachers.csv").write_text("contestant,teacher\nC04,J2\nC05,J2\n", "utf-8")

    countries, teachers = str(tmp_path / "countries.csv"), str(tmp_path / "teachers.csv")
    report, _err = call(
        "competition_audit",
        path,
        "--cap",
        "3",
        "--quota",
        "12",
        "--permutations",
        "999",
        "--countries",
        countries,
        "--teachers",
        teachers,
    )

    text = (tmp_path / "round-audit.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    x_rivals = [r for r in rows if r["section"] == "rivals" and r["juror"] == "X"]
    assert {r["about"] for r in x_rivals} == {"C10; C20"}
    assert float(next(r["value"] for r in x_rivals if r["figure"] == "p_value")) < 0.05
    assert {r["juror"] for r in rows if r["section"] == "rivals"} == {"X"}
    assert any(r["section"] == "country" and r["about"] == "PL" for r in rows)
    assert any(r["section"] == "circle" and r["about"] == "J2" for r in rows)
    stability = next(r for r in rows if r["figure"] == "stability")
    assert 0 <= float(stability["value"]) <= 1
    assert "X rivals (C10, C20)" in report
    assert "not proof of intent" in report


def test_the_same_seed_gives_the_same_figures_and_csv_can_go_to_stdout(tmp_path):
    path = write_round(tmp_path, jury(2, strategic=True))

    first, report = call(
        "competition_audit",
        path,
        "--cap",
        "3",
        "--csv",
        "-",
        "--seed",
        "4",
        "--permutations",
        "199",
    )
    second, _ = call(
        "competition_audit",
        path,
        "--cap",
        "3",
        "--csv",
        "-",
        "--seed",
        "4",
        "--permutations",
        "199",
    )

    assert first == second
    assert first.startswith("section,juror,contestant,about,figure,value\n")
    assert report.startswith("Integrity analysis")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("teachers", "contestant,teacher\nZ,J1\n", "row 2, column 1: 'Z' is not a contestant"),
        ("teachers", "contestant,mentor\nA,J1\n", "row 1: expected two columns"),
        ("countries", "name,country\nA\n", "row 2: 1 cells for 2 columns"),
        ("countries", "name,country\nJ9,PL\n", "'J9' is not a contestant or juror"),
    ],
)
def test_malformed_teachers_and_countries_are_refused(tmp_path, name, content, message):
    path = tmp_path / "round.csv"
    path.write_text(ROUND, encoding="utf-8")
    extra = tmp_path / f"{name}.csv"
    extra.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        call("competition_audit", path, "--cap", "3", f"--{name}", str(extra))


def test_refused_file_in_a_real_process_writes_nothing(tmp_path):
    path = tmp_path / "round.csv"
    path.write_text("contestant,J1\nA,99\n", encoding="utf-8")
    env = {**os.environ, "AMUR_DEBUG": "1"}

    result = subprocess.run(
        [sys.executable, "-m", "amur", "competition-audit", str(path), "--cap", "3"],
        capture_output=True,
        text=True,
        env=env,
    )

    assert result.returncode != 0
    assert result.stdout == ""
    assert "row 2, column 'J1': 99 is outside the scale 1-25" in result.stderr
    assert not (tmp_path / "round-audit.csv").exists()

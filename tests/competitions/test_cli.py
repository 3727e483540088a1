# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

ROUND = "contestant,J1,J2,J3,J4,J5\nA,20,21,S,25,19\nB,18,18,17,,10\nC,22,22,22,22,22\n"


def run(tmp_path, content=ROUND, *args, earlier=None):
    path = tmp_path / "round.csv"
    path.write_text(content, encoding="utf-8")
    extra = []
    if earlier is not None:
        earlier_path = tmp_path / "earlier.csv"
        earlier_path.write_text(earlier, encoding="utf-8")
        extra = ["--earlier", str(earlier_path)]
    out = io.StringIO()
    call_command("competition_scores", str(path), *args, *extra, stdout=out)
    return out.getvalue()


def test_corrected_mean_ranked_best_first(tmp_path):
    output = run(tmp_path, ROUND, "--method", "corrected-mean", "--cap", "3")

    assert output == (
        "contestant,stage_score,J1,J2,J3,J4,J5\n"
        "C,22.00,22,22,22,22,22\n"
        "A,21.06,20,21,S,24.25,19\n"
        "B,16.44,18,18,17,,12.75\n"
    )


def test_cumulative_with_earlier_rounds(tmp_path):
    output = run(
        tmp_path,
        ROUND,
        "--cap",
        "3",
        "--weights",
        "30,70",
        earlier="contestant,round1\nA,20.00\nB,24.00\nC,15.00\n",
    )

    lines = output.splitlines()
    assert lines[0] == "contestant,stage_score,J1,J2,J3,J4,J5,cumulative"
    # A: 0.3*20 + 0.7*21.06 = 20.742 -> 20.74; B: 0.3*24 + 0.7*16.44 = 18.708 -> 18.71;
    # C: 0.3*15 + 0.7*22 = 19.90.
    assert [line.split(",")[-1] for line in lines[1:]] == ["20.74", "19.90", "18.71"]
    assert [line.split(",")[0] for line in lines[1:]] == ["A", "C", "B"]


def test_trimmed_and_plain_mean(tmp_path):
    trimmed = run(tmp_path, ROUND, "--method", "trimmed-mean")
    plain = run(tmp_path, ROUND, "--method", "mean")

    assert "A,20.50,20,21,S,25,19" in trimmed
    assert "B,15.75,18,18,17,,10" in plain  # (18 + 18 + 17 + 10) / 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("contestant,J1,J2\nA,20,26\n", "row 2, column 'J2': 26 is outside the scale 1-25"),
        ("contestant,J1,J2\nA,20,good\n", "row 2, column 'J2': 'good' is not a score, S or empty"),
        ("contestant,J1\nA,20\nA,21\n", "row 3, column 'contestant': duplicate contestant 'A'"),
        ("contestant,J1,J1\nA,20,21\n", "row 1, column 3: unknown column 'J1'"),
        ("name,J1\nA,20\n", "row 1, column 1: the first column must be 'contestant'"),
        ("contestant,J1,J2\nA,20\n", "row 2: 2 cells for 3 columns"),
    ],
)
def test_malformed_files_are_refused_with_row_and_column(tmp_path, content, message):
    with pytest.raises(CommandError, match=message):
        run(tmp_path, content, "--cap", "3")


def test_refused_file_prints_nothing_and_fails_in_a_real_process(tmp_path):
    path = tmp_path / "round.csv"
    path.write_text("contestant,J1\nA,99\n", encoding="utf-8")
    env = {**os.environ, "AMUR_DEBUG": "1"}

    result = subprocess.run(
        [sys.executable, "-m", "amur", "competition-scores", str(path), "--cap", "3"],
        capture_output=True,
        text=True,
        env=env,
    )

    assert result.returncode != 0
    assert result.stdout == ""
    assert "row 2, column 'J1': 99 is outside the scale 1-25" in result.stderr


def test_good_file_in_a_real_process(tmp_path):
    path = tmp_path / "round.csv"
    path.write_text(ROUND, encoding="utf-8")
    env = {**os.environ, "AMUR_DEBUG": "1"}

    result = subprocess.run(
        [sys.executable, "-m", "amur", "competition-scores", str(path), "--cap", "3"],
        capture_output=True,
        text=True,
        env=env,
    )

    assert result.returncode == 0
    assert result.stdout.splitlines()[1] == "C,22.00,22,22,22,22,22"

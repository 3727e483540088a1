# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""XLSX and PDF exports of results and full score tables, opened and read back."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from amur.competitions import services
from amur.competitions.models import Conflict
from tests.factories.competitions import (
    ContestantFactory,
    DisciplineFactory,
    JurorFactory,
    RoundFactory,
)
from tests.factories.directory import UserFactory, give_role
from tests.pdf import assert_reads_everywhere, pdf_text

pytestmark = pytest.mark.django_db


def play(round_, jurors, scores):
    for contestant, values in scores.items():
        for juror, value in zip(jurors, values, strict=True):
            if value is not None:
                services.score_enter(
                    round_=round_, user=juror.user, contestant=contestant, value=D(value)
                )
    for juror in jurors:
        services.sheet_submit(round_=round_, user=juror.user)
    return services.round_close(round_=round_, by=jurors[0].user)


@pytest.fixture
def rounds():
    """Round 1 as in the CLI example (21.06 with a recusal and a correction to 24.25),
    then a final weighted 30/70: 0.3 × 21.06 + 0.7 × 23 = 22.418 → 22.42."""
    office = UserFactory()
    discipline = DisciplineFactory()
    give_role(office, discipline.edition.competition.organiser, "editor")
    first = RoundFactory(discipline=discipline, order=1, quota=2, cap=3)
    final = RoundFactory(
        discipline=discipline,
        order=2,
        quota=1,
        cap=2,
        status="planned",
        weights=[30, 70],
        name_en="Final",
    )
    jurors = [
        JurorFactory(edition=discipline.edition, is_chair=n == 0, person__name_latin=f"Juror {n}")
        for n in range(5)
    ]
    a, b, c = (
        ContestantFactory(discipline=discipline, name=n, nationality=country)
        for n, country in [("Алиса Морозова", "RU"), ("Sophie Martin", "FR"), ("李明轩", "CN")]
    )
    Conflict.objects.create(juror=jurors[2], contestant=a, reason="teacher")
    play(first, jurors, {a: [20, 21, None, 25, 19], b: [18, 18, 17, 10, 18], c: [22] * 5})
    services.round_confirm(round_=first, by=office)
    services.round_open(round_=final, by=office)
    play(final, jurors, {a: [23, 23, None, 23, 23], c: [20] * 5})
    first.refresh_from_db()
    final.refresh_from_db()
    return first, final, (a, b, c)


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(min_row=3, values_only=True)]


def test_xlsx_holds_results_earlier_stages_and_cumulative(client, rounds):
    _first, final, (a, _b, c) = rounds

    response = client.get(f"/competitions/rounds/{final.pk}/results/", {"format": "xlsx"})

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Results", "Raw scores", "Corrected scores"]
    assert rows(book["Results"]) == [
        [
            "Rank",
            "Number",
            "Contestant",
            "Nationality",
            "First round",
            "Stage score",
            "Cumulative",
            "Advances",
        ],
        [1, a.number, "Алиса Морозова", "RU", 21.06, 23, 22.42, "✓"],
        [2, c.number, "李明轩", "CN", 22, 20, 20.6, None],
    ]
    assert rows(book["Raw scores"])[1] == [a.number, "Алиса Морозова", 23, 23, "S", 23, 23]


def test_xlsx_of_the_first_round_shows_raw_and_corrected_scores_per_juror(client, rounds):
    first, _final, (a, b, c) = rounds

    response = client.get(f"/competitions/rounds/{first.pk}/results/", {"format": "xlsx"})

    book = load_workbook(io.BytesIO(response.content))
    assert rows(book["Raw scores"]) == [
        ["Number", "Contestant", "Juror 0", "Juror 1", "Juror 2", "Juror 3", "Juror 4"],
        [c.number, "李明轩", 22, 22, 22, 22, 22],
        [a.number, "Алиса Морозова", 20, 21, "S", 25, 19],
        [b.number, "Sophie Martin", 18, 18, 17, 10, 18],
    ]
    corrected = rows(book["Corrected scores"])
    assert corrected[2] == [a.number, "Алиса Морозова", 20, 21, "S", 24.25, 19]
    assert corrected[3] == [b.number, "Sophie Martin", 18, 18, 17, 13.2, 18]
    assert [r[5] for r in rows(book["Results"])[1:]] == [22, 21.06, 16.84]


def test_without_published_score_tables_only_the_results_are_exported(client, rounds):
    first, _final, _contestants = rounds
    edition = first.discipline.edition
    edition.publish_score_tables = False
    edition.save()

    response = client.get(f"/competitions/rounds/{first.pk}/results/", {"format": "xlsx"})

    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Results"]


def pdf_strings(data: bytes) -> list[str]:
    """The words a reader's viewer shows, in reading order (fonts checked as embedded)."""
    assert_reads_everywhere(data)
    return pdf_text(data).split()


def test_pdf_holds_the_same_values(client, rounds):
    first, final, (a, _b, _c) = rounds

    final_pdf = client.get(f"/competitions/rounds/{final.pk}/results/", {"format": "pdf"})
    first_pdf = client.get(f"/competitions/rounds/{first.pk}/results/", {"format": "pdf"})

    assert final_pdf["Content-Type"] == "application/pdf"
    text = pdf_strings(final_pdf.content)
    assert text[text.index("Алиса") - 2 :][:10] == [
        "1",
        str(a.number),
        "Алиса",
        "Морозова",
        "RU",
        "21.06",
        "23.00",
        "22.42",
        "✓",
        "2",
    ]
    first_text = pdf_strings(first_pdf.content)
    assert "24.25" in first_text
    assert "13.20" in first_text
    assert first_text.count("S") == 2  # the recusal, raw and corrected


@pytest.mark.parametrize(
    ("language", "title"), [("ru", "Результаты"), ("zh-hans", "结果"), ("en", "Results")]
)
def test_exports_follow_the_readers_language(client, rounds, language, title):
    first, _final, _contestants = rounds
    client.cookies["amur_language"] = language

    xlsx = client.get(f"/competitions/rounds/{first.pk}/results/", {"format": "xlsx"})
    pdf = client.get(f"/competitions/rounds/{first.pk}/results/", {"format": "pdf"})

    assert load_workbook(io.BytesIO(xlsx.content)).sheetnames[0] == title
    assert title in pdf_strings(pdf.content)


def test_an_open_round_has_no_export(client):
    round_ = RoundFactory()

    response = client.get(f"/competitions/rounds/{round_.pk}/results/", {"format": "pdf"})

    assert response.status_code == 404

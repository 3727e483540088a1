# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The yearly report: a PDF per language with embedded fonts and the page's numbers, a
workbook with one sheet per indicator, built as a background task that shows its progress,
kept for download, and readable only by whoever may read its figures."""

import io
import re

import pytest
from django.test import override_settings
from openpyxl import load_workbook
from pypdf import PdfReader

from amur.observatory import reports
from amur.observatory.models import Report, ReportStatus
from amur.observatory.summary import Dashboard
from tests.factories.directory import UserFactory
from tests.factories.events import EventFactory
from tests.observatory.conftest import read

pytestmark = pytest.mark.django_db

HAN = re.compile(r"[\u4e00-\u9fff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
TITLE = {"zh-hans": "观察站", "ru": "Обсерватория", "en": "Observatory"}


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _fonts(pdf: bytes) -> list:
    """Every font the pages use, with the font programme of its descriptor (or None)."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            described = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = described["/FontDescriptor"].get_object()
            programme = next(
                (
                    descriptor[k]
                    for k in ("/FontFile", "/FontFile2", "/FontFile3")
                    if k in descriptor
                ),
                None,
            )
            found.append((str(font["/BaseFont"]), programme))
    return found


# -- the SVG charts -------------------------------------------------------------------------


def test_a_chart_without_numbers_draws_nothing():
    assert reports.bar_svg(None) == ""
    assert reports.bar_svg({"xAxis": {"data": []}, "series": []}) == ""
    assert reports.bar_svg({"xAxis": {"data": ["a"]}, "series": [{"data": []}]}) == ""


def test_a_bar_chart_has_one_bar_per_value_and_its_labels_escaped():
    option = {
        "xAxis": {"data": ["哈尔滨", "A & B"]},
        "series": [{"name": "x", "data": [3, 1]}, {"name": "y", "data": [0, 2]}],
    }

    svg = reports.bar_svg(option)

    assert svg.count("<rect") == 4 + 2  # four bars, two legend keys
    assert "哈尔滨" in svg
    assert "A &amp; B" in svg
    assert "A & B" not in svg


def test_stacked_bars_rise_to_the_sum_of_their_series():
    option = {
        "xAxis": {"data": ["2025"]},
        "series": [{"data": [1], "stack": "s"}, {"data": [3], "stack": "s"}],
    }

    heights = [
        float(h)
        for h in re.findall(
            r'<rect x="[^"]+" y="[^"]+" width="[^"]+" '
            r'height="([^"]+)"',
            reports.bar_svg(option),
        )
    ]

    # the taller stack fills the whole plot: 1/4 and 3/4 of it
    assert heights[1] == pytest.approx(3 * heights[0], rel=0.01)


# -- building -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "ru", "en"])
def test_the_pdf_reads_in_its_language_with_every_font_embedded(language, made):
    EventFactory(status="completed")
    report = made.request(UserFactory(), language=language)

    assert report.status == ReportStatus.DONE
    assert report.progress == 100
    pdf = read(report.pdf)
    text = _text(pdf)
    assert TITLE[language] in text
    # the platform's name in its three scripts heads every report
    assert HAN.search(text)
    assert CYRILLIC.search(text)
    fonts = _fonts(pdf)
    assert fonts
    assert all(programme is not None for _name, programme in fonts)
    # the platform's own font, not whatever the server has installed
    assert {name.split("+")[-1] for name, _programme in fonts} <= {"Amur-Sans", "Amur-Sans-Bold"}


def test_the_pdf_and_the_workbook_carry_the_boards_numbers(made):
    for _n in range(3):
        EventFactory(status="completed")
    user = UserFactory()
    report = made.request(user)

    book = load_workbook(io.BytesIO(read(report.xlsx)))
    text = _text(read(report.pdf))

    assert book.sheetnames == [*(c for c in ("events", "folk_share")), *book.sheetnames[2:]]
    assert len(book.sheetnames) == len(Dashboard.CARDS) + 1
    assert book.sheetnames[-1] == "findings"
    rows = list(book["events"].iter_rows(values_only=True))
    assert rows[1][:2] == ("Value", 3)
    assert rows[2][:2] == ("Observations", 3)
    assert "3 observations" in text
    assert "Exchange events" in text


@pytest.mark.usefixtures("made")  # for its fresh MEDIA_ROOT
def test_progress_is_reported_step_by_step_and_ends_at_a_hundred():
    report = Report.objects.create(year=2027, language="en", requested_by=UserFactory(), token="t1")
    seen = []

    built = reports.report_build(report, progress=lambda percent, step: seen.append(percent))

    assert built.status == ReportStatus.DONE
    assert built.progress == 100
    assert seen == sorted(seen)
    assert len(seen) == len(Dashboard.CARDS) + 2
    assert seen[-1] < 100


def test_a_report_is_built_once_even_if_its_task_runs_twice(made):
    report = made.request(UserFactory())
    first = report.pdf.name

    again = reports.report_build(Report.objects.get(pk=report.pk))

    assert again.pdf.name == first


def test_a_report_that_fails_says_why_and_keeps_no_files(monkeypatch, made):
    def broken(**_kwargs):
        raise OSError("cannot load library 'pango-1.0-0'")

    monkeypatch.setattr(reports, "report_pdf", broken)

    report = made.request(UserFactory())

    assert report.status == ReportStatus.FAILED
    assert "pango" in report.error
    assert not report.pdf
    assert not report.xlsx


@pytest.mark.parametrize(("year", "language"), [(1999, "en"), (2999, "en"), (2027, "fr")])
def test_a_report_outside_the_years_or_languages_is_refused(year, language, made):
    with pytest.raises(reports.ObservatoryError):
        made.request(UserFactory(), year=year, language=language)

    assert not Report.objects.exists()


# -- pages and API --------------------------------------------------------------------------


def test_asking_on_the_page_builds_the_report_and_shows_its_downloads(client, made):
    EventFactory(status="completed")
    client.force_login(UserFactory())

    response = made.committed(
        client.post, "/observatory/reports/", {"year": 2027, "language": "ru"}
    )
    report = Report.objects.get()
    page = client.get(response["Location"])
    partial = client.get(response["Location"], headers={"HX-Request": "true"})
    pdf = client.get(f"/observatory/reports/{report.pk}/download.pdf")

    assert response["Location"] == f"/observatory/reports/{report.pk}/"
    assert f"/observatory/reports/{report.pk}/download.xlsx" in page.content.decode()
    assert partial.content.decode().lstrip().startswith('<section id="progress"')
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_a_queued_report_polls_its_progress(client):
    report = Report.objects.create(
        year=2027,
        language="en",
        requested_by=UserFactory(),
        token="t2",
        progress=40,
        step="Computed: Folk share",
    )

    partial = client.get(f"/observatory/reports/{report.pk}/", headers={"HX-Request": "true"})

    body = partial.content.decode()
    assert 'hx-trigger="every 2s"' in body
    assert "40%" in body
    assert "Folk share" in body
    assert client.get(f"/observatory/reports/{report.pk}/download.pdf").status_code == 404


def test_a_bad_year_on_the_page_is_shown_and_nothing_is_queued(client):
    client.force_login(UserFactory())

    response = client.post("/observatory/reports/", {"year": 1990, "language": "en"})

    assert response.status_code == 400
    assert not Report.objects.exists()


def test_the_api_queues_a_report_and_answers_its_state(client, made):
    client.force_login(UserFactory())

    made = made.committed(
        client.post,
        "/api/v1/observatory/reports",
        {"year": 2027, "language": "zh-hans"},
        content_type="application/json",
    )
    state = client.get(f"/api/v1/observatory/reports/{made.json()['id']}")
    wrong = client.post(
        "/api/v1/observatory/reports",
        {"year": 2027, "language": "fr"},
        content_type="application/json",
    )

    assert made.status_code == 201
    assert state.json()["status"] == "done"
    assert state.json()["pdf_url"].endswith("/download.pdf")
    assert wrong.status_code == 422


@override_settings(LANGUAGE_CODE="ru")
def test_the_report_page_speaks_the_readers_language(client, made):
    report = made.request(UserFactory())

    page = client.get(f"/observatory/reports/{report.pk}/", headers={"Accept-Language": "ru"})

    assert "Скачать" in page.content.decode()

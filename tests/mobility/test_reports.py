# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Reports: flows between China and Russia, seats used against agreed, expiring agreements,
their CSV and XLSX exports, and an office's dashboard."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from amur.core.models import FieldOfExchange
from amur.mobility import selectors
from amur.mobility.models import Condition
from tests.factories.core import moscow
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.mobility import AgreementFactory, MobilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flows_scene():
    harbin = OrganisationFactory(slug="harbin-a")
    petersburg = OrganisationFactory(slug="spb-a", place=moscow())
    agreement = AgreementFactory(owner=harbin, title_en="Memorandum A")
    agreement.partners.set([harbin, petersburg])
    Condition.objects.create(
        agreement=agreement,
        sending=harbin,
        receiving=petersburg,
        academic_year="2026/2027",
        students=2,
        staff=1,
    )
    Condition.objects.create(
        agreement=agreement,
        sending=petersburg,
        receiving=harbin,
        academic_year="2026/2027",
        students=3,
    )
    music = FieldOfExchange.objects.create(
        key="music-t", name_zh="音乐", name_ru="Музыка", name_en="Music"
    )

    def stay(sending, receiving, start, kind="semester", under=agreement):
        return MobilityFactory(
            sending=sending,
            receiving=receiving,
            start=start,
            end=start + timedelta(days=100),
            kind=kind,
            agreement=under,
            field=music,
        )

    stay(harbin, petersburg, date(2025, 9, 1))  # 2025/2026: no condition that year
    stay(harbin, petersburg, date(2026, 9, 10))
    stay(harbin, petersburg, date(2026, 10, 1), kind="staff_teaching")
    stay(harbin, petersburg, date(2027, 2, 1))
    stay(petersburg, harbin, date(2027, 3, 1), kind="short")
    stay(harbin, OrganisationFactory(), date(2026, 9, 1), under=None)  # within China
    return harbin, petersburg, agreement


def test_flows_by_year_show_both_directions_and_the_balance(flows_scene):
    rows = selectors.flows()

    assert selectors.flows_by_year(rows) == [
        {"year": 2025, "CN→RU": 1, "RU→CN": 0, "balance": 1},
        {"year": 2026, "CN→RU": 2, "RU→CN": 0, "balance": 2},
        {"year": 2027, "CN→RU": 1, "RU→CN": 1, "balance": 0},
    ]


def test_flows_break_down_by_kind_field_and_organisation(flows_scene):
    rows = selectors.flows(year=2026)

    assert rows == [
        {
            "year": 2026,
            "direction": "CN→RU",
            "kind": "semester",
            "field": "music-t",
            "sending": "harbin-a",
            "receiving": "spb-a",
            "people": 1,
        },
        {
            "year": 2026,
            "direction": "CN→RU",
            "kind": "staff_teaching",
            "field": "music-t",
            "sending": "harbin-a",
            "receiving": "spb-a",
            "people": 1,
        },
    ]


def test_seats_used_against_agreed_per_direction_and_academic_year(flows_scene):
    harbin, petersburg, _agreement = flows_scene

    rows = selectors.seats()

    assert [
        (
            r["sending"],
            r["receiving"],
            r["academic_year"],
            r["students_used"],
            r["students_agreed"],
            r["staff_used"],
            r["staff_agreed"],
        )
        for r in rows
    ] == [
        (harbin, petersburg, "2026/2027", 2, 2, 1, 1),
        (petersburg, harbin, "2026/2027", 1, 3, 0, 0),
    ]


def test_academic_year_turns_on_the_first_of_september():
    assert selectors.academic_year_of(date(2026, 8, 31)) == "2025/2026"
    assert selectors.academic_year_of(date(2026, 9, 1)) == "2026/2027"


def test_expiring_agreements_are_the_signed_or_active_ones_ending_soon():
    today = timezone.localdate()
    soon = AgreementFactory(title_en="Soon", valid_until=today + timedelta(days=30))
    AgreementFactory(title_en="Later", valid_until=today + timedelta(days=400))
    AgreementFactory(title_en="Gone", valid_until=today - timedelta(days=1), status="expired")
    AgreementFactory(title_en="Draft", valid_until=today + timedelta(days=30), status="draft")

    assert list(selectors.agreements_expiring()) == [soon]


def test_flows_export_as_csv_and_xlsx_carry_the_same_numbers(client, flows_scene):
    as_csv = client.get("/mobility/reports/flows.csv")
    as_xlsx = client.get("/mobility/reports/flows.xlsx")

    csv_rows = list(csv.reader(io.StringIO(as_csv.content.decode())))
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    xlsx_rows = [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert csv_rows[0] == ["year", "direction", "kind", "field", "sending", "receiving", "people"]
    assert csv_rows[1] == ["2025", "CN→RU", "semester", "music-t", "harbin-a", "spb-a", "1"]
    assert xlsx_rows == csv_rows
    assert as_xlsx["Content-Disposition"] == 'attachment; filename="mobility-flows.xlsx"'


def test_seats_export_and_unknown_tables(client, flows_scene):
    rows = list(csv.reader(io.StringIO(client.get("/mobility/reports/seats.csv").content.decode())))

    assert rows[1] == ["Memorandum A", "harbin-a", "spb-a", "2026/2027", "2", "2", "1", "1"]
    assert client.get("/mobility/reports/people.csv").status_code == 404
    assert client.get("/mobility/reports/flows.pdf").status_code == 404


def test_reports_page_shows_the_yearly_flows(client, flows_scene):
    page = client.get("/mobility/reports/")

    assert [y["year"] for y in page.context["by_year"]] == [2025, 2026, 2027]
    assert "Memorandum A" in page.content.decode()


def test_dashboard_shows_an_office_its_stays_each_way(flows_scene):
    harbin, _petersburg, _agreement = flows_scene

    board = selectors.dashboard(harbin, today=date(2026, 11, 1))

    assert sorted(m.start for m in board["outgoing"]["current"]) == [
        date(2026, 9, 1),
        date(2026, 9, 10),
        date(2026, 10, 1),
    ]
    assert [m.start for m in board["outgoing"]["upcoming"]] == [date(2027, 2, 1)]
    assert [m.start for m in board["incoming"]["upcoming"]] == [date(2027, 3, 1)]
    assert board["outgoing"]["past"] == 1


def test_dashboard_is_for_the_offices_members_only(client, flows_scene):
    harbin, _petersburg, _agreement = flows_scene
    member, outsider = UserFactory(username="member"), UserFactory(username="outsider")
    give_role(member, harbin, "member")

    client.force_login(member)
    mine = client.get("/mobility/organisations/harbin-a/dashboard/")
    client.force_login(outsider)
    other = client.get("/mobility/organisations/harbin-a/dashboard/")

    assert mine.status_code == 200
    assert other.status_code == 403


def test_api_flows_and_seats(client, flows_scene):
    flows = client.get("/api/v1/mobility/reports/flows?year=2027").json()
    seats = client.get("/api/v1/mobility/reports/seats?academic_year=2026/2027").json()

    assert [(f["direction"], f["people"]) for f in flows] == [("CN→RU", 1), ("RU→CN", 1)]
    assert [(s["sending"], s["students_used"]) for s in seats] == [("harbin-a", 2), ("spb-a", 1)]


def test_reports_page_query_count_does_not_grow(client, flows_scene, django_assert_num_queries):
    harbin, petersburg, agreement = flows_scene
    client.get("/mobility/reports/")
    with django_assert_num_queries(5) as one:
        client.get("/mobility/reports/")
    for year in ("2027/2028", "2028/2029"):
        Condition.objects.create(
            agreement=agreement,
            sending=harbin,
            receiving=petersburg,
            academic_year=year,
            students=1,
        )
        MobilityFactory(
            sending=harbin,
            receiving=petersburg,
            start=date(2028, 3, 1),
            end=date(2028, 6, 1),
            agreement=agreement,
        )

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/mobility/reports/")

    assert len(response.context["seats"]) == 4


def test_dashboard_query_count_does_not_grow(client, flows_scene, django_assert_max_num_queries):
    harbin, petersburg, _agreement = flows_scene
    member = UserFactory(username="member")
    give_role(member, harbin, "member")
    client.force_login(member)
    today = timezone.localdate()
    MobilityFactory(sending=harbin, receiving=petersburg, start=today, end=today)
    client.get("/mobility/organisations/harbin-a/dashboard/")
    with django_assert_max_num_queries(30) as one:
        before = client.get("/mobility/organisations/harbin-a/dashboard/")
    for _n in range(2):
        MobilityFactory(sending=harbin, receiving=petersburg, start=today, end=today)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get("/mobility/organisations/harbin-a/dashboard/")

    current = [len(r.context["board"]["outgoing"]["current"]) for r in (before, response)]
    assert current[1] == current[0] + 2


def test_reports_chart_puts_both_directions_side_by_side(client, flows_scene):
    client.cookies["amur_language"] = "ru"

    chart = client.get("/mobility/reports/?year=2027").context["chart"]

    assert chart["xAxis"]["data"] == ["2025", "2026", "2027"]
    assert [(s["name"], s["data"]) for s in chart["series"]] == [
        ("Китай → Россия", [1, 2, 1]),
        ("Россия → Китай", [0, 0, 1]),
    ]

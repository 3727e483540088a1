# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Permission matrix of the observatory: public figures come from public records only;
figures that include unpublished records reach their owners and staff, nobody else,
through the page, the tables and the API alike."""

import io

import pytest
from openpyxl import load_workbook

from amur.observatory.models import Report
from tests.factories.directory import UserFactory, give_role
from tests.factories.events import EventFactory
from tests.observatory.conftest import read
from tests.permissions import cast

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {
    "observatory:index",
    "observatory:export",
    "observatory:series",
    "observatory:report_xlsx",
    "observatory:reports",
    "observatory:report",
    "observatory:report_file",
}
VIEWS_READ_ONLY: set[str] = set()
API_COVERED = {"POST /api/v1/observatory/reports"}

PRIVATE = "?year=2027&scope=private"


@pytest.fixture
def scene():
    c = cast()
    EventFactory(host=c.org_a, status="completed")
    EventFactory(host=c.org_a, status="draft")
    EventFactory(host=c.org_b, status="draft")
    return c


@pytest.mark.parametrize(
    ("who", "expected"),
    [(None, 1), ("member_a", 1), ("editor_b", 2), ("editor_a", 2), ("staff", 3)],
)
def test_unpublished_events_count_only_for_their_owners_and_staff(client, scene, who, expected):
    # editor_b sees its own draft, editor_a its own; a mere member sees no draft.
    if who:
        client.force_login(getattr(scene, who))

    page = client.get("/observatory/" + PRIVATE)
    table = client.get("/observatory/tables/events.csv" + PRIVATE)
    api = client.get("/api/v1/observatory/summary" + PRIVATE)
    book = load_workbook(io.BytesIO(client.get("/observatory/report.xlsx" + PRIVATE).content))

    assert page.context["cards"][0].n == expected
    assert table.content.decode().splitlines()[1:] == [f"2027,{_row(expected)}"]
    assert api.json()["cards"][0]["n"] == expected
    assert list(book["events"].iter_rows(values_only=True))[2][:2] == ("Observations", expected)


def _row(n):
    # The events card's table: year, then government, public, enterprise, folk hosts
    # (the factory's organisations are public institutions).
    return f"0,{n},0,0"


def test_public_scope_is_the_same_for_everyone(client, scene):
    anonymous = client.get("/observatory/?year=2027").context["cards"][0].n
    client.force_login(scene.staff)

    staff = client.get("/observatory/?year=2027").context["cards"][0].n

    assert anonymous == staff == 1


def test_unknown_table_or_format_is_not_found(client, scene):
    assert client.get("/observatory/tables/nothing.csv").status_code == 404
    assert client.get("/observatory/tables/events.pdf").status_code == 404


def test_role_in_another_organisation_does_not_open_drafts(client, scene):
    give_role(scene.member_a, scene.org_b, "member")
    client.force_login(scene.member_a)

    assert client.get("/observatory/" + PRIVATE).context["cards"][0].n == 1


# -- yearly reports: the same rules as the figures they hold ---------------------------------


@pytest.fixture
def private_report(made):
    c = cast()
    EventFactory(host=c.org_a, status="draft")
    report = made.request(c.editor_a, private=True)
    return c, report


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        (None, False),
        ("member_a", False),
        ("editor_b", False),
        ("editor_a", True),
        ("staff", True),
    ],
)
def test_a_report_with_unpublished_records_reaches_its_requester_and_staff_only(
    client, private_report, who, allowed
):
    c, report = private_report
    if who:
        client.force_login(getattr(c, who))

    answers = [
        client.get(f"/observatory/reports/{report.pk}/"),
        client.get(f"/observatory/reports/{report.pk}/download.pdf"),
        client.get(f"/observatory/reports/{report.pk}/download.xlsx"),
        client.get(f"/api/v1/observatory/reports/{report.pk}"),
    ]
    listed = report.pk in [
        r["id"] for r in client.get("/api/v1/observatory/reports").json()["items"]
    ]
    on_page = (
        f"/observatory/reports/{report.pk}/" in client.get("/observatory/reports/").content.decode()
    )

    assert [a.status_code == 200 for a in answers] == [allowed] * 4
    assert listed is allowed
    assert on_page is allowed


def test_a_private_report_counts_the_requesters_drafts(private_report):
    _c, report = private_report

    book = load_workbook(io.BytesIO(read(report.xlsx)))

    assert list(book["events"].iter_rows(values_only=True))[2][:2] == ("Observations", 1)


def test_a_public_report_is_public_and_anonymous_visitors_cannot_ask_for_one(client, made):
    report = made.request(UserFactory())

    page = client.get(f"/observatory/reports/{report.pk}/download.xlsx")
    asked = client.post("/observatory/reports/", {"year": 2027, "language": "en"})
    api = client.post(
        "/api/v1/observatory/reports",
        {"year": 2027, "language": "en"},
        content_type="application/json",
    )

    assert page.status_code == 200
    assert asked.status_code in (302, 403)
    assert api.status_code == 401
    assert Report.objects.count() == 1

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from amur.core.exports import new_workbook, sheet_append, workbook_bytes
from amur.observatory.models import ExternalValue
from amur.observatory.selectors import Slice
from amur.observatory.services import external_import
from amur.observatory.summary import Options, dashboard_for
from tests.factories.directory import UserFactory
from tests.permissions import asks_to_log_in

pytestmark = pytest.mark.django_db
HEADER = "series,place,year,value,unit,source\n"


@pytest.fixture
def places(db):
    call_command("demo", only=["core"], verbosity=0)


def test_csv_imports_every_row_with_source_and_unit(places):
    text = HEADER + "population,harbin,2025,9390000,people,Heilongjiang Statistical Yearbook\n"

    report = external_import(content=text.encode(), filename="p.csv", by=None)

    value = ExternalValue.objects.get()
    assert (report.ok, report.created) == (True, 1)
    assert (value.place.key, value.year, int(value.value), value.unit) == (
        "harbin",
        2025,
        9390000,
        "people",
    )


def test_one_bad_row_and_nothing_is_imported_with_a_row_by_row_report(places):
    text = (
        HEADER + "population,harbin,2025,9390000,people,Yearbook\n"
        "population,atlantis,2025,10,people,Yearbook\n"
        "gdp,heihe,20x5,many,,Yearbook\n"
    )

    report = external_import(content=text.encode(), filename="p.csv", by=None)

    assert report.errors == [
        (3, "place", "'atlantis' is not a known place key"),
        (4, "series", "'gdp' is not one of population, cultural_trade, russian_learners"),
        (4, "year", "'20x5' is not a year"),
        (4, "value", "'many' is not a number"),
        (4, "unit", "empty"),
    ]
    assert ExternalValue.objects.count() == 0


def test_xlsx_is_read_and_a_second_import_replaces_the_value(places):
    book = new_workbook()
    for row in (HEADER.strip().split(","), ["population", "heihe", 2025, 1290000, "people", "Y"]):
        sheet_append(book.active, row)
    external_import(
        content=HEADER.encode() + b"population,heihe,2025,1,people,Y\n", filename="p.csv", by=None
    )

    report = external_import(content=workbook_bytes(book), filename="p.xlsx", by=None)

    assert (report.created, report.updated) == (0, 1)
    assert int(ExternalValue.objects.get().value) == 1290000


def test_population_gives_location_quotients_beside_the_events(scene):
    text = HEADER + "".join(
        f"population,{key},2024,{n},people,Y\n" for key, n in (("harbin", 900), ("heihe", 100))
    )
    external_import(content=text.encode(), filename="p.csv", by=None)

    cards, _ = dashboard_for(Slice(year=2025), None, Options())

    rows = {r[0]: r for r in next(c for c in cards if c.key == "concentration").rows}
    # Harbin: 4 of 8 events in the divisions with 900 of 1000 people: 0.5 / 0.9
    assert rows["Harbin"][4] == pytest.approx(0.5 / 0.9)
    assert rows["Heihe"][4] == pytest.approx((2 / 8) / 0.1)
    assert rows["Qiqihar"][4] is None  # no population imported: no quotient
    external = next(c for c in cards if c.key == "external")
    assert external.rows == []  # the figures are of 2024, the slice is 2025


def test_only_staff_import(client, places):
    upload = {
        "file": SimpleUploadedFile("p.csv", (HEADER + "population,harbin,2025,1,p,Y\n").encode())
    }

    anonymous = client.post("/observatory/series/", upload)
    client.force_login(UserFactory())
    member = client.post("/observatory/series/", upload)
    assert ExternalValue.objects.count() == 0
    client.force_login(UserFactory(is_staff=True))
    upload["file"].seek(0)
    staff = client.post("/observatory/series/", upload)

    assert asks_to_log_in(anonymous)
    assert member.status_code == 403
    assert staff.status_code == 302
    assert ExternalValue.objects.count() == 1

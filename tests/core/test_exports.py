# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""CSV/XLSX injection (issue 12, part 2): a cell a visitor typed never becomes a formula in
the reader's spreadsheet, in the shared helper and in every export of every app."""

import csv
import io
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from amur.core.exports import FORMULA_PREFIXES, table_response
from tests.factories.directory import OrganisationFactory, UserFactory, give_role

PAYLOADS = [prefix + "cmd|' /C calc'!A0" for prefix in FORMULA_PREFIXES]
ROOT = Path(__file__).resolve().parents[2]


def number(cell: str) -> bool:
    return re.fullmatch(r"[+-]?\d+(\.\d*)?", cell) is not None


def csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


def assert_inert(response_or_bytes, fmt: str, payload: str) -> None:
    """The payload is in the file (stripped, where the app strips what is typed), and only as
    inert text."""
    stripped = {payload.strip()} - {payload}
    content = getattr(response_or_bytes, "content", response_or_bytes)
    if fmt == "csv":
        cells = csv_cells(content.decode() if isinstance(content, bytes) else content)
        assert ({"'" + payload} | stripped) & set(cells)
        assert not [c for c in cells if c.startswith(FORMULA_PREFIXES) and not number(c)]
    else:
        cells = xlsx_cells(content)
        assert ({payload} | stripped) & {c.value for c in cells}
        assert not [c.coordinate for c in cells if c.data_type == "f"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_table_response_neutralises_every_prefix(payload, fmt):
    response = table_response("t", ["name", payload], [[payload, 1], ["ok", -2]], fmt)
    assert_inert(response, fmt, payload)


def test_numbers_stay_numbers():
    response = table_response("t", ["a", "b", "c"], [[-3, "-3.5", "+1e3"], ["x", D("-1.25"), ""]])
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["a", "b", "c"],
        ["-3", "-3.5", "+1e3"],
        ["x", "-1.25", ""],
    ]


def test_xlsx_keeps_numbers_and_drops_characters_xml_cannot_hold():
    response = table_response("t", ["a"], [[-3], ["nul\x00here"], ["=1+1"]], "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet["A"]] == ["a", -3, "nulhere", "=1+1"]
    assert [c.data_type for c in sheet["A"]] == ["s", "n", "s", "s"]


def test_no_export_bypasses_the_shared_helper():
    """Only amur/core/exports.py writes CSV or XLSX (reading CSV for imports is fine)."""
    writers = re.compile(r"csv\.(writer|DictWriter)\(|openpyxl import Workbook|Workbook\(")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "amur").rglob("*.py")
        if path != ROOT / "amur" / "core" / "exports.py" and writers.search(path.read_text())
    ]
    assert offenders == []


# Every export of every app, with a visitor-typed value under each prefix ---------------


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_event_registrations_export(client, payload, fmt):
    from amur.events import services
    from tests.factories.events import EventFactory, ModeFactory

    host, editor = OrganisationFactory(), UserFactory()
    give_role(editor, host, "editor")
    event = EventFactory(host=host)
    mode = ModeFactory(event=event, capacity=None)
    services.registration_create(mode=mode, name=payload, email="a@x.org", send_mail=False)
    client.force_login(editor)
    response = client.get(f"/events/{event.slug}/registrations/", {"format": fmt})
    assert_inert(response, fmt, payload)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_alliance_member_exports(client, payload):
    from tests.factories.alliances import MembershipFactory

    membership = MembershipFactory(organisation__name_en=payload)
    slug = membership.alliance.slug
    for fmt in ("csv", "xlsx"):
        assert_inert(client.get(f"/alliances/{slug}/members.csv", {"format": fmt}), fmt, payload)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_termbase_export(client, payload, fmt):
    from tests.factories.resources import TermFactory

    TermFactory(text=payload)
    assert_inert(client.get(f"/resources/termbase/export.{fmt}"), fmt, payload)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_competition_results_exports_and_command(client, payload, tmp_path):
    from amur.competitions import services
    from tests.factories.competitions import ContestantFactory, JurorFactory, RoundFactory

    round_ = RoundFactory(quota=1, cap=3, discipline__edition__publish_score_tables=True)
    juror = JurorFactory(edition=round_.discipline.edition, is_chair=True)
    contestant = ContestantFactory(discipline=round_.discipline, name=payload, name_latin="")
    services.score_enter(round_=round_, user=juror.user, contestant=contestant, value=D(20))
    services.sheet_submit(round_=round_, user=juror.user)
    services.round_close(round_=round_, by=juror.user)

    for fmt in ("csv", "xlsx"):
        response = client.get(f"/competitions/rounds/{round_.pk}/results/", {"format": fmt})
        assert response.status_code == 200
        assert_inert(response, fmt, payload)

    sheet = tmp_path / "round.csv"
    sheet.write_text(f"contestant,J1\n{payload.replace(chr(13), '')},20\n".replace("\t", " "))
    out = io.StringIO()
    call_command("competition_scores", str(sheet), "--method", "mean", stdout=out)
    cells = csv_cells(out.getvalue())
    assert [c for c in cells if c.endswith("cmd|' /C calc'!A0")]
    assert not [c for c in cells if c.startswith(FORMULA_PREFIXES) and not number(c)]

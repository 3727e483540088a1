# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The observatory's figures of the pool: hidden profiles never count, each figure as
defined in ``amur.talent.reports``, and the same tables as CSV, XLSX and API."""

import io

import pytest
from openpyxl import load_workbook

from amur.mobility.models import ExpertEngagement, ExpertTarget
from amur.talent import reports, services
from tests.factories.directory import OrganisationFactory, PersonFactory
from tests.factories.talent import SkillFactory, need, talent
from tests.permissions import cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def pool():
    welding = SkillFactory(key="welding", name_en="Welding")
    talent(credentials=[("ru", "native", "native"), ("zh", "hsk2", "4")], skills=[welding])
    talent(credentials=[("zh", "native", "native"), ("ru", "torfl", "TORFL-1")])
    talent(
        credentials=[("zh", "native", "native"), ("ru", "torfl", "TORFL-4")], visibility="members"
    )
    talent(
        credentials=[("ru", "native", "native"), ("zh", "native", "native")],
        skills=[welding],
        visibility="hidden",
    )
    return welding


def test_hidden_profiles_never_count(pool):
    pairs = dict(reports.profiles_by_language_pair())

    assert pairs == {"ru+zh": 3}
    assert sum(n for _lang, _level, n in reports.profiles_by_level() if _lang == "zh") == 3
    assert reports.profiles_by_skill() == [("welding", "Welding", 1)]
    assert reports.compound_talent_share() == {"profiles": 3, "compound": 1, "share": 33.3}


def test_levels_are_the_best_per_language(pool):
    rows = reports.profiles_by_level()

    assert ("ru", "B1", 1) in rows
    assert ("ru", "C2", 1) in rows
    assert ("ru", "native", 1) in rows
    assert ("zh", "B2", 1) in rows


def test_needs_open_vs_filled_and_tasks_by_direction():
    people = cast()
    need(kind="teaching", headcount=4, in_post=1)
    closed = need(kind="teaching", headcount=2, in_post=2)
    services.need_close(need=closed, by=None)
    task = services.task_create(
        organisation=people.org_a,
        by=None,
        kind="translation",
        source_language="ru",
        target_language="zh",
    )
    services.task_create(
        organisation=people.org_a,
        by=None,
        kind="translation",
        source_language="ru",
        target_language="zh",
    )
    cancelled = services.task_create(
        organisation=people.org_a,
        by=None,
        kind="consecutive",
        source_language="zh",
        target_language="ru",
    )
    services.task_cancel(task=cancelled, by=None)
    translator = talent(
        credentials=[("ru", "catti", "2", "translation"), ("zh", "native", "native")]
    )
    services.task_offer(task=task, profile=translator, by=None)
    task.status = "accepted"
    task.save(update_fields=["status"])

    [row] = reports.needs_open_vs_filled()
    assert (row["needs"], row["headcount"], row["filled"], row["to_fill"]) == (2, 6, 3, 3)
    assert reports.tasks_by_direction() == [
        {"direction": "ru→zh", "tasks": 2, "filled": 1, "fill_rate": 50.0}
    ]


def test_experts_against_targets():
    host = OrganisationFactory(slug="harbin-conservatory-test")
    ExpertTarget.objects.create(host=host, target=20, by_year=2027)
    for _ in range(8):
        ExpertEngagement.objects.create(person=PersonFactory(), host=host, start="2021-09-01")

    assert reports.experts_against_targets() == [
        {
            "host": "harbin-conservatory-test",
            "by_year": 2027,
            "target": 20,
            "engaged": 8,
            "share": 40.0,
        }
    ]


def test_exports_and_api(client, pool):
    csv = client.get("/talent/reports/language_pairs.csv")
    assert csv.content.decode().splitlines() == ["languages,profiles", "ru+zh,3"]
    xlsx = client.get("/talent/reports/skills.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [
        ["skill", "name", "profiles"],
        ["welding", "Welding", 1],
    ]
    assert client.get("/talent/reports/nothing.csv").status_code == 404
    assert client.get("/talent/reports/").status_code == 200
    api = client.get("/api/v1/talent/reports").json()
    assert api["compound_talent"] == {"profiles": 3, "compound": 1, "share": 33.3}

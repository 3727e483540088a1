# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every chart on every page that has one draws in a real browser (the chart library is
loaded by the page shell when a page holds a chart), and a chart of a single point says
so instead of drawing a dot."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from amur.alliances.models import Alliance
from tests.factories.core import moscow
from tests.factories.directory import OrganisationFactory
from tests.factories.events import EventFactory
from tests.factories.mobility import MobilityFactory
from tests.mobility.test_reports import flows_scene  # noqa: F401  (a fixture)
from tests.pg import sqlite_only

pytestmark = [pytest.mark.browser, sqlite_only, pytest.mark.django_db(transaction=True)]

DRAWN = (
    "els => els.map(e => [e.dataset.chart, e.dataset.chartDrawn || '',"
    " !!e.querySelector('canvas')])"
)


def charts(page) -> list:
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-chart]')].every(e => e.dataset.chartDrawn)"
    )
    return page.eval_on_selector_all("[data-chart]", DRAWN)


def test_the_mobility_flows_chart_draws(visit, flows_scene):  # noqa: F811
    page = visit("/mobility/reports/", language="zh-hans")

    assert charts(page) == [["flows-chart", "1", True]]


def test_the_events_map_draws(visit):
    call_command("demo", only=["core"], verbosity=0)
    EventFactory(title_en="Harbin Ice Festival")

    page = visit("/events/", language="ru")

    assert charts(page) == [["events-map", "1", True]]


def test_every_chart_of_the_alliance_page_draws(visit):
    call_command("demo", only=["core", "directory", "alliances"], verbosity=0)

    alliance = Alliance.objects.get(slug="srvea")

    page = visit(f"/alliances/{alliance.slug}/", language="en")

    # Every member joined at the founding (2023): growth is one point and says so.
    assert charts(page) == [
        ["chart-kind", "1", True],
        ["chart-region", "1", True],
        ["chart-sector", "1", True],
        ["chart-growth", "note", False],
        ["chart-map", "1", True],
    ]


def test_a_chart_of_one_point_says_so_instead_of_drawing_a_dot(visit):
    start = date(2026, 9, 1)
    MobilityFactory(
        sending=OrganisationFactory(),
        receiving=OrganisationFactory(place=moscow()),
        start=start,
        end=start + timedelta(days=100),
    )

    page = visit("/mobility/reports/", language="ru")

    assert charts(page) == [["flows-chart", "note", False]]
    assert page.locator("[data-chart]").inner_text() == (
        "Пока есть только одно значение — оно приведено в таблице."
    )

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import csv
import io
import re

import pytest

from amur.observatory.selectors import Slice
from amur.observatory.summary import Options, dashboard_for

pytestmark = pytest.mark.django_db


def test_every_card_shows_count_formula_reading_and_its_table(client, scene):
    response = client.get("/observatory/?year=2025")

    cards = {c.key: c for c in response.context["cards"]}
    folk = cards["folk_share"]
    assert (folk.value, folk.n) == (2 / 9, 9)
    assert folk.formula == "FS = N_folk / N_all"
    assert folk.small is True  # 9 < 20 observations
    assert folk.previous == 1.0  # 2024: one event, folk-hosted
    assert "22%" in folk.reading
    assert cards["concentration"].rows[0][:3] == ["Harbin", "230100", 4]
    assert 'class="indicator unreliable"' in response.content.decode()


def test_csv_holds_exactly_the_numbers_of_the_chart(client, scene):
    cards, _ = dashboard_for(Slice(year=2025), None, Options())
    fields = next(c for c in cards if c.key == "field_diversity")

    response = client.get("/observatory/tables/field_diversity.csv?year=2025")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Field", "Events"]
    assert [int(r[1]) for r in rows[1:]] == fields.chart["series"][0]["data"]
    assert [r[0] for r in rows[1:]] == fields.chart["xAxis"]["data"]


def test_filters_live_in_the_url_and_narrow_every_card(client, scene):
    response = client.get("/observatory/?year=2025&field=music&place=harbin")

    cards = {c.key: c for c in response.context["cards"]}
    assert cards["events"].n == 3
    assert "field=music" in cards["events"].link
    assert "place=harbin" in cards["concentration"].extra["links"]["harbin"]


def test_findings_name_what_to_act_on_in_the_readers_language(client, scene):
    response = client.get("/observatory/?year=2025&folk_min=0.5", HTTP_ACCEPT_LANGUAGE="ru")

    keys = [f["key"] for f in response.context["findings"]]
    texts = " ".join(f["text"] for f in response.context["findings"])
    assert keys.count("idle_divisions") == 1
    assert "folk_low" in keys
    assert "one_way" in keys
    assert "Цицикар" not in texts  # Qiqihar had an event
    assert "Дацин" in texts  # Daqing only a draft: no public activity


def test_missing_data_shows_no_data_yet_never_zero(client, db):
    response = client.get("/observatory/?year=2030")

    cards = {c.key: c for c in response.context["cards"]}
    assert cards["folk_share"].value is None
    assert cards["library"].value is None
    assert cards["talent"].value is None
    assert "no data yet" in response.content.decode()


def test_api_returns_the_cards_of_the_page(client, scene):
    page = client.get("/observatory/?year=2025").context["cards"]

    api = client.get("/api/v1/observatory/summary?year=2025").json()

    assert [c["key"] for c in api["cards"]] == [c.key for c in page]
    assert [c["n"] for c in api["cards"]] == [c.n for c in page]
    assert api["slice"] == {"year": "2025"}


def test_anonymous_visitors_see_a_tile_grid_never_boundaries(client, scene):
    from tests.observatory.conftest import event

    event(place="blagoveshchensk", host=scene.russian, fields=["music"], direction="ru_cn")

    response = client.get("/observatory/?year=2025")

    content = response.content.decode()
    geo = response.context["geo"]
    assert "geo-shapes" not in content
    assert "map" not in geo
    tiles = {d["name"]: d["value"] for d in geo["tiles"]["series"][0]["data"]}
    assert len(tiles) == 13 + 11  # the divisions and the subjects of the Russian Far East
    assert tiles["Harbin"] == [3, 5, 4]  # column, row, events
    assert tiles["Amur Oblast"] == [3, 1, 1]  # the Blagoveshchensk event counts for its subject
    positions = [tuple(v[:2]) for v in tiles.values()]
    assert len(set(positions)) == len(positions)  # no two squares on one tile


def test_signed_in_users_see_the_boundary_map_marked_as_schematic(client, scene):
    from tests.factories.directory import UserFactory

    client.force_login(UserFactory())

    response = client.get("/observatory/?year=2025", HTTP_ACCEPT_LANGUAGE="ru")

    geo = response.context["geo"]
    names = [f["properties"]["name"] for f in geo["shapes"]["features"]]
    assert "Харбин" in names
    assert "Хабаровский край" in names
    assert len(names) == 13 + 11
    assert {"name": "Харбин", "value": 4} in geo["map"]["series"][0]["data"]
    assert {"name": "Хабаровский край", "value": 0} in geo["map"]["series"][0]["data"]
    assert "MIT" in geo["shapes"]["notice"]
    assert "示意图 / схема" in response.content.decode()


def test_the_operator_may_show_the_boundary_map_to_everyone(client, scene, settings):
    settings.AMUR_OBSERVATORY_PUBLIC_MAP = True

    response = client.get("/observatory/?year=2025")

    assert "map" in response.context["geo"]


def test_the_board_as_xlsx_has_one_sheet_per_indicator(client, scene):
    from openpyxl import load_workbook

    response = client.get("/observatory/report.xlsx?year=2025")

    book = load_workbook(io.BytesIO(response.content))
    cards = client.get("/observatory/?year=2025").context["cards"]
    assert book.sheetnames == [c.key for c in cards] + ["findings"]
    folk = list(book["folk_share"].iter_rows(values_only=True))
    assert folk[0][0] == "Folk share"
    assert folk[2][:2] == ("Observations", 9)


def _without_tokens(response) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "", response.content.decode())


def test_cached_board_follows_a_change_to_the_records(client, scene):
    first = client.get("/observatory/?year=2025")
    again = client.get("/observatory/?year=2025")  # the page kept for anonymous visitors
    scene.draft.status = "completed"
    scene.draft.start = scene.events[0].start
    scene.draft.save()

    after = client.get("/observatory/?year=2025").context["cards"][0].n

    assert first.context["cards"][0].n == 9
    assert again.context is None
    assert _without_tokens(again) == _without_tokens(first)
    assert after == 10


def test_cached_board_follows_a_change_that_keeps_the_counts(client, scene):
    # No record is added or removed, so only the signal can retire the cached board.
    from amur.mobility.models import Mobility

    def students():
        card = next(
            c
            for c in client.get("/observatory/?year=2025").context["cards"]
            if c.key == "mobility_balance"
        )
        return card.rows[0][1]  # students China → Russia

    before = students()
    stay = Mobility.objects.filter(level="teacher").get()
    stay.level = "student"
    stay.save()

    assert (before, students()) == (2, 3)


def test_a_repeated_public_board_comes_from_the_cache(client, scene, django_assert_max_num_queries):
    client.get("/observatory/?year=2025")

    with django_assert_max_num_queries(12):
        client.get("/observatory/?year=2025")


def test_query_count_of_a_cold_board_does_not_grow_with_the_records(client, db):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.events import EventFactory

    EventFactory()
    client.get("/observatory/")
    cache.clear()
    with CaptureQueriesContext(connection) as one:
        client.get("/observatory/")
    for _ in range(19):
        EventFactory()
    cache.clear()
    with CaptureQueriesContext(connection) as twenty:
        client.get("/observatory/")

    assert len(twenty) == len(one)


def test_cards_show_their_further_figures_hhi_gini_theil_and_shares(client, scene):
    response = client.get("/observatory/?year=2025")

    cards = {c.key: c for c in response.context["cards"]}
    facts = dict(cards["concentration"].facts)
    theil = cards["concentration"].extra["theil"]
    assert facts["Harbin's share"] == "50.0%"  # 4 of the 8 events in the divisions
    assert facts["Border cities' share"] == "37.5%"
    assert facts["Theil T"] == f"{theil['total']:.3f}"
    assert {"HHI", "Gini", "Theil T within groups", "Theil T between groups"} <= set(facts)
    assert "<dt>Gini</dt>" in response.content.decode()

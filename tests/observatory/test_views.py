# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import csv
import io

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

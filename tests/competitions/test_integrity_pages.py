# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The integrity page, its exports and its API: the chair and the office during the
competition, never the other jurors; everyone once the chair publishes it."""

import random

import pytest

from amur.accounts.services import api_token_create
from amur.competitions import integrity, scoring, services
from amur.competitions.models import Conflict, Round
from tests.factories.competitions import (
    CompetitionFactory,
    ContestantFactory,
    DisciplineFactory,
    EditionFactory,
    JurorFactory,
    RoundFactory,
)
from tests.factories.directory import UserFactory
from tests.permissions import asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

PAGE = "/competitions/rounds/{}/integrity/"
API = "/api/v1/competitions/rounds/{}/integrity"


@pytest.fixture
def scene():
    """Organisation A's competition; five jurors (the first chairs), ten contestants, the
    second juror recused for the fourth contestant; the round is closed."""
    c = cast()
    edition = EditionFactory(competition=CompetitionFactory(organiser=c.org_a))
    discipline = DisciplineFactory(edition=edition)
    round_ = RoundFactory(discipline=discipline, quota=4, cap=3)
    jurors = [JurorFactory(edition=edition, is_chair=n == 0) for n in range(5)]
    contestants = [ContestantFactory(discipline=discipline) for _ in range(10)]
    Conflict.objects.create(juror=jurors[1], contestant=contestants[3], reason="teacher")
    rng = random.Random(1)
    for juror in jurors:
        for n, contestant in enumerate(contestants):
            if not (juror == jurors[1] and n == 3):
                value = max(1, min(25, 22 - n + rng.randint(-2, 2)))
                services.score_enter(
                    round_=round_, user=juror.user, contestant=contestant, value=value
                )
        services.sheet_submit(round_=round_, user=juror.user)
    round_ = services.round_close(round_=round_, by=jurors[0].user)
    return c, round_, jurors


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='m')[1]}"}


def user_for(c, jurors, role):
    if role == "chair":
        return jurors[0].user
    if role == "juror":
        return jurors[1].user
    if role == "outsider":
        return UserFactory()
    return getattr(c, role)


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("chair", True),
        ("editor_a", True),
        ("admin_a", True),
        ("staff", True),
        ("juror", False),
        ("member_a", False),
        ("editor_b", False),
        ("outsider", False),
    ],
)
def test_who_sees_an_unpublished_analysis(client, scene, role, sees):
    c, round_, jurors = scene
    user = user_for(c, jurors, role)
    client.force_login(user)

    responses = [
        client.get(PAGE.format(round_.pk)),
        client.get(PAGE.format(round_.pk), {"format": "csv"}),
        client.get(API.format(round_.pk), **bearer(user)),
    ]

    if sees:
        assert [r.status_code for r in responses] == [200, 200, 200]
    else:
        assert [denied(r) for r in responses] == [True, True, True]


def test_anonymous_is_asked_to_log_in_until_published(client, scene):
    _c, round_, _jurors = scene

    assert asks_to_log_in(client.get(PAGE.format(round_.pk)))
    assert client.get(API.format(round_.pk)).status_code == 401


@pytest.mark.parametrize("role", ["juror", "editor_a", "admin_a", "staff", "member_a"])
def test_only_the_chair_publishes(client, scene, role):
    c, round_, jurors = scene
    user = user_for(c, jurors, role)
    client.force_login(user)

    client.post(PAGE.format(round_.pk) + "publish/", {"published": "1"})
    api = client.post(
        API.format(round_.pk) + "/publish",
        {"published": True},
        content_type="application/json",
        **bearer(user),
    )

    assert api.status_code in (404, 409)
    round_.refresh_from_db()
    assert round_.integrity_published is False


def test_the_chair_publishes_and_then_everyone_sees_it_with_the_results(client, scene):
    _c, round_, jurors = scene
    client.force_login(jurors[0].user)

    response = client.post(PAGE.format(round_.pk) + "publish/", {"published": "1"})

    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.integrity_published is True
    client.logout()
    assert client.get(PAGE.format(round_.pk)).status_code == 200
    assert client.get(API.format(round_.pk)).status_code == 200
    results = client.get(f"/competitions/rounds/{round_.pk}/results/").content.decode()
    assert PAGE.format(round_.pk) in results
    client.force_login(jurors[1].user)
    assert client.get(PAGE.format(round_.pk)).status_code == 200
    # The chair withdraws it through the API: hidden again.
    client.force_login(jurors[0].user)
    withdrawn = client.post(
        API.format(round_.pk) + "/publish",
        {"published": False},
        content_type="application/json",
        **bearer(jurors[0].user),
    )
    assert withdrawn.json() == {"published": False}
    client.force_login(jurors[1].user)
    assert client.get(PAGE.format(round_.pk)).status_code == 404


def test_published_but_unclosed_round_stays_hidden(client, scene):
    _c, round_, jurors = scene
    Round.objects.filter(pk=round_.pk).update(status="scoring", integrity_published=True)
    client.force_login(jurors[1].user)

    assert client.get(PAGE.format(round_.pk)).status_code == 404


def test_page_reports_the_round_as_the_functions_compute_it(client, scene):
    c, round_, _jurors = scene
    client.force_login(c.editor_a)

    response = client.get(PAGE.format(round_.pk))

    view = response.context["view"]
    rows = {
        f"c{k}": {
            f"j{j}": v if v in (scoring.RECUSED, scoring.ABSENT) else scoring.Decimal(v)
            for j, v in d["raw"].items()
        }
        for k, d in round_.results["contestants"].items()
    }
    robust = integrity.robustness(rows, method="corrected-mean", cap=round_.cap, quota=4)
    assert robust.baseline.qualified == sorted(f"c{pk}" for pk in round_.results["qualified"])
    assert view["stability"] == robust.stability
    assert len(view["jurors"]) == 5
    assert [t["kind"] for t in view["tests"] if "rivals" in str(t["kind"])]
    assert "not show intent" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "heading", "caveat"),
    [
        ("en", "Integrity analysis", "do not show intent"),
        ("ru", "Анализ оценок жюри", "не доказывают умысла"),
        ("zh-hans", "评委评分分析", "不能证明"),
    ],
)
def test_the_page_explains_itself_in_three_languages(client, scene, language, heading, caveat):
    c, round_, _jurors = scene
    client.force_login(c.editor_a)
    client.cookies["amur_language"] = language

    html = client.get(PAGE.format(round_.pk)).content.decode()

    assert f"<h1>{heading}" in html
    assert caveat in html


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [("csv", "text/csv"), ("xlsx", "application/vnd.openxml"), ("pdf", "application/pdf")],
)
def test_exports(client, scene, fmt, content_type):
    c, round_, _jurors = scene
    client.force_login(c.editor_a)

    response = client.get(PAGE.format(round_.pk), {"format": fmt})

    assert response["Content-Type"].startswith(content_type)
    assert f"round-{round_.pk}-integrity.{fmt}" in response["Content-Disposition"]
    if fmt == "csv":
        lines = response.content.decode().splitlines()
        assert lines[0] == ",".join(integrity.HEADER)
        assert any(line.startswith("rivals,") for line in lines)


def test_a_round_without_results_says_so(client, scene):
    c, round_, _jurors = scene
    planned = RoundFactory(discipline=round_.discipline, order=2, status="planned")
    client.force_login(c.editor_a)

    response = client.get(PAGE.format(planned.pk))

    assert response.status_code == 200
    assert response.context["view"] is None
    assert client.get(API.format(planned.pk), **bearer(c.editor_a)).status_code == 404

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The organiser's office: fees, confirmation of qualifiers; the chair's names switch."""

from decimal import Decimal as D

import pytest

from amur.accounts.services import api_token_create
from amur.competitions import services
from amur.competitions.models import Contestant, Round
from amur.core.models import AuditEntry
from tests.factories.competitions import (
    CompetitionFactory,
    ContestantFactory,
    DisciplineFactory,
    JurorFactory,
    RoundFactory,
)
from tests.permissions import Snapshot, cast, denied

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    c = cast()
    discipline = DisciplineFactory(edition__competition=CompetitionFactory(organiser=c.org_a))
    edition = discipline.edition
    first = RoundFactory(discipline=discipline, order=1, quota=2)
    final = RoundFactory(
        discipline=discipline, order=2, quota=1, status="planned", name_en="Final", weights=[30, 70]
    )
    jurors = [JurorFactory(edition=edition, is_chair=n == 0) for n in range(3)]
    contestants = [ContestantFactory(discipline=discipline, name=f"Имя {n}") for n in range(3)]
    return c, first, final, jurors, contestants


def close(round_, jurors, contestants, table):
    for j, juror in enumerate(jurors):
        for c, contestant in enumerate(contestants):
            services.score_enter(
                round_=round_, user=juror.user, contestant=contestant, value=D(table[c][j])
            )
        services.sheet_submit(round_=round_, user=juror.user)
    return services.round_close(round_=round_, by=jurors[0].user)


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user, name='t')[1]}"}


def test_fee_paid_records_who_and_when_with_an_audit_row(scene):
    c, _first, _final, _jurors, contestants = scene

    paid = services.fee_mark_paid(contestant=contestants[0], by=c.editor_a)

    assert (paid.fee_paid, paid.fee_paid_by) == (True, c.editor_a)
    assert paid.fee_paid_at is not None
    entry = AuditEntry.objects.get(action="competition.fee")
    assert (entry.actor, entry.new, entry.old["fee_paid"]) == (
        c.editor_a,
        {"fee_paid": True},
        False,
    )


def test_office_marks_the_fee_paid_on_its_page(client, scene):
    c, first, _final, _jurors, contestants = scene
    client.force_login(c.editor_a)

    client.post(f"/competitions/applications/{contestants[1].pk}/fee/", {"paid": "1"})
    page = client.get(f"/competitions/editions/{first.discipline.edition_id}/office/")

    contestants[1].refresh_from_db()
    assert contestants[1].fee_paid_by == c.editor_a
    assert "paid, recorded by editor_a on" in page.content.decode()


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Competition office"), ("ru", "Дирекция конкурса"), ("zh-hans", "比赛办公室")],
)
def test_office_page_in_three_languages(client, scene, language, heading):
    c, first, _final, _jurors, _contestants = scene
    client.force_login(c.editor_a)
    client.cookies["amur_language"] = language

    response = client.get(f"/competitions/editions/{first.discipline.edition_id}/office/")

    assert f"<h1>{heading}:" in response.content.decode()
    assert len(response.context["rows"]) == 3


def test_office_page_query_count_does_not_grow_with_applications(
    client, scene, django_assert_max_num_queries
):
    c, first, _final, _jurors, _contestants = scene
    client.force_login(c.editor_a)
    url = f"/competitions/editions/{first.discipline.edition_id}/office/"
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(5):
        ContestantFactory(discipline=first.discipline)

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_qualifiers_are_confirmed_by_the_office_after_the_chair_closes(scene):
    c, first, final, jurors, contestants = scene

    with pytest.raises(services.CompetitionsError, match="closed by the chair"):
        services.round_confirm(round_=first, by=c.editor_a)
    close(first, jurors, contestants, [[20, 20, 20], [18, 18, 18], [15, 15, 15]])
    with pytest.raises(services.CompetitionsError, match="previous round must be confirmed"):
        services.round_open(round_=final, by=c.editor_a)
    confirmed = services.round_confirm(round_=first, by=c.editor_a)
    opened = services.round_open(round_=final, by=c.editor_a)

    assert (confirmed.status, confirmed.confirmed_by) == ("confirmed", c.editor_a)
    assert opened.status == "scoring"
    assert AuditEntry.objects.get(action="competition.round_confirm").new == {
        "qualified": [contestants[0].pk, contestants[1].pk]
    }


def test_confirmation_page_and_api(client, scene):
    c, first, _final, jurors, contestants = scene
    close(first, jurors, contestants, [[20, 20, 20], [18, 18, 18], [15, 15, 15]])
    client.force_login(c.editor_a)

    page = client.get(f"/competitions/rounds/{first.pk}/office/")
    response = client.post(f"/api/v1/competitions/rounds/{first.pk}/confirm", **bearer(c.editor_a))
    again = client.post(f"/api/v1/competitions/rounds/{first.pk}/confirm", **bearer(c.editor_a))

    assert [r["contestant"] for r in page.context["qualified"]] == contestants[:2]
    assert response.json() == {
        "id": first.pk,
        "status": "confirmed",
        "names_revealed": False,
        "qualified": [contestants[0].pk, contestants[1].pk],
    }
    assert again.status_code == 409


@pytest.mark.parametrize("role", ["editor_b", "member_a", "juror"])
def test_outsiders_and_jurors_cannot_mark_fees_or_confirm(client, scene, role):
    c, first, final, jurors, contestants = scene
    close(first, jurors, contestants, [[20, 20, 20], [18, 18, 18], [15, 15, 15]])
    user = jurors[0].user if role == "juror" else getattr(c, role)
    client.force_login(user)
    before, rounds = Snapshot(Contestant), Snapshot(Round)

    responses = [
        client.get(f"/competitions/editions/{first.discipline.edition_id}/office/"),
        client.post(f"/competitions/applications/{contestants[0].pk}/fee/", {"paid": "1"}),
        client.post(f"/competitions/applications/{contestants[0].pk}/status/", {"to": "withdrawn"}),
        client.get(f"/competitions/rounds/{first.pk}/office/"),
        client.post(f"/competitions/rounds/{first.pk}/confirm/"),
        client.post(f"/competitions/rounds/{final.pk}/open/"),
        client.post(
            f"/api/v1/competitions/applications/{contestants[0].pk}/fee",
            {"paid": True},
            content_type="application/json",
            **bearer(user),
        ),
        client.post(f"/api/v1/competitions/rounds/{first.pk}/confirm", **bearer(user)),
        client.post(f"/api/v1/competitions/rounds/{final.pk}/open", **bearer(user)),
    ]

    assert [denied(r) for r in responses] == [True] * 9
    assert before.unchanged()
    assert rounds.unchanged()


def test_office_changes_an_application_status_with_a_reason(client, scene):
    c, _first, _final, _jurors, _contestants = scene
    contestant = ContestantFactory(discipline=_first.discipline, status="submitted")
    client.force_login(c.editor_a)

    client.post(
        f"/competitions/applications/{contestant.pk}/status/", {"to": "ineligible", "reason": "age"}
    )

    contestant.refresh_from_db()
    assert contestant.status == "ineligible"


def test_jurors_see_numbers_only_until_the_chair_reveals_the_names(client, scene):
    _c, first, _final, jurors, _contestants = scene
    client.force_login(jurors[1].user)
    sheet = f"/competitions/rounds/{first.pk}/sheet/"

    hidden = client.get(sheet).content.decode()
    refused = client.post(f"/competitions/rounds/{first.pk}/reveal/", {"revealed": "1"})
    still_hidden = client.get(sheet).content.decode()
    client.force_login(jurors[0].user)
    client.post(f"/competitions/rounds/{first.pk}/reveal/", {"revealed": "1"})
    client.force_login(jurors[1].user)
    shown = client.get(sheet).content.decode()

    assert "Имя 0" not in hidden
    assert refused.status_code == 302
    assert "Имя 0" not in still_hidden
    assert "Имя 0" in shown
    assert AuditEntry.objects.filter(action="competition.names_revealed").count() == 1


def test_names_switch_through_the_api_is_the_chairs(client, scene):
    c, first, _final, jurors, _contestants = scene
    url = f"/api/v1/competitions/rounds/{first.pk}/reveal"

    juror = client.post(
        url, {"revealed": True}, content_type="application/json", **bearer(jurors[1].user)
    )
    outsider = client.post(
        url, {"revealed": True}, content_type="application/json", **bearer(c.editor_b)
    )
    chair = client.post(
        url, {"revealed": True}, content_type="application/json", **bearer(jurors[0].user)
    )

    assert (juror.status_code, outsider.status_code) == (409, 404)
    assert chair.json()["names_revealed"] is True

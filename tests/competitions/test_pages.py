# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest
from django.core.management import call_command

from amur.competitions.models import Juror, Round, Score

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo", only=["core", "directory", "competitions"], verbosity=0)
    return Round.objects.get(discipline__key="violin", discipline__edition__year=2025, order=1)


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Results"), ("ru", "Результаты"), ("zh-hans", "结果")]
)
def test_published_results_with_full_score_tables_in_three_languages(
    client, demo, language, heading
):
    client.cookies["amur_language"] = language

    response = client.get(f"/competitions/rounds/{demo.pk}/results/")

    html = response.content.decode()
    assert f"<h1>{heading}" in html
    assert len(response.context["rows"]) == 10
    assert "S" in [cell for row in response.context["rows"] for cell in row["raw"]]


def test_results_csv_lists_the_ranking(client, demo):
    lines = (
        client.get(f"/competitions/rounds/{demo.pk}/results/", {"format": "csv"})
        .content.decode()
        .splitlines()
    )

    assert lines[0] == "rank,number,contestant,stage_score,cumulative,qualified"
    assert len(lines) == 11


def test_unclosed_round_has_no_public_results(client, demo):
    final = Round.objects.get(discipline__key="violin", discipline__edition__year=2027, order=3)

    assert client.get(f"/competitions/rounds/{final.pk}/results/").status_code == 404


def test_jury_sheet_shows_numbers_and_marks_recusals(client, demo):
    chair = Juror.objects.get(edition=demo.discipline.edition, is_chair=True)
    client.force_login(chair.user)

    html = client.get(f"/competitions/rounds/{demo.pk}/sheet/").content.decode()

    assert "S (recused)" in html
    assert "李明轩" not in html  # names hidden until the chair reveals them


def test_outsider_has_no_jury_sheet_and_stores_nothing(client, demo):
    from tests.factories.directory import UserFactory

    client.force_login(UserFactory())
    before = Score.objects.count()

    page = client.get(f"/competitions/rounds/{demo.pk}/sheet/")
    post = client.post(f"/competitions/rounds/{demo.pk}/sheet/", {"c1": "20"})
    close = client.post(f"/competitions/rounds/{demo.pk}/close/")

    assert page.status_code == 404
    assert post.status_code == 404
    assert close.status_code == 302
    assert Score.objects.count() == before


def test_demo_is_idempotent_and_every_programme_fits_its_round(demo):
    from amur.competitions import services
    from amur.competitions.models import Contestant, Document, Piece, PrizeAllocation

    counts = [m.objects.count() for m in (Contestant, Piece, Document, Score, PrizeAllocation)]
    call_command("demo", only=["core", "directory", "competitions"], verbosity=0)

    assert [m.objects.count() for m in (Contestant, Piece, Document, Score, PrizeAllocation)] == (
        counts
    )
    assert [
        (c.name_latin, services.application_gaps(c))
        for c in Contestant.objects.filter(status="submitted")
    ] == [(c.name_latin, []) for c in Contestant.objects.filter(status="submitted")]
    final = Round.objects.get(discipline__key="violin", discipline__edition__year=2025, order=2)
    assert (final.status, final.names_revealed) == ("closed", True)
    assert PrizeAllocation.objects.get(round=final).status == "accepted"

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from decimal import Decimal as D

import pytest

from amur.competitions import scoring, services
from amur.competitions.models import Conflict, Score, ScoreChange
from amur.core.models import AuditEntry
from tests.factories.competitions import (
    ContestantFactory,
    DisciplineFactory,
    JurorFactory,
    RoundFactory,
)
from tests.factories.directory import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jury():
    discipline = DisciplineFactory()
    edition = discipline.edition
    round_ = RoundFactory(discipline=discipline, quota=2)
    jurors = [JurorFactory(edition=edition, is_chair=(n == 0)) for n in range(5)]
    contestants = [ContestantFactory(discipline=discipline) for _ in range(3)]
    Conflict.objects.create(juror=jurors[2], contestant=contestants[0], reason="teacher")
    return round_, jurors, contestants


def enter(round_, juror, contestant, value):
    return services.score_enter(
        round_=round_, user=juror.user, contestant=contestant, value=D(value)
    )


def test_recused_juror_cannot_score_and_nothing_is_stored(jury):
    round_, jurors, contestants = jury

    with pytest.raises(services.CompetitionsError, match="recused"):
        enter(round_, jurors[2], contestants[0], 20)

    assert Score.objects.count() == 0
    assert ScoreChange.objects.count() == 0


def test_scores_off_the_scale_or_step_are_refused(jury):
    round_, jurors, contestants = jury

    with pytest.raises(services.CompetitionsError, match="between"):
        enter(round_, jurors[0], contestants[0], 26)
    with pytest.raises(services.CompetitionsError, match="between"):
        enter(round_, jurors[0], contestants[0], "20.5")


def test_a_juror_cannot_read_another_sheet_before_the_round_closes(jury):
    round_, jurors, contestants = jury
    enter(round_, jurors[1], contestants[1], 20)

    own = services.sheet_read(round_=round_, user=jurors[1].user, juror=jurors[1])
    with pytest.raises(services.CompetitionsError, match="stay closed"):
        services.sheet_read(round_=round_, user=jurors[3].user, juror=jurors[1])

    assert own == {contestants[1].pk: D(20)}


def test_a_submitted_sheet_changes_only_after_the_chair_reopens_it_with_an_audit_row(jury):
    round_, jurors, contestants = jury
    enter(round_, jurors[1], contestants[1], 20)
    sheet = services.sheet_submit(round_=round_, user=jurors[1].user)

    with pytest.raises(services.CompetitionsError, match="only the chair"):
        enter(round_, jurors[1], contestants[1], 21)
    with pytest.raises(services.CompetitionsError, match="Only the chair"):
        services.sheet_reopen(sheet=sheet, by=jurors[1].user, reason="typo")
    services.sheet_reopen(sheet=sheet, by=jurors[0].user, reason="typo on number 2")
    enter(round_, jurors[1], contestants[1], 21)

    changes = list(
        ScoreChange.objects.filter(contestant=contestants[1]).values_list("old", "new", "by")
    )
    assert changes == [(None, D(20), jurors[1].user.pk), (D(20), D(21), jurors[1].user.pk)]
    assert AuditEntry.objects.get(action="competition.sheet_reopen").reason == "typo on number 2"


def test_closing_the_round_computes_results_over_eligible_jurors_only(jury):
    round_, jurors, contestants = jury
    table = {0: [20, 21, None, 25, 19], 1: [18, 18, 17, 10, 18], 2: [22, 22, 22, 22, 22]}
    for c, values in table.items():
        for j, value in enumerate(values):
            if value is not None:
                enter(round_, jurors[j], contestants[c], value)
    for juror in jurors:
        services.sheet_submit(round_=round_, user=juror.user)

    closed = services.round_close(round_=round_, by=jurors[0].user)

    results = closed.results["contestants"]
    first = results[str(contestants[0].pk)]
    assert first["stage"] == str(
        scoring.corrected_mean({"a": D(20), "b": D(21), "c": "S", "d": D(25), "e": D(19)}, 3)
    )
    assert first["raw"][str(jurors[2].pk)] == "S"
    assert str(jurors[2].pk) not in first["corrected"]
    assert [results[str(c.pk)]["rank"] for c in contestants] == [2, 3, 1]
    assert closed.results["qualified"] == [contestants[2].pk, contestants[0].pk]


def test_only_the_chair_closes_and_only_when_every_sheet_is_in(jury):
    round_, jurors, _contestants = jury
    services.sheet_submit(round_=round_, user=jurors[1].user)

    with pytest.raises(services.CompetitionsError, match="Only the chair"):
        services.round_close(round_=round_, by=jurors[1].user)
    services.sheet_submit(round_=round_, user=jurors[0].user)
    with pytest.raises(services.CompetitionsError, match="submit their sheet"):
        services.round_close(round_=round_, by=jurors[0].user)


def test_teachers_named_in_applications_propose_conflicts(jury):
    round_, _jurors, contestants = jury
    teacher = PersonFactory(name="Захар Брон", name_latin="Zakhar Bron")
    juror = JurorFactory(edition=round_.discipline.edition, person=teacher)
    contestants[1].teachers = [{"name": "Захар Брон", "from": 2019, "to": 2024}]
    contestants[1].save()

    proposed = services.conflicts_propose(edition=round_.discipline.edition)

    assert [(c.juror, c.contestant) for c in proposed] == [(juror, contestants[1])]

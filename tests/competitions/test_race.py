# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The round is the parent of its sheets (amur/competitions/locking.py): a sheet reopened
while the chair closes the round is reopened before the close (which is then refused) or
refused after it, never left open in a closed round."""

import threading
from decimal import Decimal as D

import pytest
from django.db import transaction

from amur.competitions import services
from amur.competitions.models import Round, Sheet
from tests.factories.competitions import (
    ContestantFactory,
    DisciplineFactory,
    JurorFactory,
    RoundFactory,
)
from tests.pg import postgres_only
from tests.pg import race as pg_race

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def _every_sheet_in():
    discipline = DisciplineFactory()
    round_ = RoundFactory(discipline=discipline, quota=1)
    jurors = [JurorFactory(edition=discipline.edition, is_chair=(n == 0)) for n in range(3)]
    contestant = ContestantFactory(discipline=discipline)
    for juror in jurors:
        services.score_enter(round_=round_, user=juror.user, contestant=contestant, value=D(20))
        services.sheet_submit(round_=round_, user=juror.user)
    sheet = Sheet.objects.get(round=round_, juror=jurors[1])
    return round_, jurors[0].user, sheet


def test_a_sheet_reopened_while_the_round_closes_is_never_left_open_in_a_closed_round():
    round_, chair, sheet = _every_sheet_in()

    def worker(n):
        try:
            if n == 0:
                return services.round_close(round_=round_, by=chair)
            return services.sheet_reopen(sheet=sheet, by=chair, reason="typo on number 1")
        except services.CompetitionsError as exc:
            return str(exc)

    outcomes = pg_race(worker, 2)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    round_.refresh_from_db()
    sheet.refresh_from_db()
    if round_.status == "closed":  # closed first: the reopening came too late
        assert sheet.submitted_at is not None
        assert "This round is not being scored." in outcomes
    else:  # reopened first: the close waits for the sheet to be submitted again
        assert sheet.submitted_at is None
        assert "Every juror must submit their sheet first." in outcomes


def test_negative_control_a_reopening_that_read_the_round_before_the_close_reopens_it_after():
    """The reopening checks that the round is being scored, the close commits, then the
    reopening writes: without the round's lock the closed round has an open sheet."""
    round_, chair, sheet = _every_sheet_in()
    looked = threading.Barrier(2)

    def naive_reopen():
        with transaction.atomic():
            assert Round.objects.get(pk=round_.pk).status == "scoring"
            looked.wait()
            looked.wait()  # the close has committed
            Sheet.objects.filter(pk=sheet.pk).update(submitted_at=None)

    def close():
        looked.wait()
        services.round_close(round_=round_, by=chair)
        looked.wait()

    outcomes = pg_race(lambda n: naive_reopen() if n == 0 else close(), 2)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    round_.refresh_from_db()
    sheet.refresh_from_db()
    assert (round_.status, sheet.submitted_at) == ("closed", None)

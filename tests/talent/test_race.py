# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The need is the parent of its shortlist (amur/talent/locking.py): candidates contracted
at once never fill more places than the need's headcount."""

import threading

import pytest
from django.db import transaction
from django.utils import timezone

from amur.talent import services
from amur.talent.models import Candidate
from tests.factories.talent import need, talent
from tests.pg import postgres_only
from tests.pg import race as pg_race

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]
N = 6


def _agreed_candidates():
    stated = need(kind="job", headcount=1)
    candidates = [
        Candidate.objects.create(
            need=stated,
            profile=talent(),
            stage="agreed",
            declaration_confirmed_at=timezone.now(),
        )
        for _ in range(N)
    ]
    return stated, candidates


def test_candidates_contracted_at_once_never_exceed_the_headcount():
    stated, candidates = _agreed_candidates()

    def worker(n):
        try:
            return services.candidate_advance(candidate=candidates[n], stage="contracted", by=None)
        except services.TalentError as exc:
            return str(exc)

    outcomes = pg_race(worker, N)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert Candidate.objects.filter(need=stated, stage="contracted").count() == 1
    assert outcomes.count("The need's headcount is already filled.") == N - 1


def test_negative_control_counting_under_the_candidates_own_lock_overfills_the_need():
    """Each contracting locks only its own candidate, counts the need's contracted people,
    then writes: without the need's lock every one of them sees a free place."""
    stated, candidates = _agreed_candidates()
    looked = threading.Barrier(N)

    def naive(n):
        with transaction.atomic():
            candidate = Candidate.objects.select_for_update(of=("self",)).get(pk=candidates[n].pk)
            filled = services.need_filled(stated)
            looked.wait()
            if filled < stated.headcount:
                Candidate.objects.filter(pk=candidate.pk).update(stage="contracted")

    pg_race(naive, N)

    assert Candidate.objects.filter(need=stated, stage="contracted").count() > 1


def test_two_translation_sweeps_at_once_open_each_task_once():
    """The daily sweep started on two machines at once: one waits for the other and then
    finds every task open, instead of opening a second task for the same text."""
    from amur.talent.models import Task
    from tests.factories.directory import OrganisationFactory

    for n in range(3):
        OrganisationFactory(
            description_ru=f"Колледж {n} готовит сварщиков.", description_en="", description_zh=""
        )

    outcomes = pg_race(lambda n: services.translation_sweep(), 2)

    assert sorted(outcomes) == [0, 6]
    opened = Task.objects.filter(content_type="directory.organisation")
    assert opened.count() == 6
    assert opened.values("content_id", "target_language").distinct().count() == 6

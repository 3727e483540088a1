# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The demo edition's jury gives the integrity analysis something to find."""

import pytest
from django.core.management import call_command

from amur.competitions import services
from amur.competitions.demo import JURY, POLARISING, STRATEGIC
from amur.competitions.models import Round

pytestmark = pytest.mark.django_db


@pytest.fixture
def found():
    call_command("demo", only=["core", "directory", "competitions"], verbosity=0)
    round_ = Round.objects.get(discipline__key="violin", discipline__edition__year=2025, order=1)
    return services.round_audit(round_)


def test_the_juror_who_marks_down_their_students_rivals_stands_out(found):
    strategic = JURY[STRATEGIC][1]
    rivals = {found.name(t.juror): t for t in found.audit.tests if t.kind == "rivals"}

    assert rivals[strategic].difference < 0
    assert rivals[strategic].p_value < 0.05
    assert [name for name, t in rivals.items() if t.notable] == [strategic]


def test_the_polarising_juror_has_the_widest_spread_is_clamped_most_and_decides_most(found):
    profiles = {found.name(p.juror): p for p in found.audit.profiles}
    polarising = profiles[JURY[POLARISING][1]]

    assert polarising.spread == max(p.spread for p in profiles.values())
    assert polarising.clamped == max(p.clamped for p in profiles.values())
    hinges = [j for p in found.audit.polarisation for j in p.hinges_on]
    counts = {found.name(j): hinges.count(j) for j in set(hinges)}
    assert counts[JURY[POLARISING][1]] == max(counts.values())

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""With the demo loaded, the dashboard tells the research's story (issue 18, part 10).

One test per picture, because loading the whole demo is the slow part."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from amur.observatory.selectors import Slice
from amur.observatory.summary import dashboard_for

pytestmark = pytest.mark.django_db


def _cards():
    cards, findings = dashboard_for(Slice(), AnonymousUser())
    return {c.key: c for c in cards}, findings


def test_the_demo_dashboard_tells_the_researchs_story():
    call_command("demo", scale=1, verbosity=0)

    cards, findings = _cards()

    # Most activity in Harbin and the border ports.
    places = cards["concentration"]
    counts = {row[0]: row[2] for row in places.rows}
    assert max(counts, key=counts.get) == "Harbin"
    assert places.extra["harbin_share"] + places.extra["border_share"] > 0.8
    assert places.extra["theil"]["between"] > 0
    # Music, fine arts and education strong; libraries weak.
    fields = {row[0]: row[1] for row in cards["field_diversity"].rows}
    ranked = sorted(fields, key=fields.get, reverse=True)
    assert {"Music", "Fine arts", "Education"} <= set(ranked[:4])
    assert fields["Libraries and archives"] < fields["Music"] / 5
    # Folk share low; more Russian works shown in China than Chinese in Russia; one-way
    # flows and the conservatory's experts below target among the findings.
    assert cards["folk_share"].value < 0.2
    assert cards["event_balance"].value < 0
    assert {"folk_low", "one_way", "experts_below"} <= {f["key"] for f in findings}


def test_the_picture_moves_with_the_synthetic_population():
    call_command("demo", scale=1, verbosity=0)
    before, _findings = _cards()

    call_command("demo", scale=2, verbosity=0)
    after, _findings = _cards()

    assert after["events"].n == before["events"].n + 400
    assert after["concentration"].n > before["concentration"].n

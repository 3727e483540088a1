# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from decimal import Decimal

import pytest
from django.core.management import call_command

from amur.mobility.models import LearningAgreementVersion, Mobility

pytestmark = pytest.mark.django_db


def load():
    call_command("demo", only=["core", "directory", "accounts", "mobility"], verbosity=0)


def test_demo_mobilities_go_both_ways_and_load_twice_unchanged():
    load()
    before = (Mobility.objects.count(), LearningAgreementVersion.objects.count())

    load()

    assert (Mobility.objects.count(), LearningAgreementVersion.objects.count()) == before
    countries = {
        (m.sending.place.country_code, m.receiving.place.country_code)
        for m in Mobility.objects.select_related("sending__place", "receiving__place")
    }
    assert {("CN", "RU"), ("RU", "CN")} <= countries


def test_demo_has_a_stay_of_every_kind_and_conditions_of_every_kind():
    from amur.mobility.enums import CallKind
    from amur.mobility.models import Condition

    load()

    assert set(Mobility.objects.values_list("kind", flat=True)) == set(CallKind.values)
    for people in ("students", "trainees", "staff", "training_staff"):
        assert Condition.objects.filter(**{f"{people}__gt": 0}).exists(), people


def test_demo_learning_agreement_has_an_agreed_version_and_an_open_change():
    load()

    stay = Mobility.objects.get(person__name="陈思远")

    assert [(v.number, v.agreed, v.open) for v in stay.la_versions.all()] == [
        (1, True, False),
        (2, False, True),
    ]


def test_demo_finished_stay_is_recognised_in_chinese_credits():
    load()

    stay = Mobility.objects.get(person__name="赵雨桐")

    assert [(line.home_credits, line.home_grade) for line in stay.recognition.lines.all()] == [
        (Decimal("13.5"), "95"),
        (Decimal("6.8"), "75"),
    ]


def test_demo_harbin_joint_programme_has_a_teaching_plan_and_cohorts():
    from amur.mobility.models import JointProgramme
    from amur.mobility.services import programme_plan

    load()

    programme = JointProgramme.objects.get(owner__slug="harbin-conservatory")
    plan = programme_plan(programme)
    assert [p.slug for p, _rule, _label in plan["partners"]] == [
        "harbin-conservatory",
        "spb-conservatory",
    ]
    assert plan["hours"] == 884
    assert [c.enrolments.count() for c in programme.cohorts.all()] == [2, 3]


def test_demo_seats_of_the_petersburg_memorandum_are_partly_used():
    from amur.mobility.selectors import seats

    load()

    used = {
        (r["sending"].slug, r["receiving"].slug): (r["students_used"], r["students_agreed"])
        for r in seats(academic_year="2026/2027")
        if r["agreement"].title_en.endswith("St. Petersburg Conservatory")
    }
    assert used == {
        ("harbin-conservatory", "spb-conservatory"): (1, 4),
        ("spb-conservatory", "harbin-conservatory"): (1, 4),
    }


def test_demo_agreements_are_reminded_ninety_days_before_their_ends():
    from datetime import date

    from amur.mobility.services import agreement_reminders_send

    load()

    # The Harbin–Khabarovsk framework ends on 31 December 2026: 90-day reminder on 29 November
    # (first seen 32 days before), 30-day one on 1 December; the Heihe–Herzen exchange ends on
    # 28 February 2027, 90 days after 30 November.
    days = [date(2026, 11, 29), date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)]
    assert [agreement_reminders_send(today=day) for day in days] == [1, 1, 1, 0]

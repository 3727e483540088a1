# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Joint programmes: teaching plans with credits in each partner's system, enrolments."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.core.audit import audit_record
from amur.core.validators import email_clean, fields_clean
from amur.mobility import rules as mobility_rules
from amur.mobility.conversion import CreditRule
from amur.mobility.enums import CreditSystem
from amur.mobility.services.errors import MobilityError
from amur.mobility.services.recognition import credit_rule_for

# Joint programmes ------------------------------------------------------------------------


def programme_plan(programme) -> dict:
    """The teaching plan with each course's credits in every partner's own system.

    Hours are what a plan states; credits follow from each partner's hours-per-credit rule
    (``credit_rule_for``), so one 72-hour course is 4.5 Chinese credits at a 16-hour school
    and 2 зачётные единицы at a Russian one.
    """
    partners = list(programme.partners.select_related("place", "credit_rule").order_by("id"))
    rules_ = {p.pk: credit_rule_for(p) for p in partners}
    rows, totals = [], {p.pk: Decimal(0) for p in partners}
    for course in programme.courses.select_related("teacher"):
        credits = [
            (hours_to_credits(course.hours, rules_[p.pk]), rules_[p.pk].system) for p in partners
        ]
        for partner, (value, _system) in zip(partners, credits, strict=True):
            totals[partner.pk] += value
        rows.append({"course": course, "credits": credits})
    return {
        "partners": [(p, rules_[p.pk], CreditSystem(rules_[p.pk].system).label) for p in partners],
        "rows": rows,
        "totals": [totals[p.pk] for p in partners],
        "hours": sum(row["course"].hours for row in rows),
    }


def hours_to_credits(hours, rule: CreditRule) -> Decimal:
    return (Decimal(hours) / rule.hours_per_credit).quantize(Decimal("0.1"), ROUND_HALF_UP)


# A teaching plan's limits, as its form shows them: twelve semesters (six years), at most
# 2000 hours a course, taught in one of the site's three languages.
SEMESTERS = 12
COURSE_HOURS_MAX = 2000
TEACHING_LANGUAGES = ("zh", "ru", "en")


def _programme_editor(by, programme) -> bool:
    return mobility_rules.acts_as_editor.test(by, programme)


@transaction.atomic
def programme_course_add(
    *,
    programme,
    by,
    code: str,
    semester: int,
    hours: int,
    language: str,
    teacher,
    title_zh: str = "",
    title_ru: str = "",
    title_en: str = "",
):
    """The managing partner adds a course to the teaching plan, taught by one partner."""
    from amur.mobility.models import ProgrammeCourse

    if not _programme_editor(by, programme):
        raise MobilityError(_("Only the managing partner edits the teaching plan."))
    if not programme.partners.filter(pk=teacher.pk).exists():
        raise MobilityError(_("A course is taught by one of the programme's partners."))
    course = ProgrammeCourse(
        programme=programme,
        code=code.strip(),
        semester=semester,
        hours=hours,
        language=language,
        teacher=teacher,
        title_zh=title_zh.strip(),
        title_ru=title_ru.strip(),
        title_en=title_en.strip(),
    )
    if not course.code:
        raise MobilityError(_("A course needs a code."))
    if not (course.title_zh or course.title_ru or course.title_en):
        raise MobilityError(_("A course needs a title in at least one language."))
    if not 1 <= semester <= SEMESTERS:
        raise MobilityError(_("A semester is numbered from 1 to 12."))
    if not 1 <= hours <= COURSE_HOURS_MAX:
        raise MobilityError(_("A course has from 1 to 2000 hours."))
    if language not in TEACHING_LANGUAGES:
        raise MobilityError(_("A course is taught in Chinese, Russian or English."))
    fields_clean(course, ["code", "title_zh", "title_ru", "title_en"])
    if ProgrammeCourse.objects.filter(programme=programme, code=course.code).exists():
        raise MobilityError(_("This course code is already in the plan."))
    course.save()
    audit_record(
        actor=by, action="mobility.programme_course", obj=course, organisation_id=programme.owner_id
    )
    return course


@transaction.atomic
def enrolment_create(*, cohort, person, home, by, enrolled_on=None):
    """A partner enrols one of its students in a cohort (each person once per cohort)."""
    from amur.mobility.models import Enrolment

    programme = cohort.programme
    if not programme.partners.filter(pk=home.pk).exists():
        raise MobilityError(_("Students are enrolled through one of the programme's partners."))
    if not mobility_rules.acts_as_editor.test(by, home):
        raise MobilityError(_("Each partner enrols its own students."))
    if Enrolment.objects.filter(cohort=cohort, person=person).exists():
        raise MobilityError(_("This person is already enrolled in the cohort."))
    enrolment = Enrolment.objects.create(
        cohort=cohort, person=person, home=home, enrolled_on=enrolled_on or timezone.localdate()
    )
    audit_record(actor=by, action="mobility.enrol", obj=enrolment, organisation_id=home.pk)
    return enrolment


def script_of(name: str) -> str:
    """The script a name is written in, as the directory records it."""
    if any("\u4e00" <= ch <= "\u9fff" for ch in name):
        return "han"
    if any("\u0400" <= ch <= "\u04ff" for ch in name):
        return "cyrillic"
    return "latin"


@transaction.atomic
def enrolment_create_for_name(*, cohort, home, by, name: str, email: str, name_latin: str = ""):
    """Enrol a student found (or recorded) in the directory by name and e-mail."""
    from amur.directory.services import person_ensure

    if not mobility_rules.acts_as_editor.test(by, home):
        raise MobilityError(_("Each partner enrols its own students."))
    person = person_ensure(
        name=name.strip(),
        email=email_clean(email),
        script=script_of(name),
        name_latin=name_latin.strip(),
        listed=False,
    )
    return enrolment_create(cohort=cohort, person=person, home=home, by=by)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Mobility API: joint programmes, their courses and enrolments."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from amur.core.api import (
    WRITE_ERRORS,
    ErrorOut,
    Pagination,
    require_perm,
)
from amur.core.pagecache import ALL, public_api
from amur.directory.models import Person
from amur.directory.selectors import organisation_get_for
from amur.mobility import selectors, services
from amur.mobility.models import (
    JointProgramme,
)

router = Router(tags=["mobility"])


class ProgrammeFields(Schema):
    id: int
    kind: str
    title_zh: str
    title_ru: str
    title_en: str
    owner: int
    partners: list[int]
    eqf_level: int | None


class ProgrammeOut(ProgrammeFields):
    @staticmethod
    def resolve_owner(obj):
        return obj.owner_id

    @staticmethod
    def resolve_partners(obj):
        return [p.pk for p in obj.partners.all()]


class PartnerCreditsOut(Schema):
    partner: int
    system: str
    credits: Decimal


class CourseOut(Schema):
    id: int
    code: str
    title_zh: str
    title_ru: str
    title_en: str
    semester: int
    hours: int
    language: str
    teacher: int
    credits: list[PartnerCreditsOut]


class ProgrammeDetailOut(ProgrammeFields):
    teaching_plan: list[CourseOut]
    cohorts: list[dict]


class CourseIn(Schema):
    code: str
    title_zh: str = ""
    title_ru: str = ""
    title_en: str = ""
    semester: int
    hours: int
    language: str
    teacher: int


class EnrolmentIn(Schema):
    person: int
    home: int


class EnrolmentOut(Schema):
    id: int
    cohort: int
    person: int
    home: int
    status: str

    @staticmethod
    def resolve_cohort(obj):
        return obj.cohort_id

    @staticmethod
    def resolve_person(obj):
        return obj.person_id

    @staticmethod
    def resolve_home(obj):
        return obj.home_id


@router.get("/programmes", response=list[ProgrammeOut])
@public_api(*ALL)
@paginate(Pagination)
def programme_list(request):
    return JointProgramme.objects.prefetch_related("partners").order_by("id")


@router.get("/programmes/{pk}", response={200: ProgrammeDetailOut, 404: ErrorOut})
def programme_detail(request, pk: int):
    """The teaching plan with each course's credits in every partner's system; cohort sizes."""
    programme = selectors.programme_get_for(request.user, pk=pk)
    plan = services.programme_plan(programme)
    partners = [partner for partner, _rule, _label in plan["partners"]]
    return {
        **ProgrammeOut.from_orm(programme).dict(),
        "teaching_plan": [
            {
                **_course_fields(row["course"]),
                "id": row["course"].pk,
                "credits": [
                    {"partner": p.pk, "system": system, "credits": value}
                    for p, (value, system) in zip(partners, row["credits"], strict=True)
                ],
            }
            for row in plan["rows"]
        ],
        "cohorts": [
            {
                "id": c.pk,
                "intake_year": c.intake_year,
                "name": c.name,
                "students": c.enrolments.count(),
            }
            for c in programme.cohorts.all()
        ],
    }


def _course_fields(course) -> dict:
    names = ("code", "title_zh", "title_ru", "title_en", "semester", "hours", "language")
    return {**{name: getattr(course, name) for name in names}, "teacher": course.teacher_id}


@router.post(
    "/programmes/{pk}/courses",
    response={201: CourseOut, **WRITE_ERRORS},
)
def programme_course_add(request, pk: int, payload: CourseIn):
    """The managing partner adds a course; the answer carries its credits per partner."""
    programme = selectors.programme_get_for(request.user, pk=pk)
    require_perm(request, "mobility.manage_programme", programme)
    teacher = organisation_get_for(request.user, pk=payload.teacher)
    course = services.programme_course_add(
        programme=programme,
        by=request.user,
        teacher=teacher,
        **payload.dict(exclude={"teacher"}),
    )
    credits = [
        {
            "partner": p.pk,
            "system": rule.system,
            "credits": services.hours_to_credits(course.hours, rule),
        }
        for p in programme.partners.order_by("id")
        for rule in [services.credit_rule_for(p)]
    ]
    return Status(201, {**payload.dict(), "id": course.pk, "credits": credits})


@router.post(
    "/cohorts/{pk}/enrolments",
    response={201: EnrolmentOut, **WRITE_ERRORS},
)
def enrolment_create(request, pk: int, payload: EnrolmentIn):
    """A partner enrols one of its students (a directory person) in a cohort."""
    cohort = selectors.cohort_get_for(request.user, pk=pk)
    require_perm(request, "mobility.enrol_programme", cohort.programme)
    person = get_object_or_404(Person, pk=payload.person)
    home = organisation_get_for(request.user, pk=payload.home)
    enrolment = services.enrolment_create(cohort=cohort, person=person, home=home, by=request.user)
    return Status(201, enrolment)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Joint programmes: a teaching plan whose credits follow each partner's own rule, and
cohorts into which each partner enrols its own students."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from amur.accounts.services import api_token_create
from amur.mobility import services
from amur.mobility.models import (
    Cohort,
    Enrolment,
    InstitutionCreditRule,
    JointProgramme,
    ProgrammeCourse,
)
from tests.factories.core import moscow
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.permissions import Snapshot, asks_to_log_in, denied

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    harbin, petersburg = OrganisationFactory(), OrganisationFactory(place=moscow())
    programme = JointProgramme.objects.create(
        kind="language_profession",
        owner=harbin,
        title_en="Piano with Russian",
        title_zh="钢琴与俄语",
        title_ru="Фортепиано с русским языком",
    )
    programme.partners.set([harbin, petersburg])
    Cohort.objects.create(programme=programme, intake_year=2026)
    owner, partner, outsider = (UserFactory(username=n) for n in ("owner", "partner", "outsider"))
    give_role(owner, harbin, "editor")
    give_role(partner, petersburg, "editor")
    return programme, harbin, petersburg, owner, partner, outsider


def add(programme, by, teacher, code="HM-310", hours=72):
    return services.programme_course_add(
        programme=programme,
        by=by,
        code=code,
        semester=5,
        hours=hours,
        language="ru",
        teacher=teacher,
        title_ru="История русской музыки",
    )


def test_credits_follow_each_partners_rule(programme):
    programme, harbin, petersburg, owner, *_ = programme
    add(programme, owner, petersburg, hours=72)
    add(programme, owner, harbin, code="AA-101", hours=192)

    plan = services.programme_plan(programme)

    # 72 h: 4.5 Chinese credits of 16 h, 2 зачётные единицы of 36 h; 192 h: 12 and 5.3.
    assert [row["credits"] for row in plan["rows"]] == [
        [(Decimal("12.0"), "cn"), (Decimal("5.3"), "ru")],
        [(Decimal("4.5"), "cn"), (Decimal("2.0"), "ru")],
    ]
    assert (plan["hours"], plan["totals"]) == (264, [Decimal("16.5"), Decimal("7.3")])


def test_a_partners_stated_rule_changes_its_credits(programme):
    programme, harbin, petersburg, owner, *_ = programme
    InstitutionCreditRule.objects.create(organisation=harbin, system="cn", hours_per_credit=18)
    add(programme, owner, petersburg, hours=72)

    plan = services.programme_plan(programme)

    assert plan["rows"][0]["credits"][0] == (Decimal("4.0"), "cn")


def test_only_the_managing_partner_edits_the_plan_and_only_with_partners(programme):
    programme, _harbin, petersburg, owner, partner, _outsider = programme
    stranger = OrganisationFactory()

    with pytest.raises(services.MobilityError, match="managing partner"):
        add(programme, partner, petersburg)
    with pytest.raises(services.MobilityError, match="programme's partners"):
        add(programme, owner, stranger)
    add(programme, owner, petersburg)
    with pytest.raises(services.MobilityError, match="already in the plan"):
        add(programme, owner, petersburg)

    assert ProgrammeCourse.objects.count() == 1


def test_each_partner_enrols_its_own_students_once(programme):
    programme, _harbin, petersburg, owner, partner, _outsider = programme
    cohort = programme.cohorts.get()
    student = PersonFactory(name="Алексеева Дарья", script="cyrillic")

    with pytest.raises(services.MobilityError, match="own students"):
        services.enrolment_create(cohort=cohort, person=student, home=petersburg, by=owner)
    services.enrolment_create(cohort=cohort, person=student, home=petersburg, by=partner)
    with pytest.raises(services.MobilityError, match="already enrolled"):
        services.enrolment_create(cohort=cohort, person=student, home=petersburg, by=partner)
    with pytest.raises(services.MobilityError, match="programme's partners"):
        services.enrolment_create(
            cohort=cohort, person=PersonFactory(), home=OrganisationFactory(), by=partner
        )

    assert [(e.person, e.home) for e in Enrolment.objects.all()] == [(student, petersburg)]


def test_the_page_shows_the_plan_to_all_and_the_names_to_partners(client, programme):
    programme, harbin, petersburg, owner, partner, _outsider = programme
    add(programme, owner, petersburg)
    services.enrolment_create(
        cohort=programme.cohorts.get(), person=PersonFactory(name="王浩然"), home=harbin, by=owner
    )

    public = client.get(f"/mobility/programmes/{programme.pk}/").content.decode()
    client.force_login(partner)
    as_partner = client.get(f"/mobility/programmes/{programme.pk}/").content.decode()

    assert "История русской музыки" in public
    assert "王浩然" not in public
    assert "1 student" in public
    assert "王浩然" in as_partner


def test_course_and_enrolment_through_the_pages(client, programme):
    programme, _harbin, petersburg, owner, partner, _outsider = programme
    client.force_login(owner)
    client.post(
        f"/mobility/programmes/{programme.pk}/courses/",
        {
            "code": "CH-320",
            "title_ru": "Камерный ансамбль",
            "semester": "6",
            "hours": "72",
            "language": "ru",
            "teacher": petersburg.pk,
        },
    )
    client.force_login(partner)
    client.post(
        f"/mobility/programmes/{programme.pk}/enrol/",
        {
            "name": "Алексеева Дарья",
            "email": "daria@example.org",
            "cohort": programme.cohorts.get().pk,
            "home": petersburg.pk,
        },
    )

    assert list(programme.courses.values_list("code", flat=True)) == ["CH-320"]
    enrolment = Enrolment.objects.get()
    assert (enrolment.person.script, enrolment.home) == ("cyrillic", petersburg)


def test_outsiders_and_partners_cannot_edit_the_plan_through_the_pages(client, programme):
    programme, harbin, _petersburg, _owner, partner, outsider = programme
    before = (Snapshot(ProgrammeCourse), Snapshot(Enrolment))
    course = {
        "code": "X-1",
        "title_en": "X",
        "semester": "1",
        "hours": "10",
        "language": "zh",
        "teacher": harbin.pk,
    }
    enrol = {
        "name": "张伟",
        "email": "z@example.org",
        "cohort": programme.cohorts.get().pk,
        "home": harbin.pk,
    }

    client.force_login(partner)
    by_partner = client.post(f"/mobility/programmes/{programme.pk}/courses/", course)
    enrol_for_other_home = client.post(f"/mobility/programmes/{programme.pk}/enrol/", enrol)
    client.force_login(outsider)
    by_outsider = client.post(f"/mobility/programmes/{programme.pk}/courses/", course)
    enrol_by_outsider = client.post(f"/mobility/programmes/{programme.pk}/enrol/", enrol)
    client.logout()
    anonymous = client.post(f"/mobility/programmes/{programme.pk}/courses/", course)

    assert [denied(r) for r in (by_partner, by_outsider, enrol_by_outsider)] == [True] * 3
    assert enrol_for_other_home.status_code == 302
    assert asks_to_log_in(anonymous)
    assert all(snapshot.unchanged() for snapshot in before)


def test_programme_list_query_count_does_not_grow(client, programme, django_assert_num_queries):
    programme, harbin, petersburg, *_ = programme
    with django_assert_num_queries(2) as one:
        client.get("/mobility/programmes/")
    for n in range(2):
        other = JointProgramme.objects.create(kind="joint_graduate", owner=harbin, title_en=f"P{n}")
        other.partners.set([harbin, petersburg])

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/mobility/programmes/")

    assert len(response.context["programmes"]) == 3


def test_api_plan_course_and_enrolment(client, programme):
    programme, harbin, petersburg, owner, partner, outsider = programme

    def post(user, url, body):
        token = api_token_create(user=user, name="t")[1]
        return client.post(
            f"/api/v1/mobility/{url}",
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )

    course = {
        "code": "HM-310",
        "title_ru": "История русской музыки",
        "semester": 5,
        "hours": 72,
        "language": "ru",
        "teacher": petersburg.pk,
    }
    refused = post(outsider, f"programmes/{programme.pk}/courses", course)
    created = post(owner, f"programmes/{programme.pk}/courses", course)
    detail = client.get(f"/api/v1/mobility/programmes/{programme.pk}").json()
    cohort = programme.cohorts.get()
    student = PersonFactory()
    enrol_refused = post(
        owner, f"cohorts/{cohort.pk}/enrolments", {"person": student.pk, "home": petersburg.pk}
    )
    enrolled = post(
        partner, f"cohorts/{cohort.pk}/enrolments", {"person": student.pk, "home": petersburg.pk}
    )

    assert (refused.status_code, created.status_code) == (403, 201)
    assert detail["teaching_plan"][0]["credits"] == [
        {"partner": harbin.pk, "system": "cn", "credits": "4.5"},
        {"partner": petersburg.pk, "system": "ru", "credits": "2.0"},
    ]
    assert (enrol_refused.status_code, enrolled.status_code) == (409, 201)


def test_enrolment_by_name_needs_an_email_in_the_service(programme):
    """Without an address the student would be found by name alone, anyone so named."""
    programme, _harbin, petersburg, _owner, partner, _outsider = programme

    with pytest.raises(ValidationError, match="Enter a valid email address"):
        services.enrolment_create_for_name(
            cohort=programme.cohorts.get(),
            home=petersburg,
            by=partner,
            name="Алексеева Дарья",
            email=" ",
        )

    assert not Enrolment.objects.exists()

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Adding a course to a joint programme's teaching plan and enrolling a student on the
page and through the API: the same inputs are accepted or refused, and refused with the
same message, because the service is the only gate (issue 11, part 1). Each channel works
on its own copy of the same programme, with the same partners and editors."""

import pytest

from amur.accounts.services import api_token_create
from amur.mobility.models import Cohort, Enrolment, JointProgramme, ProgrammeCourse
from tests.factories.core import moscow
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    harbin, petersburg, elsewhere = (
        OrganisationFactory(),
        OrganisationFactory(place=moscow()),
        OrganisationFactory(),
    )
    programmes = []
    for _channel in ("page", "api"):
        programme = JointProgramme.objects.create(
            kind="language_profession",
            owner=harbin,
            title_ru="Фортепиано с русским языком",
            title_zh="钢琴与俄语",
        )
        programme.partners.set([harbin, petersburg])
        Cohort.objects.create(programme=programme, intake_year=2026)
        programmes.append(programme)
    owner, partner = UserFactory(), UserFactory()
    give_role(owner, harbin, "editor")
    give_role(partner, petersburg, "editor")
    give_role(partner, elsewhere, "editor")
    organisations = {"harbin": harbin, "petersburg": petersburg, "elsewhere": elsewhere}
    return {"owner": owner, "partner": partner}, organisations, programmes


def _both(client, user, page_url, page_data, api_url, api_data):
    client.force_login(user)
    page = client.post(page_url, page_data)
    said = page_messages(page)
    client.logout()
    api = client.post(
        api_url,
        api_data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t')[1]}",
    )
    return page, said, api


COURSE_CASES = [
    # (case, inputs, who, in the plan before, message expected; None: accepted)
    ("valid", {}, "owner", False, None),
    ("a code with spaces around", {"code": "  CH-320 "}, "owner", False, None),
    ("no code", {"code": " "}, "owner", False, "A course needs a code."),
    (
        "code too long",
        {"code": "C" * 41},
        "owner",
        False,
        "Ensure this value has at most 40 characters (it has 41).",
    ),
    (
        "no title",
        {"title_ru": " "},
        "owner",
        False,
        "A course needs a title in at least one language.",
    ),
    (
        "title too long",
        {"title_ru": "К" * 201},
        "owner",
        False,
        "Ensure this value has at most 200 characters (it has 201).",
    ),
    ("semester 0", {"semester": 0}, "owner", False, "A semester is numbered from 1 to 12."),
    ("semester 13", {"semester": 13}, "owner", False, "A semester is numbered from 1 to 12."),
    ("no hours", {"hours": 0}, "owner", False, "A course has from 1 to 2000 hours."),
    ("too many hours", {"hours": 2001}, "owner", False, "A course has from 1 to 2000 hours."),
    (
        "taught in German",
        {"language": "de"},
        "owner",
        False,
        "A course is taught in Chinese, Russian or English.",
    ),
    (
        "taught by an outsider",
        {"teacher": "elsewhere"},
        "owner",
        False,
        "A course is taught by one of the programme's partners.",
    ),
    ("a code in the plan", {}, "owner", True, "This course code is already in the plan."),
    ("by a partner", {}, "partner", False, 403),
]


@pytest.mark.parametrize(
    ("case", "inputs", "who", "planned", "message"),
    COURSE_CASES,
    ids=[c[0] for c in COURSE_CASES],
)
def test_page_and_api_accept_and_refuse_courses_alike(
    client, cast, case, inputs, who, planned, message
):
    users, organisations, programmes = cast
    data = {
        "code": "CH-320",
        "title_ru": "Камерный ансамбль",
        "semester": 6,
        "hours": 72,
        "language": "ru",
        "teacher": "petersburg",
        **inputs,
    }
    data["teacher"] = organisations[data["teacher"]].pk
    if planned:
        for programme in programmes:
            ProgrammeCourse.objects.create(
                programme=programme,
                code="CH-320",
                title_ru="Ансамбль",
                semester=5,
                hours=36,
                language="ru",
                teacher=organisations["harbin"],
            )
    before = ProgrammeCourse.objects.count()

    page, said, api = _both(
        client,
        users[who],
        f"/mobility/programmes/{programmes[0].pk}/courses/",
        data,
        f"/api/v1/mobility/programmes/{programmes[1].pk}/courses",
        data,
    )

    if isinstance(message, int):
        assert (page.status_code, api.status_code) == (message, message)
        assert ProgrammeCourse.objects.count() == before
    elif message is None:
        assert api.status_code == 201
        made = [
            list(p.courses.values_list("code", "title_ru", "semester", "hours", "language"))
            for p in programmes
        ]
        assert made[0] == made[1] == [("CH-320", "Камерный ансамбль", 6, 72, "ru")]
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert ProgrammeCourse.objects.count() == before


ENROLMENT_CASES = [
    # (case, home, who, enrolled before, message expected; None: accepted)
    ("valid", "petersburg", "partner", False, None),
    ("the managing partner's own", "harbin", "owner", False, None),
    (
        "through a non-partner",
        "elsewhere",
        "partner",
        False,
        "Students are enrolled through one of the programme's partners.",
    ),
    (
        "for another partner",
        "harbin",
        "partner",
        False,
        "Each partner enrols its own students.",
    ),
    (
        "enrolled before",
        "petersburg",
        "partner",
        True,
        "This person is already enrolled in the cohort.",
    ),
]


@pytest.mark.parametrize(
    ("case", "home", "who", "enrolled", "message"),
    ENROLMENT_CASES,
    ids=[c[0] for c in ENROLMENT_CASES],
)
def test_page_and_api_accept_and_refuse_enrolments_alike(
    client, cast, case, home, who, enrolled, message
):
    users, organisations, programmes = cast
    student = PersonFactory(
        name="Алексеева Дарья", script="cyrillic", email="daria@example.org", listed=False
    )
    cohorts = [programme.cohorts.get() for programme in programmes]
    if enrolled:
        for cohort in cohorts:
            Enrolment.objects.create(
                cohort=cohort,
                person=student,
                home=organisations["petersburg"],
                enrolled_on="2026-09-01",
            )
    before = Enrolment.objects.count()

    _page, said, api = _both(
        client,
        users[who],
        f"/mobility/programmes/{programmes[0].pk}/enrol/",
        {
            "name": student.name,
            "email": student.email,
            "cohort": cohorts[0].pk,
            "home": organisations[home].pk,
        },
        f"/api/v1/mobility/cohorts/{cohorts[1].pk}/enrolments",
        {"person": student.pk, "home": organisations[home].pk},
    )

    if message is None:
        assert api.status_code == 201
        made = [list(c.enrolments.values_list("person", "home")) for c in cohorts]
        assert made[0] == made[1] == [(student.pk, organisations[home].pk)]
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert Enrolment.objects.count() == before

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Proposing, signing and answering a learning agreement on the page and through the API:
the same inputs are accepted or refused, and refused with the same message, because the
service is the only gate (issue 11, part 1). Each channel works on its own copy of the
same stay, with the same student and offices."""

from datetime import date

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.mobility import services
from amur.mobility.models import LearningAgreementVersion, Mobility
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.parity import api_messages

pytestmark = pytest.mark.django_db

COURSE = {
    "code": "PIANO-1",
    "title": "Фортепиано",
    "credits": "5",
    "scheme": "ru",
    "recognised_as": "钢琴 3学分",
}


@pytest.fixture
def people():
    student, sending, receiving = UserFactory(), UserFactory(), UserFactory()
    sending_org, receiving_org = OrganisationFactory(), OrganisationFactory()
    give_role(sending, sending_org, "editor")
    give_role(receiving, receiving_org, "editor")
    person = PersonFactory(user=student)
    stays = [
        Mobility.objects.create(
            person=person,
            sending=sending_org,
            receiving=receiving_org,
            kind="semester",
            start=date(2027, 2, 1),
            end=date(2027, 6, 30),
        )
        for _channel in ("page", "api")
    ]
    return {"student": student, "sending": sending, "receiving": receiving}, stays


def _both(client, user, page_url, page_data, api_url, api_data):
    client.force_login(user)
    page = client.post(page_url, page_data)
    said = [str(m) for m in get_messages(page.wsgi_request)]
    client.logout()
    api = client.post(
        api_url,
        api_data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=user, name='t')[1]}",
    )
    return said, api


def _formset(lines: list[dict]) -> dict:
    data = {
        "form-TOTAL_FORMS": str(len(lines)),
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "1",
        "form-MAX_NUM_FORMS": "1000",
    }
    for i, line in enumerate(lines):
        data.update({f"form-{i}-{name}": value for name, value in line.items()})
    return data


PROPOSAL_CASES = [
    # (case, lines, who, an open proposal before, message expected; None: accepted)
    ("valid", [COURSE], "student", False, None),
    ("by the sending office", [COURSE, {**COURSE, "code": ""}], "sending", False, None),
    ("no course", [], "student", False, "A learning agreement lists at least one course."),
    ("title blank", [{**COURSE, "title": "  "}], "student", False, "Each course has a title."),
    (
        "title too long",
        [{**COURSE, "title": "Т" * 201}],
        "student",
        False,
        "A course's title and what it is recognised as have at most 200 characters, its code 40.",
    ),
    (
        "code too long",
        [{**COURSE, "code": "C" * 41}],
        "student",
        False,
        "A course's title and what it is recognised as have at most 200 characters, its code 40.",
    ),
    (
        "credits zero",
        [{**COURSE, "credits": "0"}],
        "student",
        False,
        "Credits are a number from 0.1 to 9999.9, with one decimal at most.",
    ),
    (
        "credits of two decimals",
        [{**COURSE, "credits": "2.25"}],
        "student",
        False,
        "Credits are a number from 0.1 to 9999.9, with one decimal at most.",
    ),
    (
        "credits not a number",
        [{**COURSE, "credits": "five"}],
        "student",
        False,
        "Credits are a number from 0.1 to 9999.9, with one decimal at most.",
    ),
    (
        "an unknown scheme",
        [{**COURSE, "scheme": "ects2"}],
        "student",
        False,
        "Each course names its credit scheme (cn, ru or ects).",
    ),
    ("by the receiving office", [COURSE], "receiving", False, 403),
    (
        "a proposal still open",
        [COURSE],
        "student",
        True,
        "A proposal is still open; it must be settled first.",
    ),
]


@pytest.mark.parametrize(
    ("case", "lines", "who", "open_before", "message"),
    PROPOSAL_CASES,
    ids=[c[0] for c in PROPOSAL_CASES],
)
def test_page_and_api_accept_and_refuse_proposals_alike(
    client, people, case, lines, who, open_before, message
):
    users, (page_stay, api_stay) = people
    if open_before:
        for stay in (page_stay, api_stay):
            services.la_propose(mobility=stay, components=[COURSE], by=users["student"])
    before = LearningAgreementVersion.objects.count()

    said, api = _both(
        client,
        users[who],
        f"/mobility/mobilities/{page_stay.pk}/learning-agreement/",
        _formset(lines),
        f"/api/v1/mobility/mobilities/{api_stay.pk}/learning-agreement",
        {"components": lines},
    )

    if isinstance(message, int):
        assert api.status_code == message
        assert LearningAgreementVersion.objects.count() == before
    elif message is None:
        assert api.status_code == 201
        made = [stay.la_versions.get().components for stay in (page_stay, api_stay)]
        assert made[0] == made[1]
        assert len(made[0]) == len(lines)
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert LearningAgreementVersion.objects.count() == before


SIGN_CASES = [
    # (case, who, side, signed before, message expected; None: accepted)
    ("the student", "student", "student", False, None),
    ("the sending office", "sending", "sending", False, None),
    ("twice", "student", "student", True, "This side has already signed this version."),
    (
        "the office as the student",
        "sending",
        "student",
        False,
        "Only the student signs as the student.",
    ),
    (
        "the student as the office",
        "student",
        "sending",
        False,
        "This step is decided by the other side.",
    ),
    ("no side", "student", "", False, "This step is decided by the other side."),
]


@pytest.mark.parametrize(
    ("case", "who", "side", "signed", "message"), SIGN_CASES, ids=[c[0] for c in SIGN_CASES]
)
def test_page_and_api_accept_and_refuse_signatures_alike(
    client, people, case, who, side, signed, message
):
    users, stays = people
    versions = [
        services.la_propose(mobility=stay, components=[COURSE], by=users["student"])
        for stay in stays
    ]
    if signed:
        for version in versions:
            services.la_sign(version=version, by=users[who], side=side)

    said, api = _both(
        client,
        users[who],
        f"/mobility/learning-agreements/{versions[0].pk}/sign/",
        {"side": side},
        f"/api/v1/mobility/learning-agreements/{versions[1].pk}/signatures",
        {"side": side},
    )

    signatures = [
        LearningAgreementVersion.objects.values("signed_by_student", "signed_by_sending").get(
            pk=v.pk
        )
        for v in versions
    ]
    signed_now = [{k: v is not None for k, v in s.items()} for s in signatures]
    assert signed_now[0] == signed_now[1]
    if message is None:
        assert api.status_code == 200
        assert signed_now[0][f"signed_by_{side}"]
    else:
        assert api.status_code == 409
        assert message in said
        assert message in api_messages(api)


ANSWER_CASES = [
    # (case, approve, comment, signed by both, who, message expected; None: accepted)
    ("approved", True, "", True, "receiving", None),
    ("rejected with a reason", False, "Курс не читается весной", False, "receiving", None),
    ("rejected without a reason", False, "   ", True, "receiving", "A rejection needs a comment."),
    (
        "approved unsigned",
        True,
        "",
        False,
        "receiving",
        "The student and the sending institution sign first.",
    ),
    ("by the sending office", True, "", True, "sending", 403),
]


@pytest.mark.parametrize(
    ("case", "approve", "comment", "signed", "who", "expected"),
    ANSWER_CASES,
    ids=[c[0] for c in ANSWER_CASES],
)
def test_page_and_api_accept_and_refuse_answers_alike(
    client, people, case, approve, comment, signed, who, expected
):
    users, stays = people
    versions = []
    for stay in stays:
        version = services.la_propose(mobility=stay, components=[COURSE], by=users["student"])
        if signed:
            services.la_sign(version=version, by=users["student"], side="student")
            services.la_sign(version=version, by=users["sending"], side="sending")
        versions.append(version)

    client.force_login(users[who])
    page = client.post(
        f"/mobility/learning-agreements/{versions[0].pk}/answer/",
        {"approve": "yes" if approve else "no", "comment": comment},
    )
    said = [str(m) for m in get_messages(page.wsgi_request)]
    client.logout()
    api = client.post(
        f"/api/v1/mobility/learning-agreements/{versions[1].pk}/answer",
        {"approve": approve, "comment": comment},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=users[who], name='t')[1]}",
    )

    answered = [
        LearningAgreementVersion.objects.values_list("approved_by_receiving", "rejected_at").get(
            pk=v.pk
        )
        for v in versions
    ]
    settled = [tuple(x is not None for x in a) for a in answered]
    assert settled[0] == settled[1]
    if expected is None:
        assert api.status_code == 200
        assert settled[0] == (approve, not approve)
    elif isinstance(expected, int):
        assert page.status_code == api.status_code == expected
        assert settled[0] == (False, False)
    else:
        assert api.status_code == 409
        assert expected in said
        assert expected in api_messages(api)
        assert settled[0] == (False, False)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Issuing the transcript of records and deciding recognition on the page and through the
API: the same inputs are accepted or refused, and refused with the same message, because
the service is the only gate (issue 11, part 1). Each channel works on its own copy of the
same finished stay, with the same student and offices."""

from datetime import timedelta

import pytest
from django.utils import timezone

from amur.accounts.services import api_token_create
from amur.mobility import services
from amur.mobility.models import Mobility, Recognition, Transcript
from tests.factories.directory import OrganisationFactory, PersonFactory, UserFactory, give_role
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db

PIANO = {
    "code": "ФОРТ-301",
    "title": "Специальное фортепиано",
    "credits": "5",
    "scheme": "ru",
    "grade": "5",
    "grade_scale": "ru",
}
HISTORY = {
    "code": "ИСТ-210",
    "title": "История русской музыки",
    "credits": "2",
    "scheme": "ru",
    "grade": "зачёт",
    "grade_scale": "passfail",
}
CREDITS = "Credits are a number from 0.1 to 9999.9, with one decimal at most."
TITLED = "Each course has a title."
SCALE = "“Специальное фортепиано”: the credits or the grade do not fit the chosen scale."


@pytest.fixture
def cast():
    student, sending, receiving = UserFactory(), UserFactory(), UserFactory()
    sending_org, receiving_org = OrganisationFactory(), OrganisationFactory()
    give_role(sending, sending_org, "editor")
    give_role(receiving, receiving_org, "editor")
    person = PersonFactory(user=student)
    today = timezone.localdate()
    stays = [
        Mobility.objects.create(
            person=person,
            sending=sending_org,
            receiving=receiving_org,
            kind="semester",
            start=today - timedelta(days=150),
            end=today - timedelta(days=1),
        )
        for _channel in ("page", "api")
    ]
    return {"student": student, "sending": sending, "receiving": receiving}, stays


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


TRANSCRIPT_CASES = [
    # (case, lines, who, issued before, stay still running, message; None: accepted)
    ("valid", [PIANO, HISTORY], "receiving", False, False, None),
    ("no course", [], "receiving", False, False, "A transcript lists at least one course."),
    ("title blank", [{**PIANO, "title": " "}], "receiving", False, False, TITLED),
    (
        "title too long",
        [{**PIANO, "title": "Т" * 201}],
        "receiving",
        False,
        False,
        "Ensure this value has at most 200 characters (it has 201).",
    ),
    (
        "grade too long",
        [{**PIANO, "grade": "85.00000001", "grade_scale": "cn"}],
        "receiving",
        False,
        False,
        "Ensure this value has at most 10 characters (it has 11).",
    ),
    ("credits zero", [{**PIANO, "credits": "0"}], "receiving", False, False, CREDITS),
    ("credits of two decimals", [{**PIANO, "credits": "2.25"}], "receiving", False, False, CREDITS),
    ("credits too many", [{**PIANO, "credits": "10000"}], "receiving", False, False, CREDITS),
    (
        "an unknown scheme",
        [{**PIANO, "scheme": "ects2"}],
        "receiving",
        False,
        False,
        "Each course names its credit scheme (cn, ru or ects).",
    ),
    ("a grade off its scale", [{**PIANO, "grade": "7"}], "receiving", False, False, SCALE),
    ("an unknown scale", [{**PIANO, "grade_scale": "ab"}], "receiving", False, False, SCALE),
    ("no grade", [{**PIANO, "grade": ""}], "receiving", False, False, SCALE),
    ("by the sending office", [PIANO], "sending", False, False, 403),
    (
        "issued before",
        [PIANO],
        "receiving",
        True,
        False,
        "The transcript of this stay is already issued.",
    ),
    (
        "the stay still running",
        [PIANO],
        "receiving",
        False,
        True,
        "A transcript is issued at the end of the stay.",
    ),
]


@pytest.mark.parametrize(
    ("case", "lines", "who", "issued", "running", "message"),
    TRANSCRIPT_CASES,
    ids=[c[0] for c in TRANSCRIPT_CASES],
)
def test_page_and_api_accept_and_refuse_transcripts_alike(
    client, cast, case, lines, who, issued, running, message
):
    users, stays = cast
    for stay in stays:
        if issued:
            services.transcript_issue(mobility=stay, entries=[HISTORY], by=users["receiving"])
        if running:
            stay.end = timezone.localdate() + timedelta(days=60)
            stay.save(update_fields=["end"])
    before = Transcript.objects.count()

    page, said, api = _both(
        client,
        users[who],
        f"/mobility/mobilities/{stays[0].pk}/transcript/",
        _formset(lines),
        f"/api/v1/mobility/mobilities/{stays[1].pk}/transcript",
        {"entries": lines},
    )

    if isinstance(message, int):
        assert (page.status_code, api.status_code) == (message, message)
        assert Transcript.objects.count() == before
    elif message is None:
        assert api.status_code == 201
        made = [
            list(
                stay.transcript.entries.values_list(
                    "code", "title", "credits", "scheme", "grade", "grade_scale"
                )
            )
            for stay in stays
        ]
        assert made[0] == made[1]
        assert len(made[0]) == len(lines)
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert Transcript.objects.count() == before


RECOGNITION_CASES = [
    # (case, which entries, comment, who, decided before, message; None: accepted)
    ("all recognised", "all", "", "sending", False, None),
    ("partly with a comment", "first", "История не входит в план.", "sending", False, None),
    ("none with a comment", "none", "Курс не пройден.", "sending", False, None),
    (
        "partly without a comment",
        "first",
        "  ",
        "sending",
        False,
        "A partial or refused recognition needs a comment.",
    ),
    (
        "a course of another transcript",
        "other",
        "",
        "sending",
        False,
        "Only courses of this transcript can be recognised.",
    ),
    ("by the receiving office", "all", "", "receiving", False, 403),
    (
        "decided before",
        "all",
        "",
        "sending",
        True,
        "Recognition is already decided for this stay.",
    ),
]


def _entries(stay, which: str) -> list[int]:
    ids = list(stay.transcript.entries.order_by("id").values_list("pk", flat=True))
    return {"all": ids, "first": ids[:1], "none": [], "other": [max(ids) + 1000]}[which]


@pytest.mark.parametrize(
    ("case", "which", "comment", "who", "decided", "message"),
    RECOGNITION_CASES,
    ids=[c[0] for c in RECOGNITION_CASES],
)
def test_page_and_api_accept_and_refuse_recognitions_alike(
    client, cast, case, which, comment, who, decided, message
):
    users, stays = cast
    for stay in stays:
        services.transcript_issue(mobility=stay, entries=[PIANO, HISTORY], by=users["receiving"])
        if decided:
            services.recognition_decide(
                mobility=stay, by=users["sending"], recognised=set(_entries(stay, "all"))
            )
    before = Recognition.objects.count()

    page, said, api = _both(
        client,
        users[who],
        f"/mobility/mobilities/{stays[0].pk}/recognition/",
        {"recognised": _entries(stays[0], which), "comment": comment},
        f"/api/v1/mobility/mobilities/{stays[1].pk}/recognition",
        {"recognised": _entries(stays[1], which), "comment": comment},
    )

    if isinstance(message, int):
        assert (page.status_code, api.status_code) == (message, message)
        assert Recognition.objects.count() == before
    elif message is None:
        assert api.status_code == 201
        made = [
            (stay.recognition.decision, stay.recognition.comment)
            for stay in Mobility.objects.filter(pk__in=[s.pk for s in stays])
        ]
        assert made[0] == made[1]
        assert made[0][0] == {"all": "full", "first": "partial", "none": "refused"}[which]
    else:
        assert api.status_code in (409, 422)
        assert message in said
        assert message in api_messages(api)
        assert Recognition.objects.count() == before


def test_page_and_api_refuse_recognition_before_the_transcript_alike(client, cast):
    users, stays = cast

    _page, said, api = _both(
        client,
        users["sending"],
        f"/mobility/mobilities/{stays[0].pk}/recognition/",
        {"recognised": [], "comment": "Нет"},
        f"/api/v1/mobility/mobilities/{stays[1].pk}/recognition",
        {"recognised": [], "comment": "Нет"},
    )

    assert api.status_code == 409
    assert "The transcript of records is not issued yet." in said
    assert "The transcript of records is not issued yet." in api_messages(api)
    assert not Recognition.objects.exists()

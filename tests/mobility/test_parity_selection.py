# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The steps of the selection and the scores on the page and through the API: the same
inputs are accepted or refused, and refused with the same message, because the service is
the only gate (issue 11, part 1). Each channel works on its own copy of the same
application, with the same people on each side."""

import pytest
from django.contrib.messages import get_messages

from amur.accounts.services import api_token_create
from amur.mobility.models import Application, Call
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.mobility import AgreementFactory, ApplicationFactory, CallFactory
from tests.parity import api_messages

pytestmark = pytest.mark.django_db


@pytest.fixture
def sides():
    """The applicant, an editor of the sending office and one of the host, and both offices."""
    sending, host = OrganisationFactory(), OrganisationFactory()
    sender, hosting, student = UserFactory(), UserFactory(), UserFactory()
    give_role(sender, sending, "editor")
    give_role(hosting, host, "editor")
    return {"applicant": student, "sending": sender, "host": hosting}, sending, host


def _applications(sides, status: str, *, seats: int = 2) -> list[Application]:
    people, sending, host = sides
    made = []
    for _channel in ("page", "api"):
        call = CallFactory(
            agreement=AgreementFactory(owner=sending),
            host=host,
            seats=seats,
            nominated=int(status == "nominated"),
        )
        made.append(ApplicationFactory(call=call, applicant=people["applicant"], status=status))
    return made


def _post_both(client, user, page_url, page_data, api_url, api_data):
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


STEP_CASES = [
    # (case, status before, to, who, comment, seats, message expected; None: accepted)
    ("eligible", "submitted", "eligible", "sending", "", 2, None),
    ("nominated", "ranked", "nominated", "sending", "", 2, None),
    ("accepted", "nominated", "accepted", "host", "", 2, None),
    ("rejected with a reason", "nominated", "rejected", "host", "Нет мест", 2, None),
    ("withdrawn", "nominated", "withdrawn", "applicant", "", 2, None),
    (
        "rejected without a reason",
        "nominated",
        "rejected",
        "host",
        "  ",
        2,
        "A rejection needs a comment.",
    ),
    (
        "accepted by the sending office",
        "nominated",
        "accepted",
        "sending",
        "",
        2,
        "This step is decided by the other side.",
    ),
    (
        "nominated by the applicant",
        "ranked",
        "nominated",
        "applicant",
        "",
        2,
        "This step is decided by the other side.",
    ),
    ("no seat left", "ranked", "nominated", "sending", "", 0, "All seats of this call are taken."),
    (
        "a step the workflow has not",
        "submitted",
        "accepted",
        "host",
        "",
        2,
        "An application cannot go from “Submitted” to “Accepted by the host”.",
    ),
    (
        "a step that does not exist",
        "submitted",
        "approved",
        "sending",
        "",
        2,
        "An application cannot go from “Submitted” to “approved”.",
    ),
]


@pytest.mark.parametrize(
    ("case", "status", "to", "who", "comment", "seats", "message"),
    STEP_CASES,
    ids=[c[0] for c in STEP_CASES],
)
def test_page_and_api_take_selection_steps_alike(
    client, sides, case, status, to, who, comment, seats, message
):
    page_application, api_application = _applications(sides, status, seats=seats)
    before = [a.call.nominated for a in (page_application, api_application)]
    data = {"to": to, "comment": comment}

    said, api = _post_both(
        client,
        sides[0][who],
        f"/mobility/applications/{page_application.pk}/step/",
        data,
        f"/api/v1/mobility/applications/{api_application.pk}/steps",
        data,
    )

    statuses = [
        Application.objects.get(pk=a.pk).status for a in (page_application, api_application)
    ]
    nominated = [
        Call.objects.get(pk=a.call_id).nominated for a in (page_application, api_application)
    ]
    if message is None:
        assert api.status_code == 200
        assert statuses == [to, to]
        assert nominated[0] == nominated[1]
    else:
        assert api.status_code == 409
        assert message in said
        assert message in api_messages(api)
        assert statuses == [status, status]
        assert nominated == before


SCORE_CASES = [
    # (case, inputs, status, who, message expected; None: accepted)
    ("valid", {"grade_mark": "88.5", "interview_score": "70"}, "eligible", "sending", None),
    (
        "above 100",
        {"language_score": "101"},
        "eligible",
        "sending",
        "A score is between 0 and 100.",
    ),
    (
        "below 0",
        {"interview_score": "-0.5"},
        "submitted",
        "sending",
        "A score is between 0 and 100.",
    ),
    (
        "after the nomination",
        {"grade_mark": "90"},
        "nominated",
        "sending",
        "Scores can change only before nominations.",
    ),
    (
        "by the host",
        {"grade_mark": "90"},
        "eligible",
        "host",
        "Only the sending office scores applications.",
    ),
]


@pytest.mark.parametrize(
    ("case", "inputs", "status", "who", "message"), SCORE_CASES, ids=[c[0] for c in SCORE_CASES]
)
def test_page_and_api_accept_and_refuse_scores_alike(
    client, sides, case, inputs, status, who, message
):
    page_application, api_application = _applications(sides, status)

    said, api = _post_both(
        client,
        sides[0][who],
        f"/mobility/applications/{page_application.pk}/scores/",
        inputs,
        f"/api/v1/mobility/applications/{api_application.pk}/scores",
        inputs,
    )

    kept = [
        Application.objects.values("grade_mark", "language_score", "interview_score").get(pk=a.pk)
        for a in (page_application, api_application)
    ]
    assert kept[0] == kept[1]
    if message is None:
        assert api.status_code == 200
        assert str(kept[0]["grade_mark"]) == "88.50"
    else:
        assert api.status_code == 409
        assert message in said
        assert message in api_messages(api)
        assert kept[0] == {"grade_mark": None, "language_score": None, "interview_score": None}

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Registering on the page and through the API: the same inputs are accepted or refused,
and refused with the same message, because the service is the only gate (issue 11,
part 1). Each channel registers for its own copy of the same event."""

from datetime import timedelta

import pytest
from django.utils import timezone

from amur.events.models import Question, Registration
from tests.factories.events import ModeFactory
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db

QUESTION = "Which instrument do you play?"


def _event(*, closed: bool = False):
    mode = ModeFactory(capacity=5)
    if closed:
        mode.closes = timezone.now() - timedelta(days=1)
        mode.save(update_fields=["closes"])
    question = Question.objects.create(event=mode.event, text_en=QUESTION, required=True)
    return mode, question


CASES = [
    # (case, inputs, closed, message expected; None: accepted)
    ("valid", {}, False, None),
    ("bad e-mail", {"email": "not-an-email"}, False, "Enter a valid email address."),
    ("e-mail of spaces", {"email": "   "}, False, "Enter a valid email address."),
    ("required answer missing", {"answer": ""}, False, f"Please answer: {QUESTION}"),
    ("required answer blank", {"answer": "   "}, False, f"Please answer: {QUESTION}"),
    ("name blank", {"name": "  "}, False, "Please give your name."),
    ("registration closed", {}, True, "Registration is closed."),
]


@pytest.mark.parametrize(("case", "inputs", "closed", "message"), CASES, ids=[c[0] for c in CASES])
def test_page_and_api_accept_and_refuse_registrations_alike(client, case, inputs, closed, message):
    data = {"name": "Анна Петрова", "email": "anna@example.org", "answer": "скрипка", **inputs}
    page_mode, page_question = _event(closed=closed)
    api_mode, api_question = _event(closed=closed)

    page = client.post(
        f"/events/{page_mode.event.slug}/register/",
        {
            "mode": page_mode.pk,
            "name": data["name"],
            "email": data["email"],
            "language": "en",
            f"q{page_question.pk}": data["answer"],
        },
    )
    api = client.post(
        f"/api/v1/events/events/{api_mode.event.slug}/registrations",
        {
            "mode": api_mode.pk,
            "name": data["name"],
            "email": data["email"],
            "language": "en",
            "answers": {str(api_question.pk): data["answer"]},
        },
        content_type="application/json",
    )

    if message is None:
        assert page.status_code == 200
        assert api.status_code == 201
        assert Registration.objects.filter(event=page_mode.event).count() == 1
        assert Registration.objects.filter(event=api_mode.event).count() == 1
    else:
        assert page.status_code == 400
        assert api.status_code in (409, 422)
        assert message in page_messages(page)
        assert message in api_messages(api)
        assert Registration.objects.count() == 0

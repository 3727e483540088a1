# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Applying to a call on the page and through the API: the same inputs are accepted or
refused, and refused with the same message, because the service is the only gate (issue
11, part 1). Each channel applies to its own copy of the same call; a refusal keeps no
application."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from amur.accounts.services import api_token_create
from amur.mobility.models import Application
from tests.factories.directory import UserFactory
from tests.factories.mobility import ApplicationFactory, CallFactory
from tests.parity import api_messages

pytestmark = pytest.mark.django_db

CASES = [
    # (case, inputs, applied before, deadline passed, message expected; None: accepted)
    ("valid", {}, False, False, None),
    ("no grade given", {"grade_mark": ""}, False, False, None),
    ("grade above 100", {"grade_mark": "150"}, False, False, "A score is between 0 and 100."),
    (
        "language score below 0",
        {"language_score": "-1"},
        False,
        False,
        "A score is between 0 and 100.",
    ),
    (
        "name too long",
        {"name": "Л" * 201},
        False,
        False,
        "Ensure this value has at most 200 characters (it has 201).",
    ),
    ("applied before", {}, True, False, "You have already applied to this call."),
    ("deadline passed", {}, False, True, "The deadline of this call has passed."),
]


@pytest.mark.parametrize(
    ("case", "inputs", "applied", "closed", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_page_and_api_accept_and_refuse_applications_alike(
    client, case, inputs, applied, closed, message
):
    student = UserFactory()
    page_call, api_call = CallFactory(), CallFactory()
    if applied:
        for call in (page_call, api_call):
            ApplicationFactory(call=call, applicant=student, status="submitted")
    if closed:
        for call in (page_call, api_call):
            call.deadline = timezone.now() - timedelta(days=1)
            call.save(update_fields=["deadline"])
    before = Application.objects.count()
    data = {"name": "Ли Вэй", "motivation": "Композиция", "grade_mark": "91.5", **inputs}
    api_data = {k: v for k, v in data.items() if v != ""}  # an empty number is left out

    client.force_login(student)
    page = client.post(f"/mobility/calls/{page_call.pk}/apply/", data)
    page_messages = [str(m) for m in get_messages(page.wsgi_request)]
    client.logout()
    api = client.post(
        f"/api/v1/mobility/calls/{api_call.pk}/applications",
        api_data,
        HTTP_AUTHORIZATION=f"Bearer {api_token_create(user=student, name='t')[1]}",
    )

    if message is None:
        assert api.status_code == 201
        assert page_messages == ["Your application was submitted."]
        made = Application.objects.filter(call__in=[page_call, api_call]).order_by("call_id")
        assert [(a.name, a.grade_mark, a.status) for a in made] == 2 * [
            (made[0].name, made[0].grade_mark, "submitted")
        ]
    else:
        assert api.status_code in (409, 422)
        assert message in page_messages
        assert message in api_messages(api)
        assert Application.objects.count() == before

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Registration abuse (issue 12, part 4, in part): one e-mail validator everywhere, and
required questions enforced by the service, so the page and the API refuse alike."""

import pytest
from django.core.exceptions import ValidationError

from amur.accounts.services import user_create
from amur.events import services
from amur.events.models import Question, Registration
from tests.factories.events import EventFactory, ModeFactory

pytestmark = pytest.mark.django_db

BAD_EMAILS = ["not-an-email", "a@", "@x.org", "a b@x.org", "a@x..org"]


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_the_api_refuses_an_invalid_email_in_the_readers_language(client, email):
    mode = ModeFactory(capacity=10)
    response = client.post(
        f"/api/v1/events/events/{mode.event.slug}/registrations",
        {"mode": mode.pk, "name": "Ольга", "email": email},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["detail"]["email"] == [
        "Введите правильный адрес электронной почты."
    ]
    assert not Registration.objects.exists()


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_the_page_refuses_the_same_addresses(client, email):
    mode = ModeFactory(capacity=10)
    response = client.post(
        f"/events/{mode.event.slug}/register/",
        {"mode": mode.pk, "name": "Ольга", "email": email, "language": "ru"},
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_services_refuse_invalid_emails(email):
    mode = ModeFactory(capacity=10)
    with pytest.raises(ValidationError):
        services.registration_create(mode=mode, name="A", email=email, send_mail=False)
    with pytest.raises(ValidationError):
        user_create(username="u", email=email, password=None)


def question(event, required=True) -> Question:
    return Question.objects.create(event=event, text_en="Your instrument?", required=required)


def test_the_api_cannot_skip_a_required_question(client):
    event = EventFactory()
    mode = ModeFactory(event=event, capacity=10)
    asked = question(event)
    url = f"/api/v1/events/events/{event.slug}/registrations"
    body = {"mode": mode.pk, "name": "Li", "email": "li@x.org"}

    skipped = client.post(url, body, content_type="application/json")
    assert skipped.status_code == 422
    assert skipped.json()["error"]["detail"]["answers"] == ["Please answer: Your instrument?"]
    assert not Registration.objects.exists()

    answered = client.post(
        url, {**body, "answers": {str(asked.pk): "erhu"}}, content_type="application/json"
    )
    assert answered.status_code == 201
    assert Registration.objects.get().answers.get().text == "erhu"


def test_the_service_refuses_a_missing_answer_for_any_caller():
    event = EventFactory()
    mode = ModeFactory(event=event, capacity=10)
    asked = question(event)
    question(event, required=False)
    with pytest.raises(ValidationError, match="Your instrument"):
        services.registration_create(
            mode=mode, name="A", email="a@x.org", answers={asked.pk: "  "}, send_mail=False
        )
    registration = services.registration_create(
        mode=mode, name="A", email="a@x.org", answers={asked.pk: "pipa"}, send_mail=False
    )
    assert [a.text for a in registration.answers.all()] == ["pipa"]

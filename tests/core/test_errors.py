# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import json

import pytest
from django.test import RequestFactory
from django.utils import translation

from amur import api as api_module
from amur.accounts.services import AccountsError
from amur.alliances.services import AlliancesError
from amur.competitions.services.common import CompetitionsError
from amur.core.errors import DomainError
from amur.events.services import EventsError
from amur.library.services import LibraryError
from amur.mobility.services.errors import MobilityError


@pytest.mark.parametrize(
    "error",
    [AccountsError, AlliancesError, CompetitionsError, EventsError, LibraryError, MobilityError],
)
def test_every_app_error_derives_from_the_one_root(error):
    assert issubclass(error, DomainError)


def test_api_answers_a_domain_error_as_409_with_its_translated_message():
    request = RequestFactory().post("/api/v1/events/events")
    with translation.override("ru"):
        exc = EventsError(translation.gettext("Not found."))

        response = api_module._refused(request, exc)

    assert response.status_code == 409
    assert json.loads(response.content) == {
        "error": {"code": "refused", "message": "Не найдено.", "detail": None}
    }


def _request_with_messages():
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_refusals_shown_turns_a_domain_error_into_a_message_and_skips_the_rest():
    from amur.core.errors import refusals_shown

    request = _request_with_messages()
    reached = []

    def refuse():
        raise MobilityError("Все места заняты.")

    with refusals_shown(request):
        refuse()
        reached.append("after")

    assert [str(m) for m in request._messages] == ["Все места заняты."]
    assert reached == []


def test_refusals_shown_shows_each_message_of_a_model_validation_error():
    """A service's check of the model's limits (amur.core.validators.fields_clean) is a
    message on the page, as it is a 422 in the API, not a server error."""
    from django.core.exceptions import ValidationError

    from amur.core.errors import refusals_shown

    request = _request_with_messages()

    with refusals_shown(request):
        raise ValidationError(
            {"name": ["Ensure this value has at most 200 characters (it has 201)."]}
        )

    assert [str(m) for m in request._messages] == [
        "Ensure this value has at most 200 characters (it has 201)."
    ]


def test_refusals_shown_lets_any_other_error_through():
    from amur.core.errors import refusals_shown

    request = _request_with_messages()

    with pytest.raises(ZeroDivisionError), refusals_shown(request):
        _ = 1 / 0

    assert list(request._messages) == []

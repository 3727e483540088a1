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

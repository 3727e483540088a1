# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A database that does not answer gives a 503 page in the reader's language, never a
server error; any other failure a 500 page of Amur's (issue 12, part 6)."""

import pytest
from django.db import DatabaseError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client

pytestmark = pytest.mark.django_db

TEXT = {
    "ru": "База данных не отвечает",
    "zh-hans": "数据库没有响应",
    "en": "The database is not answering",
}


def _failing(monkeypatch, error):
    def broken(self, sql, params=None):
        raise error('connection to server at "10.0.0.5", port 5432 failed')

    # The outside world (the database server) fails; our own code runs unchanged.
    monkeypatch.setattr(CursorWrapper, "execute", broken)


@pytest.mark.parametrize("language", ["ru", "zh-hans", "en"])
def test_pages_answer_503_in_the_readers_language_when_the_database_is_down(monkeypatch, language):
    client = Client(raise_request_exception=False)
    client.cookies["amur_language"] = language
    _failing(monkeypatch, OperationalError)

    response = client.get("/events/")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    body = response.content.decode()
    assert TEXT[language] in body
    assert "10.0.0.5" not in body


def test_a_signed_in_visitors_page_is_503_too(monkeypatch, django_user_model):
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.create_user("u", "u@example.org", "x"))
    _failing(monkeypatch, OperationalError)

    assert client.get("/me/").status_code == 503


def test_another_failure_is_amurs_500_page(monkeypatch):
    client = Client(raise_request_exception=False)
    _failing(monkeypatch, DatabaseError)

    response = client.get("/events/")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import pytest
from django.db import DatabaseError
from django.db.backends.utils import CursorWrapper


@pytest.mark.django_db
def test_healthz_is_ok_with_the_database_reachable(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_naming_the_dependency_but_not_its_address(client, monkeypatch, caplog):
    def broken(self, sql, params=None):
        raise DatabaseError(
            'connection to server at "10.0.0.5", port 5432 failed: Connection refused'
        )

    # The outside world (the database server) fails; our own code runs unchanged.
    monkeypatch.setattr(CursorWrapper, "execute", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}
    # the driver's message is for the operator's log
    assert "10.0.0.5" in caplog.text

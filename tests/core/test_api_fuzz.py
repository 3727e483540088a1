# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Schemathesis over every operation of the OpenAPI schema (issue 12, part 5), anonymous and
with a token (token revocation left out, or the run would revoke its own token): no answer
is a server error, and every status code is one the schema documents.  Examples are
bounded so that CI stays quick.  Under CI (``CI`` set) the examples are drawn from a fixed
seed, so that a red CI names a failure anyone can reproduce rather than one a later run may
not draw again; elsewhere each run draws new ones, and what they find becomes a test."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error, status_code_conformance

from amur.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
CHECKS = [not_a_server_error, status_code_conformance]
FUZZ = settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=bool(os.environ.get("CI")),
)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calls go straight to the WSGI application, whose end-of-request signal would close
    the database connection holding the test's transaction (PostgreSQL); Django's own test
    client disconnects that handler in the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db):
    """The token of an organisation's administrator, so that writes get past permissions."""
    from amur.accounts.services import api_token_create
    from tests.factories.directory import OrganisationFactory, UserFactory, give_role

    user = UserFactory(username="fuzzer")
    give_role(user, OrganisationFactory(), "admin")
    return api_token_create(user=user, name="schemathesis")[1]


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_anonymous_calls_never_fail_the_server_nor_answer_an_undocumented_status(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.exclude(path_regex=r"/tokens/\{pk\}/revoke$").parametrize()
@FUZZ
def test_calls_with_a_token_never_fail_the_server_nor_answer_an_undocumented_status(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)

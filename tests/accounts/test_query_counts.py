# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A person's API tokens: queries at one row and at twenty are as many."""

import pytest

from amur.accounts.services import api_token_create
from tests.factories.directory import UserFactory
from tests.signed_in_query_counts import assert_signed_in_list_does_not_grow


@pytest.mark.django_db
def test_own_tokens_list_query_count_does_not_grow_with_rows(client):
    user = UserFactory()
    assert_signed_in_list_does_not_grow(
        client,
        "API tokens",
        user,
        "/api/v1/accounts/tokens",
        lambda: api_token_create(user=user, name="laptop"),
    )

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Creating and revoking an API token on the page and through the API: the same inputs are
accepted or refused, and refused with the same message, because the service is the only
gate (issue 11, part 1)."""

import pytest

from amur.accounts.models import ApiToken
from amur.accounts.services import api_token_create
from tests.factories.directory import UserFactory
from tests.parity import api_messages, page_messages

pytestmark = pytest.mark.django_db

CASES = [
    # (case, name typed, message expected; None: accepted)
    ("valid", "Скрипт выгрузки", None),
    ("spaces around", "  backup  ", None),
    ("no name", "  ", "Give the token a name."),
    ("name too long", "т" * 101, "Ensure this value has at most 100 characters (it has 101)."),
]


@pytest.mark.parametrize(("case", "name", "message"), CASES, ids=[c[0] for c in CASES])
def test_page_and_api_accept_and_refuse_tokens_alike(client, case, name, message):
    users = [UserFactory() for _channel in ("page", "api")]
    _token, raw = api_token_create(user=users[1], name="caller")
    client.force_login(users[0])

    page = client.post("/accounts/tokens/", {"name": name})
    client.logout()
    api = client.post(
        "/api/v1/accounts/tokens",
        {"name": name},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )

    made = [list(u.api_tokens.exclude(name="caller").values_list("name", flat=True)) for u in users]
    if message is None:
        assert page.status_code == 200  # the token, shown once
        assert api.status_code == 201
        assert made == 2 * [[name.strip()]]
    else:
        assert api.status_code in (409, 422)
        assert page_messages(page) == [message]
        assert message in api_messages(api)
        assert made == [[], []]


@pytest.mark.parametrize("revoked", [False, True])
def test_page_and_api_revoke_tokens_alike(client, revoked):
    user = UserFactory()
    _caller, raw = api_token_create(user=user, name="caller")
    tokens = [api_token_create(user=user, name=n)[0] for n in ("page", "api")]
    if revoked:
        ApiToken.objects.filter(pk__in=[t.pk for t in tokens]).update(
            revoked_at="2026-01-01T00:00Z"
        )
    client.force_login(user)

    client.post(f"/accounts/tokens/{tokens[0].pk}/revoke/")
    api = client.post(
        f"/api/v1/accounts/tokens/{tokens[1].pk}/revoke", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )

    assert api.status_code == 200
    assert all(ApiToken.objects.get(pk=t.pk).revoked_at for t in tokens)

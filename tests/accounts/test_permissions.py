# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Permission matrix of accounts: roles, tokens."""

import pytest

from amur.accounts.models import ApiToken, OrganisationRole
from amur.accounts.services import api_token_create
from tests.permissions import Snapshot, asks_to_log_in, cast, denied

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {
    "accounts:organisation_roles",
    "accounts:token_create",
    "accounts:token_revoke",
    "accounts:profile",
    "accounts:signup",
    "accounts:email_change",
    "accounts:account_delete",
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
    "accounts:two_factor_disable",
}
VIEWS_READ_ONLY = {
    "accounts:login",
    "accounts:logout",
    "accounts:signup_confirm",
    "accounts:email_change_confirm",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
}
API_COVERED = {"POST /api/v1/accounts/tokens", "POST /api/v1/accounts/tokens/{pk}/revoke"}


@pytest.mark.parametrize("role", ["editor_a", "member_a", "editor_b"])
def test_only_admins_manage_roles(client, role):
    c = cast()
    client.force_login(getattr(c, role))
    before = Snapshot(OrganisationRole)

    page = client.get(f"/accounts/organisations/{c.org_a.pk}/roles/")
    post = client.post(
        f"/accounts/organisations/{c.org_a.pk}/roles/", {"username": "editor_b", "role": "admin"}
    )

    assert denied(page)
    assert denied(post)
    assert before.unchanged()


def test_anonymous_cannot_manage_roles_or_tokens(client):
    c = cast()
    token, _raw = api_token_create(user=c.editor_a, name="t")

    responses = [
        client.post(f"/accounts/organisations/{c.org_a.pk}/roles/", {"username": "x"}),
        client.post("/accounts/tokens/", {"name": "t"}),
        client.post(f"/accounts/tokens/{token.pk}/revoke/"),
        client.post("/accounts/profile/", {"language": "ru"}),
        client.post("/accounts/email/", {"email": "x@example.org", "password": "x"}),
        client.post("/accounts/delete/", {"password": "x"}),
        client.post("/accounts/two-factor/", {"code": "123456"}),
        client.post("/accounts/two-factor/enrol/", {"code": "123456"}),
        client.post("/accounts/two-factor/disable/", {"password": "x"}),
        client.post("/api/v1/accounts/tokens", {"name": "t"}, content_type="application/json"),
        client.post(f"/api/v1/accounts/tokens/{token.pk}/revoke"),
    ]

    assert [asks_to_log_in(r) for r in responses] == [True] * 11


def test_nobody_revokes_another_users_token(client):
    c = cast()
    token, _raw = api_token_create(user=c.editor_a, name="t")
    _own, raw_b = api_token_create(user=c.editor_b, name="b")
    client.force_login(c.editor_b)
    before = Snapshot(ApiToken)

    page = client.post(f"/accounts/tokens/{token.pk}/revoke/")
    api = client.post(
        f"/api/v1/accounts/tokens/{token.pk}/revoke", HTTP_AUTHORIZATION=f"Bearer {raw_b}"
    )

    assert denied(page)
    assert denied(api)
    token.refresh_from_db()
    assert token.revoked_at is None
    assert before.rows[0]["revoked_at"] is None

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The caller's own account: who am I, and personal API tokens."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from amur.accounts import services
from amur.accounts.models import ApiToken, OrganisationRole
from amur.core.api import WRITE_ERRORS, ErrorOut, require_perm, require_user

router = Router(tags=["accounts"])


class RoleOut(Schema):
    organisation: int
    role: str


class MeOut(Schema):
    username: str
    email: str
    is_staff: bool
    roles: list[RoleOut]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str


class TokenIn(Schema):
    name: str


@router.get("/me", response={200: MeOut, 401: ErrorOut})
def me(request):
    user = require_user(request)
    roles = [
        {"organisation": org, "role": role}
        for org, role in OrganisationRole.objects.filter(user=user).values_list(
            "organisation_id", "role"
        )
    ]
    return {
        "username": user.username,
        "email": user.email,
        "is_staff": user.is_staff,
        "roles": roles,
    }


@router.get("/tokens", response={200: list[TokenOut], 401: ErrorOut})
def token_list(request):
    return list(ApiToken.objects.filter(user=require_user(request)))


@router.post("/tokens", response={201: TokenCreatedOut, **WRITE_ERRORS, 422: ErrorOut})
def token_create(request, payload: TokenIn):
    """Create a token; its value is in this response only and never stored."""
    token, raw = services.api_token_create(user=require_user(request), name=payload.name)
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": raw})


@router.post("/tokens/{pk}/revoke", response={200: TokenOut, 401: ErrorOut, 403: ErrorOut})
def token_revoke(request, pk: int):
    user = require_user(request)
    token = get_object_or_404(ApiToken, pk=pk, user=user)
    require_perm(request, "accounts.revoke_apitoken", token)
    services.api_token_revoke(token=token)
    return token

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The base of Amur's one permission rule set.

Almost everything belongs to an organisation.  A user's roles in that organisation
(admin, editor, member; ``accounts.OrganisationRole``) decide what they may do to it.
Each app composes these predicates in its ``rules.py`` and registers permissions named
``<app>.<action>_<model>``; views and API endpoints both ask ``user.has_perm(name, obj)``.
Platform staff (``is_staff``) pass every rule.

An object says which organisation owns it in one of three ways, tried in order:
an ``owning_organisation_id()`` method, an ``organisation_id`` attribute, or being an
organisation itself.
"""

from __future__ import annotations

from collections.abc import Iterable

import rules
from django.apps import apps
from django.db.models import QuerySet

ADMIN, EDITOR, MEMBER = "admin", "editor", "member"
ROLE_RANK = {MEMBER: 1, EDITOR: 2, ADMIN: 3}


def owning_organisation_id(obj) -> int | None:
    if obj is None:
        return None
    method = getattr(obj, "owning_organisation_id", None)
    if callable(method):
        return method()
    if hasattr(obj, "organisation_id"):
        return obj.organisation_id
    if obj._meta.label_lower == "directory.organisation":
        return obj.pk
    raise TypeError(f"{obj._meta.label} does not say which organisation owns it")


def user_roles(user) -> dict[int, str]:
    """``{organisation_id: role}`` for ``user``, cached on the user object per request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_amur_roles", None)
    if cached is None:
        role_model = apps.get_model("accounts", "OrganisationRole")
        cached = dict(role_model.objects.filter(user=user).values_list("organisation_id", "role"))
        user._amur_roles = cached
    return cached


def forget_roles(user) -> None:
    """Drop the per-request cache after roles change (tests, role services)."""
    if hasattr(user, "_amur_roles"):
        del user._amur_roles


def has_role(user, organisation_id: int | None, minimum: str) -> bool:
    if organisation_id is None:
        return False
    role = user_roles(user).get(organisation_id)
    return role is not None and ROLE_RANK[role] >= ROLE_RANK[minimum]


def organisations_where(user, minimum: str) -> list[int]:
    """Ids of the organisations where ``user`` holds at least the ``minimum`` role."""
    return [
        org_id for org_id, role in user_roles(user).items() if ROLE_RANK[role] >= ROLE_RANK[minimum]
    ]


def organisations_acting_for(user, minimum_role: str) -> QuerySet:
    """The organisations ``user`` may act for with at least ``minimum_role``, as a
    queryset of ``directory.Organisation``: every one for platform staff (who pass every
    rule, so every choice of "on behalf of" must offer them all), none for anonymous or
    deactivated users, else those where a role of that rank or above is held."""
    organisation_model = apps.get_model("directory", "Organisation")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return organisation_model.objects.none()
    if user.is_staff:
        return organisation_model.objects.all()
    return organisation_model.objects.filter(pk__in=organisations_where(user, minimum_role))


def role_predicate(minimum: str, name: str) -> rules.Predicate:
    @rules.predicate(name=name)
    def predicate(user, obj=None) -> bool:
        if obj is None:
            return False
        return has_role(user, owning_organisation_id(obj), minimum)

    return predicate


is_staff = rules.is_staff
is_authenticated = rules.is_authenticated
is_org_admin = role_predicate(ADMIN, "is_org_admin")
is_org_editor = role_predicate(EDITOR, "is_org_editor")  # editors and admins
is_org_member = role_predicate(MEMBER, "is_org_member")  # any role


def is_org_role_in(minimum: str, organisation_ids: Iterable[int | None], user) -> bool:
    """True when ``user`` holds ``minimum`` in any of ``organisation_ids``."""
    return any(has_role(user, org_id, minimum) for org_id in organisation_ids)


def check(user, permission: str, obj=None) -> None:
    """For views: raise PermissionDenied (403) unless ``user`` holds ``permission``."""
    from django.core.exceptions import PermissionDenied

    if not user.has_perm(permission, obj):
        raise PermissionDenied

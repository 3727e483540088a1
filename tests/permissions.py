# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Shared pieces of the permission-matrix tests.

Every app lists its write views and API endpoints as ``WriteCase`` rows in its own
``tests/<app>/test_permissions.py`` and registers the URL names it covers in
``COVERED`` there; ``tests/test_permission_matrix.py`` fails when a URL that accepts POST
is not covered by any app.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.factories.directory import OrganisationFactory, UserFactory, give_role


@dataclass
class Cast:
    """Organisation A (owner) and B (outsider), with a user in each role."""

    org_a: object
    org_b: object
    admin_a: object
    editor_a: object
    member_a: object
    editor_b: object
    staff: object


def cast() -> Cast:
    org_a, org_b = OrganisationFactory(), OrganisationFactory()
    users = {
        name: UserFactory(username=name) for name in ("admin_a", "editor_a", "member_a", "editor_b")
    }
    give_role(users["admin_a"], org_a, "admin")
    give_role(users["editor_a"], org_a, "editor")
    give_role(users["member_a"], org_a, "member")
    give_role(users["editor_b"], org_b, "editor")
    staff = UserFactory(username="staff")
    staff.is_staff = True
    staff.save()
    return Cast(org_a=org_a, org_b=org_b, staff=staff, **users)


def denied(response) -> bool:
    """403 or 404 (existence hidden), never a success or a redirect to a result."""
    return response.status_code in (403, 404)


def asks_to_log_in(response) -> bool:
    if response.status_code == 401:
        return True
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


@dataclass
class Snapshot:
    """The rows of a model before an attempt, to prove that nothing changed."""

    model: type
    rows: list = field(default_factory=list)

    def __post_init__(self):
        self.rows = list(self.model.objects.order_by("pk").values())

    def unchanged(self) -> bool:
        return list(self.model.objects.order_by("pk").values()) == self.rows

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Permission matrix of core's own pages: the audit trail is for platform staff only."""

import pytest

from tests.factories.directory import OrganisationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {"audit"}


@pytest.mark.parametrize("who", [None, "member", "org_admin"])
def test_only_platform_staff_read_the_trail(client, who):
    user = None
    if who:
        user = UserFactory()
        give_role(user, OrganisationFactory(), "admin" if who == "org_admin" else "member")
        client.force_login(user)

    response = client.get("/audit/")
    download = client.get("/audit/", {"format": "csv"})

    if who is None:
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == 403
        assert download.status_code == 403

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Permission matrix of core's own pages: the audit trail and the failed e-mails are for
platform staff only."""

import pytest
from django.utils import timezone

from amur.core.enums import MailStatus
from amur.core.models import OutgoingMail
from tests.factories.directory import OrganisationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db

VIEWS_COVERED = {"audit", "mail_failures", "mail_failure_resend"}


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


@pytest.mark.parametrize("who", [None, "member", "org_admin"])
def test_only_platform_staff_see_and_resend_failed_mail(client, who):
    failed = OutgoingMail.objects.create(
        to=["olga@example.org"],
        from_email="amur@example.org",
        subject="s",
        body="b",
        status=MailStatus.FAILED,
        attempts=5,
        next_try_at=timezone.now(),
    )
    if who:
        user = UserFactory()
        give_role(user, OrganisationFactory(), "admin" if who == "org_admin" else "member")
        client.force_login(user)

    page = client.get("/mail/")
    resend = client.post(f"/mail/{failed.pk}/resend/")
    api = client.get("/api/v1/core/mail/failed")

    failed.refresh_from_db()
    assert failed.status == MailStatus.FAILED
    if who is None:
        assert [page.status_code, resend.status_code, api.status_code] == [302, 302, 401]
        assert "/accounts/login/" in page["Location"]
    else:
        assert [page.status_code, resend.status_code, api.status_code] == [403, 403, 403]

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The reference lists: queries at one row and at twenty are as many (tests/query_counts.py)."""

import itertools

import pytest
from django.utils import timezone

from amur.core.enums import MailStatus
from amur.core.models import OutgoingMail
from tests.factories.core import FieldOfExchangeFactory, PlaceFactory
from tests.factories.directory import UserFactory
from tests.query_counts import ListCase, assert_queries_do_not_grow
from tests.signed_in_query_counts import assert_signed_in_list_does_not_grow

_keys = itertools.count()


def _place(_scene):
    return PlaceFactory(key=f"place-{next(_keys)}")


def _field(_scene):
    return FieldOfExchangeFactory(key=f"field-{next(_keys)}")


CASES = [
    ListCase("API places", lambda s: "/api/v1/core/places", _place),
    ListCase("API fields", lambda s: "/api/v1/core/fields", _field),
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=str)
def test_list_query_count_does_not_grow_with_rows(client, case):
    assert_queries_do_not_grow(client, case)


@pytest.mark.django_db
def test_failed_mails_list_query_count_does_not_grow_with_rows(client):
    def add():
        return OutgoingMail.objects.create(
            to=["office@hrbcu.example"],
            from_email="amur@example.org",
            subject="Ваша заявка",
            body="…",
            status=MailStatus.FAILED,
            attempts=5,
            next_try_at=timezone.now(),
            last_error="550 mailbox unavailable",
        )

    staff = UserFactory(is_staff=True)
    for url in ("/api/v1/core/mail/failed", "/mail/"):
        OutgoingMail.objects.all().delete()
        assert_signed_in_list_does_not_grow(client, f"failed mails {url}", staff, url, add)

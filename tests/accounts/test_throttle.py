# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Issue 12, part 3: sign-ups and password resets are limited per client and per e-mail
address, so one client cannot flood an address (or the mail server) from the page."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import TestCase

from amur.accounts.services import PER_ADDRESS_PER_HOUR, PER_CLIENT_PER_HOUR
from amur.core.models import ThrottleHit
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a long Amur river 2026"
CLIENT_LIMIT = "Too many requests from your connection in the last hour"
ADDRESS_LIMIT = "Too many requests for this e-mail address in the last hour"


def _sign_up(client, n, address="203.0.113.5"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            "/accounts/signup/",
            {
                "username": f"user{n}",
                "email": f"user{n}@example.org",
                "language": "ru",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            REMOTE_ADDR=address,
        )


def _reset(client, email, address="203.0.113.5"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/accounts/password-reset/", {"email": email}, REMOTE_ADDR=address)


def test_one_client_signs_up_a_limited_number_of_times_an_hour(client):
    allowed = [_sign_up(client, n).status_code for n in range(PER_CLIENT_PER_HOUR)]

    refused = _sign_up(client, 99)
    elsewhere = _sign_up(client, 98, address="198.51.100.7")

    assert allowed == [200] * PER_CLIENT_PER_HOUR
    assert refused.status_code == 429
    assert CLIENT_LIMIT in refused.content.decode()
    assert not get_user_model().objects.filter(username="user99").exists()
    assert elsewhere.status_code == 200
    assert len(mail.outbox) == PER_CLIENT_PER_HOUR + 1


def test_one_client_asks_for_a_limited_number_of_reset_links_an_hour(client):
    allowed = [
        _reset(client, f"someone{n}@example.org").status_code for n in range(PER_CLIENT_PER_HOUR)
    ]

    refused = _reset(client, "ivan@example.org")

    assert allowed == [302] * PER_CLIENT_PER_HOUR
    assert refused.status_code == 429
    assert CLIENT_LIMIT in refused.content.decode()


def test_one_address_gets_a_limited_number_of_reset_links_an_hour_from_any_client(client):
    UserFactory(email="ivan@example.org")
    addresses = [f"198.51.100.{n}" for n in range(PER_ADDRESS_PER_HOUR + 1)]

    answers = [_reset(client, "IVAN@example.org", address=a).status_code for a in addresses]
    refused = _reset(client, "ivan@example.org", address="192.0.2.1")

    assert answers[:PER_ADDRESS_PER_HOUR] == [302] * PER_ADDRESS_PER_HOUR
    assert answers[PER_ADDRESS_PER_HOUR] == 429
    assert ADDRESS_LIMIT in refused.content.decode()
    assert len(mail.outbox) == PER_ADDRESS_PER_HOUR


def test_the_limits_store_no_address():
    from amur.accounts.services import password_reset_throttle

    password_reset_throttle(client="addr:0123", email="ivan@example.org")

    keys = list(ThrottleHit.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert not any("ivan" in key for key in keys)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Issue 12, part 3: password hashing, lock-out after failed logins, session expiry."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from amur import settings as amur_settings
from tests.factories.directory import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a long Amur river 2026"


@pytest.fixture
def real_hashers(settings):
    # The suite hashes with MD5 for speed (tests/conftest.py); these tests need the
    # platform's own list.
    settings.PASSWORD_HASHERS = amur_settings.PASSWORD_HASHERS


def log_in(client, username, password=PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)


def test_new_password_is_stored_as_argon2(real_hashers):
    user = UserFactory(username="olga")

    user.set_password(PASSWORD)
    user.save()

    assert user.password.startswith("argon2$argon2id$")


def test_old_pbkdf2_password_still_logs_in_and_is_upgraded_to_argon2(client, real_hashers):
    user = UserFactory(username="olga")
    get_user_model().objects.filter(pk=user.pk).update(
        password=make_password(PASSWORD, hasher="pbkdf2_sha256")
    )

    response = log_in(client, "olga")

    user.refresh_from_db()
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.password.startswith("argon2$argon2id$")

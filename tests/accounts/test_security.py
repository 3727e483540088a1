# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Issue 12, part 3: password hashing, lock-out after failed logins, session expiry."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

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


@pytest.fixture
def lockout(settings):
    # The suite runs with the lock-out off (pyproject.toml); these tests are about it.
    settings.AXES_ENABLED = True


HOME = {"REMOTE_ADDR": "203.0.113.7"}
ELSEWHERE = {"REMOTE_ADDR": "198.51.100.20"}


def fail(client, username, times, **extra):
    return [log_in(client, username, "wrong password", **extra).status_code for _ in range(times)]


def test_five_wrong_passwords_lock_the_account_out_from_that_address(client, lockout):
    UserFactory(username="olga", password=PASSWORD)

    statuses = fail(client, "olga", 5, **HOME)
    right = log_in(client, "olga", **HOME)

    assert statuses == [200, 200, 200, 200, 429]
    assert right.status_code == 429
    assert "Too many failed log-ins" in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_lock_out_page_speaks_the_readers_language(client, lockout):
    UserFactory(username="olga", password=PASSWORD)
    fail(client, "olga", 5, **HOME)

    page = log_in(client, "olga", HTTP_ACCEPT_LANGUAGE="ru", **HOME)

    assert page.status_code == 429
    assert "Слишком много неудачных попыток входа" in page.content.decode()
    assert "Попробуйте снова через 30 мин." in page.content.decode()


def test_lock_out_spares_other_accounts_and_other_addresses(client, lockout, django_user_model):
    UserFactory(username="olga", password=PASSWORD)
    UserFactory(username="ivan", password=PASSWORD)
    fail(client, "olga", 5, **HOME)

    other_account = log_in(client, "ivan", **HOME)
    client.logout()
    other_address = log_in(client, "olga", **ELSEWHERE)

    assert other_account.status_code == 302
    assert other_address.status_code == 302
    assert client.session["_auth_user_id"] == str(django_user_model.objects.get(username="olga").pk)


def test_lock_out_ends_after_the_cool_off(client, lockout, settings):
    from axes.models import AccessAttempt

    UserFactory(username="olga", password=PASSWORD)
    fail(client, "olga", 5, **HOME)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )

    response = log_in(client, "olga", **HOME)

    assert response.status_code == 302


def test_an_address_trying_many_accounts_is_locked_out_for_every_account(client, lockout):
    UserFactory(username="olga", password=PASSWORD)
    for n in range(25):
        fail(client, f"guess{n}", 2, **HOME)

    from_there = log_in(client, "olga", **HOME)
    from_elsewhere = log_in(client, "olga", **ELSEWHERE)

    assert from_there.status_code == 429
    assert from_elsewhere.status_code == 302


def test_an_account_guessed_from_many_addresses_is_locked_out(client, lockout):
    UserFactory(username="olga", password=PASSWORD)
    for n in range(5):
        fail(client, "olga", 4, REMOTE_ADDR=f"192.0.2.{n + 1}")

    response = log_in(client, "olga", **ELSEWHERE)

    assert response.status_code == 429


def test_locked_out_attempts_never_reach_the_password_hasher_nor_are_written(
    client, lockout, monkeypatch
):
    from axes.models import AccessAttempt
    from django.contrib.auth.hashers import MD5PasswordHasher

    UserFactory(username="olga", password=PASSWORD)
    fail(client, "olga", 5, **HOME)
    calls = []
    monkeypatch.setattr(MD5PasswordHasher, "verify", lambda *a: calls.append(a) or False)

    statuses = fail(client, "olga", 20, **HOME)

    assert calls == []
    assert set(statuses) == {429}
    assert list(AccessAttempt.objects.values_list("failures_since_start", flat=True)) == [5]


def test_behind_a_proxy_the_forwarded_address_counts(client, lockout, settings):
    settings.AMUR_PROXY_COUNT = 1
    UserFactory(username="olga", password=PASSWORD)
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    # The client writes a fake left-most entry; only the proxy's own (right-most) counts.
    fail(client, "olga", 5, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", **proxy)

    same_client = log_in(client, "olga", HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.7", **proxy)
    other_client = log_in(client, "olga", HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)

    assert same_client.status_code == 429
    assert other_client.status_code == 302


def idle_for(client, seconds):
    from amur.accounts.middleware import LAST_SEEN_KEY

    session = client.session
    session[LAST_SEEN_KEY] -= seconds
    session.save()


def test_a_session_lasts_two_weeks(client):
    UserFactory(username="olga", password=PASSWORD)

    log_in(client, "olga")

    assert client.session.get_expiry_age() == 14 * 24 * 3600


def test_staff_idle_for_more_than_twelve_hours_are_logged_out(client, lockout):
    UserFactory(username="admin", password=PASSWORD, is_staff=True)
    log_in(client, "admin")
    client.get("/accounts/profile/")
    idle_for(client, 12 * 3600 + 1)

    response = client.get("/accounts/profile/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_staff_active_within_twelve_hours_stay_logged_in(client):
    UserFactory(username="admin", password=PASSWORD, is_staff=True)
    log_in(client, "admin")
    client.get("/accounts/profile/")
    idle_for(client, 11 * 3600)

    first = client.get("/accounts/profile/")
    idle_for(client, 11 * 3600)
    second = client.get("/accounts/profile/")

    assert [first.status_code, second.status_code] == [200, 200]


def test_other_users_are_not_logged_out_after_twelve_idle_hours(client):
    user = UserFactory(username="olga", password=PASSWORD)
    client.force_login(user)
    session = client.session
    session["amur_last_seen"] = 1
    session.save()

    response = client.get("/accounts/profile/")

    assert response.status_code == 200

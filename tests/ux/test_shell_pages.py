# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The page shell around every module: account pages, favicon, "My Amur" behind login."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path", ["/accounts/password-reset/", "/accounts/password-reset/sent/", "/accounts/login/"]
)
@override_settings(LANGUAGE_CODE="zh-hans")
def test_account_pages_use_amurs_templates_not_the_admins(client, path):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")

    html = response.content.decode()
    assert response.status_code == 200
    assert "site-nav" in html
    assert "Django" not in html


def test_favicon_exists(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("core/favicon.svg")


def test_my_amur_asks_for_login(client):
    response = client.get("/me/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

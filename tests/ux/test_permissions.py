# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The product-wide pages of core: the front door's search and "My Amur"."""

import pytest

VIEWS_COVERED = {"mine"}
VIEWS_READ_ONLY = {"search"}

pytestmark = pytest.mark.django_db


def test_my_amur_is_for_the_signed_in_only(client, django_user_model):
    anonymous = client.get("/me/")
    client.force_login(django_user_model.objects.create_user("reader"))

    signed_in = client.get("/me/")

    assert anonymous.status_code == 302
    assert signed_in.status_code == 200

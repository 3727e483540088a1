# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""organisations_acting_for: the one answer to "on behalf of which organisations may this
user act at this rank", asked by every form that offers an organisation to act for."""

import pytest
from django.contrib.auth.models import AnonymousUser

from amur.core.permissions import ADMIN, EDITOR, MEMBER, organisations_acting_for
from tests.factories.directory import OrganisationFactory, UserFactory, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    """Two organisations; the user under test holds a role in the first one only."""
    ours, other = OrganisationFactory(), OrganisationFactory()
    return ours, other


def _user(who: str, ours):
    if who == "anonymous":
        return AnonymousUser()
    user = UserFactory()
    if who == "staff":
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    elif who in (ADMIN, EDITOR, MEMBER):
        give_role(user, ours, who)
    elif who == "inactive":
        give_role(user, ours, ADMIN)
        user.is_staff = True
        user.is_active = False
        user.save(update_fields=["is_staff", "is_active"])
    return user


# (who, minimum role) → which of (ours, other) are offered.
MATRIX = [
    ("staff", ADMIN, {"ours", "other"}),
    ("staff", EDITOR, {"ours", "other"}),
    ("staff", MEMBER, {"ours", "other"}),
    (ADMIN, ADMIN, {"ours"}),
    (ADMIN, EDITOR, {"ours"}),
    (ADMIN, MEMBER, {"ours"}),
    (EDITOR, ADMIN, set()),
    (EDITOR, EDITOR, {"ours"}),
    (EDITOR, MEMBER, {"ours"}),
    (MEMBER, ADMIN, set()),
    (MEMBER, EDITOR, set()),
    (MEMBER, MEMBER, {"ours"}),
    ("outsider", ADMIN, set()),
    ("outsider", MEMBER, set()),
    ("inactive", MEMBER, set()),
    ("inactive", ADMIN, set()),
    ("anonymous", MEMBER, set()),
]


@pytest.mark.parametrize(("who", "minimum", "expected"), MATRIX)
def test_organisations_acting_for_matrix(scene, who, minimum, expected):
    ours, other = scene
    user = _user(who, ours)

    found = organisations_acting_for(user, minimum)

    names = {"ours": ours.pk, "other": other.pk}
    assert set(found.values_list("pk", flat=True)) == {names[n] for n in expected}


def test_organisations_acting_for_is_a_queryset_usable_as_a_subquery(scene):
    ours, _other = scene
    editor = _user(EDITOR, ours)

    found = organisations_acting_for(editor, EDITOR).order_by("pk")

    assert list(found) == [ours]
    assert list(type(ours).objects.filter(pk__in=found.values("pk"))) == [ours]

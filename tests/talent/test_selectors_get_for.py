# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scoped lookups of the talent module: a profile picked from the pool is never a hidden
one, a credential or a candidacy is found only by its own person, a candidate only by
those who see its need."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from amur.talent import rules as talent_rules
from amur.talent import selectors
from amur.talent.enums import NeedStatus
from amur.talent.models import Candidate, LanguageCredential, Need
from tests.factories.directory import PersonFactory, UserFactory
from tests.factories.talent import need, talent
from tests.permissions import cast

pytestmark = pytest.mark.django_db


def _found(lookup) -> bool:
    try:
        lookup()
    except Http404:
        return False
    return True


@pytest.mark.parametrize(
    ("visibility", "anonymous", "signed_in", "own"),
    [
        ("public", True, True, True),
        ("members", False, True, True),
        ("hidden", False, False, False),
    ],
)
def test_a_listed_profile_is_never_a_hidden_one_not_even_ones_own(
    visibility, anonymous, signed_in, own
):
    owner = UserFactory()
    profile = talent(visibility=visibility, user=owner)

    found = [
        _found(lambda u=u: selectors.listed_profile_get_for(u, pk=profile.pk))
        for u in (AnonymousUser(), UserFactory(), owner)
    ]

    assert found == [anonymous, signed_in, own]


def test_a_listed_profile_other_than_the_one_excluded():
    profile = talent()

    with pytest.raises(Http404):
        selectors.listed_profile_get_for(UserFactory(), pk=profile.pk, exclude=profile)


def test_a_credential_is_found_by_its_own_person_only():
    owner = UserFactory()
    profile = talent(user=owner, credentials=[("zh", "hsk3", "4")])
    credential = LanguageCredential.objects.get(person=profile.person)
    staff = UserFactory(is_staff=True)

    assert selectors.credential_get_for(owner, pk=credential.pk) == credential
    assert not _found(lambda: selectors.credential_get_for(staff, pk=credential.pk))
    assert not _found(lambda: selectors.credential_get_for(AnonymousUser(), pk=credential.pk))


@pytest.mark.parametrize(
    ("who", "open_need", "closed_need"),
    [
        ("anonymous", True, False),
        ("editor_b", True, False),
        ("member_a", True, True),
        ("editor_a", True, True),
        ("staff", True, True),
    ],
)
def test_a_candidate_is_found_by_whoever_sees_its_need(who, open_need, closed_need):
    c = cast()
    user = AnonymousUser() if who == "anonymous" else getattr(c, who)
    person = talent()
    candidates = []
    for status in (NeedStatus.OPEN, NeedStatus.CLOSED):
        stated = need(organisation=c.org_a)
        Need.objects.filter(pk=stated.pk).update(status=status)
        candidates.append(Candidate.objects.create(need=stated, profile=person))

    found = [_found(lambda x=x: selectors.candidate_get_for(user, pk=x.pk)) for x in candidates]

    assert found == [open_need, closed_need]


def test_a_candidacy_is_confirmed_only_by_the_shortlisted_person():
    c = cast()
    owner = UserFactory()
    candidate = Candidate.objects.create(
        need=need(organisation=c.org_a), profile=talent(user=owner)
    )

    assert selectors.own_candidacy_get_for(owner, pk=candidate.pk) == candidate
    for other in (c.editor_a, c.staff, AnonymousUser()):
        assert not _found(lambda o=other: selectors.own_candidacy_get_for(o, pk=candidate.pk))


def test_a_profile_is_kept_by_its_person_and_staff_only():
    c = cast()
    owner = UserFactory()
    person = talent(user=owner).person

    kept = {
        name: talent_rules.keeps_profile_of.test(user, person)
        for name, user in [
            ("owner", owner),
            ("staff", c.staff),
            ("editor_a", c.editor_a),
            ("anonymous", AnonymousUser()),
        ]
    }

    assert kept == {"owner": True, "staff": True, "editor_a": False, "anonymous": False}
    assert not talent_rules.keeps_profile_of.test(owner, PersonFactory())

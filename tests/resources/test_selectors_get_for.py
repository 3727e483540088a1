# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scoped lookups of the resources app: a version or a proposal is found only through a
resource the user sees, an unpublished version only by the owner's side; the termbase is
public."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from amur.resources import selectors
from amur.resources.models import TranslationProposal
from tests.factories.resources import ConceptFactory, ResourceFactory, VersionFactory
from tests.permissions import cast

pytestmark = pytest.mark.django_db


def _found(lookup) -> bool:
    try:
        lookup()
    except Http404:
        return False
    return True


@pytest.mark.parametrize(
    ("who", "published", "unpublished", "of_draft"),
    [
        ("anonymous", True, False, False),
        ("editor_b", True, False, False),
        ("member_a", True, True, True),
        ("editor_a", True, True, True),
        ("staff", True, True, True),
    ],
)
def test_a_version_is_found_through_a_visible_resource_unpublished_by_the_owners_side(
    who, published, unpublished, of_draft
):
    c = cast()
    user = AnonymousUser() if who == "anonymous" else getattr(c, who)
    resource = ResourceFactory(organisation=c.org_a)
    draft = ResourceFactory(organisation=c.org_a, status="draft", published_at=None)
    versions = [
        VersionFactory(resource=resource),
        VersionFactory(resource=resource, language="ru", status="draft"),
        VersionFactory(resource=draft),
    ]

    found = [_found(lambda v=v: selectors.version_get_for(user, pk=v.pk)) for v in versions]

    assert found == [published, unpublished, of_draft]


def test_a_version_is_looked_for_in_the_resource_given_published_only_if_asked():
    c = cast()
    resource = ResourceFactory(organisation=c.org_a)
    published = VersionFactory(resource=resource)
    draft = VersionFactory(resource=resource, language="ru", status="draft")
    elsewhere = VersionFactory(resource=ResourceFactory(organisation=c.org_a))

    def finds(version, **options) -> bool:
        return _found(
            lambda: selectors.version_get_for(c.staff, pk=version.pk, resource=resource, **options)
        )

    assert [finds(published), finds(draft), finds(elsewhere)] == [True, True, False]
    assert [finds(published, published_only=True), finds(draft, published_only=True)] == [
        True,
        False,
    ]


@pytest.mark.parametrize(("who", "sees"), [("member_a", True), ("editor_b", False)])
def test_a_proposal_is_found_by_those_who_see_its_resource(who, sees):
    c = cast()
    draft = ResourceFactory(organisation=c.org_a, status="draft", published_at=None)
    proposal = TranslationProposal.objects.create(
        resource=draft, language="ru", source=VersionFactory(resource=draft), organisation=c.org_a
    )

    assert _found(lambda: selectors.proposal_get_for(getattr(c, who), pk=proposal.pk)) is sees


def test_a_concept_is_found_by_anyone_and_an_unknown_one_is_a_404():
    concept = ConceptFactory()

    assert selectors.concept_get_for(AnonymousUser(), pk=concept.pk) == concept
    with pytest.raises(Http404):
        selectors.concept_get_for(AnonymousUser(), pk=concept.pk + 1)

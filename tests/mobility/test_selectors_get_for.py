# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Scoped lookups of mobility's public objects (agreements, calls, programmes) and of an
application: found for everyone who addresses them, 404 when there is none; what a user
may do to the object is then asked of ``rules.py``, so visible-but-not-allowed is a 403."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from amur.directory.selectors import organisation_get_for
from amur.mobility import selectors
from amur.mobility.models import AgreementDocument, Cohort, Condition, JointProgramme
from tests.factories.mobility import AgreementFactory, ApplicationFactory, CallFactory
from tests.permissions import cast

pytestmark = pytest.mark.django_db

WHO = ["anonymous", "member_a", "editor_a", "editor_b", "staff"]


@pytest.fixture
def scene():
    c = cast()
    agreement = AgreementFactory(owner=c.org_a)
    agreement.partners.set([c.org_a, c.org_b])
    call = CallFactory(agreement=agreement, sending=c.org_a, host=c.org_b)
    programme = JointProgramme.objects.create(kind="dual_degree", title_en="MA", owner=c.org_a)
    programme.partners.set([c.org_a, c.org_b])
    return c, agreement, call, programme


def _user(c, who):
    return AnonymousUser() if who == "anonymous" else getattr(c, who)


@pytest.mark.parametrize("who", WHO)
def test_public_objects_are_found_for_everyone(scene, who):
    c, agreement, call, programme = scene
    condition = Condition.objects.create(
        agreement=agreement, sending=c.org_a, receiving=c.org_b, academic_year="2026/2027"
    )
    cohort = Cohort.objects.create(programme=programme, intake_year=2026)
    user = _user(c, who)

    found = [
        selectors.agreement_get_for(user, pk=agreement.pk),
        selectors.condition_get_for(user, pk=condition.pk),
        selectors.call_get_for(user, pk=call.pk),
        selectors.programme_get_for(user, pk=programme.pk),
        selectors.cohort_get_for(user, pk=cohort.pk),
        organisation_get_for(user, pk=c.org_a.pk),
        organisation_get_for(user, slug=c.org_b.slug),
    ]

    assert found == [agreement, condition, call, programme, cohort, c.org_a, c.org_b]


@pytest.mark.parametrize(
    "lookup",
    [
        selectors.agreement_get_for,
        selectors.condition_get_for,
        selectors.agreement_document_get_for,
        selectors.call_get_for,
        selectors.application_get_for,
        selectors.application_document_get_for,
        selectors.programme_get_for,
        selectors.cohort_get_for,
        organisation_get_for,
    ],
)
def test_an_unknown_object_is_a_404_even_for_staff(scene, lookup):
    c = scene[0]

    with pytest.raises(Http404):
        lookup(c.staff, pk=987654)


def test_an_agreement_document_is_found_only_through_its_own_agreement(scene):
    c, agreement, _call, _programme = scene
    document = AgreementDocument.objects.create(
        agreement=agreement, language="ru", title="Соглашение", file="x.pdf"
    )
    other = AgreementFactory(owner=c.org_b)

    assert selectors.agreement_document_get_for(c.staff, pk=document.pk) == document
    assert selectors.agreement_document_get_for(c.staff, pk=document.pk, agreement=agreement) == (
        document
    )
    with pytest.raises(Http404):
        selectors.agreement_document_get_for(c.staff, pk=document.pk, agreement=other)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("applicant", True), ("editor_a", True), ("staff", True), ("member_a", False)],
)
def test_an_application_is_found_then_refused_to_those_outside_it(scene, who, allowed):
    c, _agreement, call, _programme = scene
    application = ApplicationFactory(call=call)
    user = application.applicant if who == "applicant" else getattr(c, who)

    found = selectors.application_get_for(user, pk=application.pk)

    assert found == application
    assert user.has_perm("mobility.view_application", found) is allowed


def test_the_page_and_the_api_answer_an_unknown_call_with_a_404(client):
    page = client.get("/mobility/calls/987654/")
    api = client.get("/api/v1/mobility/agreements/987654")

    assert (page.status_code, api.status_code) == (404, 404)
    assert api.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("member_a", True),
        ("editor_b", True),
        ("staff", True),
    ],
)
def test_a_draft_agreement_is_seen_by_its_partners_members_only(client, scene, who, sees):
    """A draft under negotiation: its partners' members and staff find it (page, API,
    its conditions, the index and the organisation's page); anyone else gets a 404 and
    does not see it listed."""
    from tests.factories.directory import OrganisationFactory, UserFactory, give_role

    c, agreement, _call, _programme = scene
    agreement.status = "draft"
    agreement.title_en = "Draft exchange of composers"
    agreement.save()
    condition = Condition.objects.create(
        agreement=agreement, sending=c.org_a, receiving=c.org_b, academic_year="2026/2027"
    )
    outsider = UserFactory()
    give_role(outsider, OrganisationFactory(), "editor")
    user = outsider if who == "outsider" else _user(c, who)
    if who != "anonymous":
        client.force_login(user)

    page = client.get(f"/mobility/agreements/{agreement.pk}/")
    api = client.get(f"/api/v1/mobility/agreements/{agreement.pk}")
    index = client.get("/mobility/").content.decode()
    partners_page = client.get(f"/mobility/organisations/{c.org_b.pk}/agreements/")

    assert page.status_code == api.status_code == (200 if sees else 404)
    assert (agreement in partners_page.context["agreements"]) is sees
    assert ("Draft exchange of composers" in index) is sees
    if sees:
        assert selectors.condition_get_for(user, pk=condition.pk) == condition
    else:
        with pytest.raises(Http404):
            selectors.condition_get_for(user, pk=condition.pk)

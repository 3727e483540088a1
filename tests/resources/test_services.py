# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Resources: audiences, licences, linked translations, revisions and the sharing flows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from amur.core.models import AuditEntry
from amur.resources import selectors, services
from amur.resources.models import Adoption, Resource
from amur.resources.services import ResourcesError
from amur.talent import services as talent_services
from amur.talent.models import Task
from tests.factories.alliances import AllianceFactory, MembershipFactory
from tests.factories.core import FieldOfExchangeFactory
from tests.factories.directory import OrganisationFactory, UserFactory, give_role
from tests.factories.resources import (
    ResourceFactory,
    VersionFactory,
    pdf_upload,
    published_resource,
)
from tests.factories.talent import talent

pytestmark = pytest.mark.django_db


def _person_of(organisation, role="member"):
    user = UserFactory()
    give_role(user, organisation, role)
    return user


def _visible(user) -> list[Resource]:
    return list(selectors.resources_visible_to(user).order_by("pk"))


def test_a_public_resource_is_visible_to_anonymous_and_a_draft_is_not(django_user_model):
    public = ResourceFactory(audience="public")
    ResourceFactory(audience="public", status="draft")
    anonymous = django_user_model()  # unsaved: not authenticated-looking, no roles

    from django.contrib.auth.models import AnonymousUser

    assert _visible(AnonymousUser()) == [public]
    assert anonymous is not None


def test_an_alliance_resource_reaches_active_members_only():
    alliance = AllianceFactory()
    owner, member, suspended, outsider = (OrganisationFactory() for _ in range(4))
    MembershipFactory(alliance=alliance, organisation=owner)
    MembershipFactory(alliance=alliance, organisation=member)
    MembershipFactory(alliance=alliance, organisation=suspended, status="suspended")
    resource = ResourceFactory(organisation=owner, audience="alliance", alliance=alliance)

    assert _visible(_person_of(member)) == [resource]
    assert _visible(_person_of(suspended)) == []
    assert _visible(_person_of(outsider)) == []
    assert _visible(_person_of(owner)) == [resource]


def test_a_partners_resource_reaches_the_named_partners_only():
    partner, other = OrganisationFactory(), OrganisationFactory()
    resource = ResourceFactory(audience="partners")
    resource.partners.add(partner)

    assert _visible(_person_of(partner)) == [resource]
    assert _visible(_person_of(other)) == []


def test_an_owner_only_resource_and_drafts_are_seen_by_the_owners_people_only():
    resource = ResourceFactory(audience="owner")
    draft = ResourceFactory(organisation=resource.organisation, status="draft")

    assert _visible(_person_of(resource.organisation)) == [resource, draft]
    assert _visible(_person_of(OrganisationFactory())) == []


def test_all_rights_reserved_lets_the_audience_preview_but_not_download():
    resource = published_resource(licence="all-rights-reserved")
    reader, owner_person = UserFactory(), _person_of(resource.organisation)

    assert reader.has_perm("resources.view_resource", resource)
    assert not reader.has_perm("resources.download_resource", resource)
    assert owner_person.has_perm("resources.download_resource", resource)


def test_create_classifies_and_derives_the_eqf_level_from_the_national_level():
    org = OrganisationFactory()
    editor = _person_of(org, "editor")

    resource = services.resource_create(
        organisation=org,
        by=editor,
        kind="syllabus",
        title_zh="物流汉语教学大纲",
        original_language="zh",
        level_ru="ru-spo",
        roles=["teacher", "student"],
        licence="cc-by-sa",
        isced_code="1041",
        learning_minutes=1440,
    )

    assert (resource.eqf_level, resource.roles, resource.status) == (
        5,
        "|student|teacher|",
        "draft",
    )
    assert AuditEntry.objects.filter(action="resource.create").count() == 1


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"isced_code": "10x"}, "ISCED-F"),
        ({"eqf_level": 9}, "EQF"),
        ({"licence": "own-terms"}, "terms"),
        ({"audience": "alliance"}, "alliance"),
        ({"roles": ["pilots"]}, "pilots"),
        ({"title_zh": ""}, "title"),
    ],
)
def test_create_refuses_bad_classification_with_the_reason(changes, reason):
    org = OrganisationFactory()
    data = {"kind": "syllabus", "title_zh": "大纲", "original_language": "zh", "licence": "cc-by"}

    with pytest.raises(ResourcesError, match=reason):
        services.resource_create(organisation=org, by=None, **{**data, **changes})

    assert Resource.objects.count() == 0


def test_publishing_to_an_alliance_needs_an_active_membership_and_content():
    alliance = AllianceFactory()
    org = OrganisationFactory()
    resource = ResourceFactory(organisation=org, status="draft", audience="owner")

    with pytest.raises(ResourcesError, match="active member"):
        services.resource_publish(
            resource=resource, by=None, audience="alliance", alliance=alliance
        )
    MembershipFactory(alliance=alliance, organisation=org)
    with pytest.raises(ResourcesError, match="file or a link"):
        services.resource_publish(
            resource=resource, by=None, audience="alliance", alliance=alliance
        )
    version = VersionFactory(resource=resource)
    services.revision_add(version=version, by=None, upload=pdf_upload())

    published = services.resource_publish(
        resource=resource, by=None, audience="alliance", alliance=alliance
    )

    assert (published.status, published.alliance) == ("published", alliance)


def test_translations_are_linked_versions_of_one_work():
    resource = ResourceFactory(title_ru="")
    chinese = VersionFactory(resource=resource, language="zh")

    russian = services.version_add(
        resource=resource,
        language="ru",
        title="Русский язык для сварщиков",
        by=None,
        translated_from=chinese,
        translator="Ирина Ковалёва",
    )
    resource.refresh_from_db()

    assert list(chinese.translations.all()) == [russian]
    assert resource.title_ru == "Русский язык для сварщиков"
    assert resource.language_list == ["ru", "zh"]
    with pytest.raises(ResourcesError, match="already has a version"):
        services.version_add(resource=resource, language="ru", title="x", by=None)
    with pytest.raises(ResourcesError, match="same resource"):
        services.version_add(
            resource=resource,
            language="en",
            title="x",
            by=None,
            translated_from=VersionFactory(language="zh"),
        )


def test_revisions_are_numbered_with_what_changed_and_files_are_judged_by_content():
    version = VersionFactory()

    first = services.revision_add(version=version, by=None, upload=pdf_upload())
    second = services.revision_add(
        version=version, by=None, url="https://example.org/v2", note="Exercises for unit 3 added"
    )
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    assert (first.number, second.number, second.note) == (1, 2, "Exercises for unit 3 added")
    assert first.file.name.startswith(f"resources/{version.resource_id}/")
    assert "plan" not in first.file.name
    with pytest.raises(ResourcesError, match="not a PDF"):
        services.revision_add(version=version, by=None, upload=fake)
    with pytest.raises(ResourcesError, match="either a file or a link"):
        services.revision_add(version=version, by=None)


def test_a_member_adopts_once_and_an_outsider_of_the_audience_cannot():
    alliance = AllianceFactory()
    owner, member, outsider = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    MembershipFactory(alliance=alliance, organisation=owner)
    MembershipFactory(alliance=alliance, organisation=member)
    resource = published_resource(organisation=owner, audience="alliance", alliance=alliance)

    services.adoption_record(resource=resource, organisation=member, by=None, note="用于第二学期")

    assert list(Adoption.objects.values_list("organisation", flat=True)) == [member.pk]
    with pytest.raises(ResourcesError, match="already adopted"):
        services.adoption_record(resource=resource, organisation=member, by=None)
    with pytest.raises(ResourcesError, match="not shared"):
        services.adoption_record(resource=resource, organisation=outsider, by=None)
    with pytest.raises(ResourcesError, match="own resource"):
        services.adoption_record(resource=resource, organisation=owner, by=None)


def test_rating_again_changes_the_one_rating():
    resource = published_resource()
    reader = UserFactory()

    services.rating_set(resource=resource, user=reader, stars=3)
    services.rating_set(resource=resource, user=reader, stars=5, comment="Отлично")

    assert selectors.rating_summary(resource) == {"average": 5.0, "count": 1}
    with pytest.raises(ResourcesError):
        services.rating_set(resource=resource, user=reader, stars=6)


def _delivered(task, text: str):
    """The task offered to a qualified translator, accepted and delivered with ``text``."""
    user = UserFactory()
    profile = talent(
        user=user,
        name="Петрова Анна",
        script="cyrillic",
        name_latin="Petrova Anna",
        credentials=[
            ("zh", "native", "native", "translation"),
            ("ru", "native", "native"),
            ("en", "cefr", "C1"),
        ],
    )
    talent_services.task_offer(task=task, profile=profile, by=None)
    talent_services.task_accept(task=task, by=user)
    return talent_services.task_deliver(task=task, by=user, text=text)


def test_a_proposal_becomes_a_translation_task_of_the_proposing_organisation():
    field = FieldOfExchangeFactory(key="vocational-training")
    resource = published_resource(field=field, title_en="Chinese for welders")
    source = resource.versions.get()
    proposer = OrganisationFactory()

    proposal = services.translation_propose(
        resource=resource, organisation=proposer, language="ru", source=source, by=None
    )

    task = Task.objects.get()
    assert (proposal.status, proposal.task) == ("in_translation", task)
    assert (
        task.kind,
        task.organisation,
        task.source_language,
        task.target_language,
        task.field,
        task.status,
    ) == ("translation", proposer, "zh", "ru", field, "draft")
    assert (task.title_en, task.title_ru) == (
        "Chinese for welders (zh→ru)",
        f"{resource.title_ru} (zh→ru)",
    )
    assert selectors.proposal_for_task(task, UserFactory()) == proposal


def test_a_delivered_translation_is_reviewed_and_published_as_a_linked_version():
    resource = published_resource()
    source = resource.versions.get()
    proposal = services.translation_propose(
        resource=resource, organisation=OrganisationFactory(), language="ru", source=source, by=None
    )
    _delivered(proposal.task, "Сварка — соединение металлов.\n\nРаздел 1. Дуговая сварка.")

    version = services.translation_submit(proposal=proposal, by=None, title="Сварка: курс")
    resource.refresh_from_db()

    revision = version.revisions.get()
    assert (version.status, version.translator, resource.language_list) == (
        "in_review",
        "Петрова Анна",
        ["zh"],
    )
    assert revision.content_type == "application/pdf"
    with revision.file.open("rb") as stored:
        assert stored.read(5) == b"%PDF-"

    services.translation_review(proposal=proposal, by=None, accept=True)
    resource.refresh_from_db()
    version.refresh_from_db()

    assert (proposal.status, version.status, version.translated_from) == (
        "published",
        "published",
        source,
    )
    assert resource.language_list == ["ru", "zh"]


def test_nothing_is_submitted_while_the_task_is_open_but_after_cancelling_it_may_be():
    resource = published_resource()
    proposal = services.translation_propose(
        resource=resource,
        organisation=OrganisationFactory(),
        language="ru",
        source=resource.versions.get(),
        by=None,
    )

    with pytest.raises(ResourcesError, match="not been delivered"):
        services.translation_submit(
            proposal=proposal, by=None, title="Сварка", translator="А. Б.", upload=pdf_upload()
        )
    talent_services.task_cancel(task=proposal.task, by=None)
    with pytest.raises(ResourcesError, match="translator"):
        services.translation_submit(proposal=proposal, by=None, title="Сварка", upload=pdf_upload())
    version = services.translation_submit(
        proposal=proposal, by=None, title="Сварка", translator="Анна Петрова", upload=pdf_upload()
    )

    assert (version.status, version.translator) == ("in_review", "Анна Петрова")


def test_a_no_derivatives_licence_refuses_translations_by_others_but_not_by_the_owner():
    resource = published_resource(licence="cc-by-nd")
    source = resource.versions.get()

    with pytest.raises(ResourcesError, match="does not allow translations"):
        services.translation_propose(
            resource=resource,
            organisation=OrganisationFactory(),
            language="ru",
            source=source,
            by=None,
        )
    proposal = services.translation_propose(
        resource=resource, organisation=resource.organisation, language="ru", source=source, by=None
    )

    assert (proposal.status, proposal.task.organisation) == (
        "in_translation",
        resource.organisation,
    )
    with pytest.raises(ResourcesError, match="already under way"):
        services.translation_propose(
            resource=resource,
            organisation=resource.organisation,
            language="ru",
            source=source,
            by=None,
        )


def test_a_declined_translation_leaves_no_version_and_a_declined_proposal_no_open_task():
    resource = published_resource()
    source = resource.versions.get()
    proposal = services.translation_propose(
        resource=resource,
        organisation=OrganisationFactory(),
        language="en",
        source=source,
        by=None,
    )
    _delivered(proposal.task, "Welding is the joining of metals.")
    services.translation_submit(
        proposal=proposal,
        by=None,
        title="Welding",
        translator="A. B.",
        url="https://example.org/en",
    )
    undelivered = services.translation_propose(
        resource=resource,
        organisation=OrganisationFactory(),
        language="ru",
        source=source,
        by=None,
    )

    services.translation_review(proposal=proposal, by=None, accept=False, reason="Incomplete")
    services.translation_review(proposal=undelivered, by=None, accept=False)

    assert list(resource.versions.values_list("language", flat=True)) == ["zh"]
    assert proposal.status == "declined"
    assert Task.objects.get(pk=undelivered.task_id).status == "cancelled"
    assert Task.objects.get(pk=proposal.task_id).status == "delivered"

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every write of the resources module: resources, versions, revisions, sharing flows."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.core.audit import audit_record
from amur.core.enums import Language
from amur.core.errors import DomainError
from amur.core.search import search_keys
from amur.core.uploads import JPEG, PDF, PNG, UploadRefused, check_upload
from amur.core.validators import fields_clean
from amur.resources import locking
from amur.resources.documents import text_pdf_upload
from amur.resources.enums import (
    DERIVATIVES_ALLOWED,
    EQF_OF_LEVEL,
    Audience,
    EducationalRole,
    LevelCN,
    LevelRU,
    Licence,
    ProposalStatus,
    ResourceKind,
    ResourceStatus,
    VersionStatus,
)
from amur.resources.models import (
    Adoption,
    Rating,
    Resource,
    ResourceVersion,
    Revision,
    TranslationProposal,
)
from amur.resources.selectors import resource_is_public
from amur.talent import services as talent_services
from amur.talent.enums import TaskKind, TaskStatus
from amur.talent.models import Task

FILE_MAX_BYTES = 50 * 1024 * 1024
FILE_TYPES = (PDF, PNG, JPEG)


class ResourcesError(DomainError):
    """A rule of the resources module refused the operation."""


CLASSIFICATION = (
    "kind",
    "title_zh",
    "title_ru",
    "title_en",
    "description_zh",
    "description_ru",
    "description_en",
    "original_language",
    "field",
    "isced_code",
    "eqf_level",
    "level_cn",
    "level_ru",
    "roles",
    "learning_minutes",
    "keywords",
    "licence",
    "licence_terms",
    "attribution",
    "audience",
    "alliance",
)


def _framed(values) -> str:
    values = [v for v in values if v]
    return "|" + "|".join(values) + "|" if values else ""


def _check(data: dict) -> dict:
    """Normalise and check the descriptive fields of a resource; raise on the first fault."""
    if data.get("kind") not in ResourceKind.values:
        raise ResourcesError(_("Choose a resource type."))
    if not any(data.get(f"title_{code}", "").strip() for code in Language.values):
        raise ResourcesError(_("A resource needs a title in at least one language."))
    if data.get("original_language") not in Language.values:
        raise ResourcesError(_("Choose the original language."))
    isced = (data.get("isced_code") or "").strip()
    if isced and (not isced.isdigit() or not 2 <= len(isced) <= 4):
        raise ResourcesError(_("An ISCED-F code has two to four digits."))
    data["isced_code"] = isced
    eqf = data.get("eqf_level")
    level_cn, level_ru = data.get("level_cn") or "", data.get("level_ru") or ""
    if level_cn and level_cn not in LevelCN.values:
        raise ResourcesError(_("Unknown Chinese level."))
    if level_ru and level_ru not in LevelRU.values:
        raise ResourcesError(_("Unknown Russian level."))
    if eqf is None:
        # The national level names say which EQF level they compare to.
        eqf = EQF_OF_LEVEL.get(level_cn) or EQF_OF_LEVEL.get(level_ru)
    if eqf is not None and not 1 <= int(eqf) <= 8:
        raise ResourcesError(_("An EQF level is between 1 and 8."))
    data["eqf_level"], data["level_cn"], data["level_ru"] = eqf, level_cn, level_ru
    roles = data.get("roles") or []
    if isinstance(roles, str):
        roles = [r for r in roles.replace(",", "|").split("|") if r.strip()]
    roles = [r.strip() for r in roles]
    unknown = [r for r in roles if r not in EducationalRole.values]
    if unknown:
        raise ResourcesError(_("Unknown audience: %(roles)s.") % {"roles": ", ".join(unknown)})
    data["roles"] = _framed(sorted(set(roles)))
    minutes = data.get("learning_minutes")
    if minutes is not None and int(minutes) <= 0:
        raise ResourcesError(_("The learning time is a positive number of minutes."))
    licence = data.get("licence")
    if licence not in Licence.values:
        raise ResourcesError(_("Choose a licence."))
    if licence == Licence.OWN_TERMS and not (data.get("licence_terms") or "").strip():
        raise ResourcesError(_("State the owner's terms of use."))
    audience = data.get("audience") or Audience.OWNER
    if audience not in Audience.values:
        raise ResourcesError(_("Choose an audience."))
    data["audience"] = audience
    if audience == Audience.ALLIANCE and not data.get("alliance"):
        raise ResourcesError(_("Name the alliance whose members may use the resource."))
    if audience != Audience.ALLIANCE:
        data["alliance"] = None
    return data


def _owner_in_alliance(organisation_id: int, alliance) -> bool:
    from amur.alliances.enums import MembershipStatus

    return alliance.memberships.filter(
        organisation_id=organisation_id, status=MembershipStatus.ACTIVE
    ).exists()


def resource_reindex(resource: Resource) -> None:
    """Rebuild the search keys and the language facet from the resource and its versions."""
    versions = list(resource.versions.all())
    org = resource.organisation
    resource.search_keys = search_keys(
        resource.title_zh,
        resource.title_ru,
        resource.title_en,
        resource.description_zh,
        resource.description_ru,
        resource.description_en,
        resource.keywords,
        *(v.title for v in versions),
        *(v.translator for v in versions),
        org.name_zh,
        org.name_ru,
        org.name_en,
        org.short_name,
    )
    published = sorted({v.language for v in versions if v.status == VersionStatus.PUBLISHED})
    resource.languages = _framed(published)
    # The languages are part of the harvested record: its datestamp moves with them.
    resource.updated_at = timezone.now()
    Resource.objects.filter(pk=resource.pk).update(
        search_keys=resource.search_keys,
        languages=resource.languages,
        updated_at=resource.updated_at,
    )


def _note_offered(resource: Resource, *, was_public: bool) -> None:
    """Remember that harvesters were offered the resource: once it has been public, the
    OAI-PMH endpoint announces it as deleted when it stops being public (deletedRecord
    "persistent"), and a resource never public is never mentioned there."""
    if resource.offered_at is None and (was_public or resource_is_public(resource)):
        resource.offered_at = timezone.now()
        Resource.objects.filter(pk=resource.pk).update(offered_at=resource.offered_at)


@transaction.atomic
def resource_create(*, organisation, by, partners=(), **data) -> Resource:
    """A new resource of ``organisation``, as a draft; it is published separately."""
    data = _check(data)
    resource = Resource(
        organisation=organisation,
        created_by=by,
        **{k: v for k, v in data.items() if k in CLASSIFICATION},
    )
    fields_clean(resource, _TEXTS)
    resource.save()
    resource.partners.set(partners)
    resource_reindex(resource)
    audit_record(
        actor=by,
        action="resource.create",
        obj=resource,
        organisation_id=organisation.pk,
        new={"kind": resource.kind},
    )
    return resource


_TEXTS = (
    *(f"{name}_{code}" for name in ("title", "description") for code in Language.values),
    "keywords",
    "licence_terms",
    "attribution",
)


def _state(resource: Resource) -> dict:
    return {
        name: (
            getattr(resource, f"{name}_id")
            if name in ("field", "alliance")
            else getattr(resource, name)
        )
        for name in CLASSIFICATION
    }


@transaction.atomic
def resource_update(*, resource: Resource, by, partners=None, **changes) -> Resource:
    """Change the description, classification, licence or audience of a resource."""
    old = _state(resource)
    was_public = resource_is_public(resource)
    merged = {name: getattr(resource, name) for name in CLASSIFICATION}
    merged["roles"] = resource.role_list
    merged.update(changes)
    data = _check(merged)
    if (
        resource.status == ResourceStatus.PUBLISHED
        and data["audience"] == Audience.ALLIANCE
        and not _owner_in_alliance(resource.organisation_id, data["alliance"])
    ):
        raise ResourcesError(_("Only an active member may share with its alliance."))
    for name in CLASSIFICATION:
        setattr(resource, name, data[name])
    fields_clean(resource, _TEXTS)
    resource.save()
    if partners is not None:
        resource.partners.set(partners)
    resource_reindex(resource)
    _note_offered(resource, was_public=was_public)
    new = _state(resource)
    audit_record(
        actor=by,
        action="resource.update",
        obj=resource,
        organisation_id=resource.organisation_id,
        old={k: str(v) for k, v in old.items() if old[k] != new[k]},
        new={k: str(v) for k, v in new.items() if old[k] != new[k]},
    )
    return resource


@transaction.atomic
def resource_publish(
    *, resource: Resource, by, audience: str | None = None, alliance=None
) -> Resource:
    """Share the resource with its audience (a member publishing to its alliance passes
    ``audience="alliance"`` and the alliance). Needs a published version with content."""
    resource = locking.resource_locked(resource.pk)
    was_public = resource_is_public(resource)
    if audience is not None:
        resource.audience, resource.alliance = audience, alliance
        if audience != Audience.ALLIANCE:
            resource.alliance = None
    if resource.audience == Audience.ALLIANCE:
        if resource.alliance is None:
            raise ResourcesError(_("Name the alliance whose members may use the resource."))
        if not _owner_in_alliance(resource.organisation_id, resource.alliance):
            raise ResourcesError(_("Only an active member may share with its alliance."))
    if not Revision.objects.filter(
        version__resource=resource, version__status=VersionStatus.PUBLISHED
    ).exists():
        raise ResourcesError(_("Publish a language version with a file or a link first."))
    resource.status = ResourceStatus.PUBLISHED
    resource.published_at = resource.published_at or timezone.now()
    resource.save()
    _note_offered(resource, was_public=was_public)
    audit_record(
        actor=by,
        action="resource.publish",
        obj=resource,
        organisation_id=resource.organisation_id,
        new={"audience": resource.audience, "alliance": resource.alliance_id},
    )
    return resource


@transaction.atomic
def resource_withdraw(*, resource: Resource, by) -> Resource:
    was_public = resource_is_public(resource)
    resource.status = ResourceStatus.WITHDRAWN
    resource.save(update_fields=["status", "updated_at"])
    _note_offered(resource, was_public=was_public)
    audit_record(
        actor=by, action="resource.withdraw", obj=resource, organisation_id=resource.organisation_id
    )
    return resource


@transaction.atomic
def version_add(
    *,
    resource: Resource,
    language: str,
    title: str,
    by,
    description: str = "",
    translated_from: ResourceVersion | None = None,
    translator: str = "",
    status: str = VersionStatus.PUBLISHED,
) -> ResourceVersion:
    """A language version of the work; a translation names its source version."""
    if language not in Language.values:
        raise ResourcesError(_("Choose a language."))
    if not title.strip():
        raise ResourcesError(_("A version needs a title."))
    if resource.versions.filter(language=language).exists():
        raise ResourcesError(_("The resource already has a version in this language."))
    if translated_from is not None:
        if translated_from.resource_id != resource.pk:
            raise ResourcesError(_("A translation is made from a version of the same resource."))
        if translated_from.language == language:
            raise ResourcesError(_("A translation is into another language than its source."))
    version = ResourceVersion(
        resource=resource,
        language=language,
        title=title.strip(),
        description=description.strip(),
        translated_from=translated_from,
        translator=translator.strip(),
        status=status,
        created_by=by,
    )
    fields_clean(version, ["title", "translator"])
    version.save()
    field = f"title_{language}"
    if not getattr(resource, field):
        setattr(resource, field, version.title)
        resource.save(update_fields=[field, "updated_at"])
    resource_reindex(resource)
    audit_record(
        actor=by,
        action="resource.version_add",
        obj=resource,
        organisation_id=resource.organisation_id,
        new={
            "version": version.pk,
            "language": language,
            "from": translated_from.language if translated_from else None,
        },
    )
    return version


@transaction.atomic
def version_publish(*, version: ResourceVersion, by) -> ResourceVersion:
    if not version.revisions.exists():
        raise ResourcesError(_("A version needs a file or a link before it is published."))
    version.status = VersionStatus.PUBLISHED
    version.save(update_fields=["status"])
    resource_reindex(version.resource)
    audit_record(
        actor=by,
        action="resource.version_publish",
        obj=version.resource,
        organisation_id=version.resource.organisation_id,
        new={"version": version.pk},
    )
    return version


@transaction.atomic
def revision_add(
    *, version: ResourceVersion, by, upload=None, url: str = "", note: str = ""
) -> Revision:
    """A new state of a version: an uploaded file (PDF, PNG or JPEG by its content, 50 MB at
    most, stored under our own name) or a link, with what changed."""
    url = (url or "").strip()
    if (upload is None) == (not url):
        raise ResourcesError(_("Give either a file or a link."))
    if url and not url.startswith(("https://", "http://")):
        raise ResourcesError(_("A link starts with https:// or http://."))
    # Lock the version so that two uploads at once do not take the same number.
    locking.version_locked(version.pk)
    number = (version.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    revision = Revision(version=version, number=number, note=note.strip(), url=url, created_by=by)
    fields_clean(revision, ["url", "note"])
    if upload is not None:
        try:
            found = check_upload(upload, FILE_TYPES, FILE_MAX_BYTES)
        except UploadRefused as exc:
            raise ResourcesError(str(exc)) from None
        revision.content_type, revision.extension = found.content_type, found.extension
        revision.size = upload.size
        revision.file.save(f"resource.{found.extension}", upload, save=False)
    revision.save()
    audit_record(
        actor=by,
        action="resource.revision_add",
        obj=version.resource,
        organisation_id=version.resource.organisation_id,
        new={"version": version.pk, "revision": number, "note": revision.note},
    )
    return revision


# Sharing flows ----------------------------------------------------------------------------


def _in_audience(resource: Resource, organisation) -> bool:
    from amur.resources.selectors import resource_visible_to_organisation

    return resource_visible_to_organisation(resource, organisation)


@transaction.atomic
def adoption_record(*, resource: Resource, organisation, by, note: str = "") -> Adoption:
    """``organisation`` uses the resource in its teaching; recorded once per organisation."""
    if resource.status != ResourceStatus.PUBLISHED:
        raise ResourcesError(_("Only a published resource can be adopted."))
    if resource.organisation_id == organisation.pk:
        raise ResourcesError(_("An organisation does not adopt its own resource."))
    if not _in_audience(resource, organisation):
        raise ResourcesError(_("This resource is not shared with your organisation."))
    adoption, created = Adoption.objects.get_or_create(
        resource=resource, organisation=organisation, defaults={"by": by, "note": note.strip()}
    )
    if not created:
        raise ResourcesError(_("Your organisation has already adopted this resource."))
    audit_record(actor=by, action="resource.adopt", obj=resource, organisation_id=organisation.pk)
    return adoption


@transaction.atomic
def rating_set(*, resource: Resource, user, stars: int | None, comment: str = "") -> Rating:
    """One rating per person, changed by rating again."""
    if stars is None or not 1 <= int(stars) <= 5:
        raise ResourcesError(_("A rating is one to five stars."))
    rating, _created = Rating.objects.update_or_create(
        resource=resource, user=user, defaults={"stars": int(stars), "comment": comment.strip()}
    )
    return rating


def _talent_task(proposal: TranslationProposal) -> Task:
    """The proposal's translation task in the talent module, requested by the proposing
    organisation, in the resource's field (so the translator sees its approved terms).

    The task is not tied to the resource as "content": the talent module's own review
    would write the delivered text into a column of the resource, whereas a resource's
    translation becomes a language version here (``translation_submit``). The proposal
    points to its task instead, and the task's page finds its way back through
    ``selectors.proposal_for_task``."""
    resource, source = proposal.resource, proposal.source
    pair = f"{source.language}→{proposal.language}"
    # The task's title in the languages the resource has one (another language's reader
    # sees a marked fallback rather than a title in the wrong language).
    names = {code: getattr(resource, f"title_{code}") for code in Language.values}
    names[source.language] = names[source.language] or source.title
    titles = {f"title_{code}": f"{name} ({pair})"[:300] for code, name in names.items() if name}
    return talent_services.task_create(
        organisation=proposal.organisation,
        by=proposal.proposed_by,
        kind=TaskKind.TRANSLATION,
        source_language=source.language,
        target_language=proposal.language,
        field=resource.field,
        source_text=source.description,
        # Only a public resource's description may be listed to everyone looking for work.
        confidential=not resource_is_public(resource),
        **titles,
    )


@transaction.atomic
def translation_propose(
    *,
    resource: Resource,
    organisation,
    language: str,
    source: ResourceVersion,
    by,
    note: str = "",
) -> TranslationProposal:
    """Propose a translation into a missing language; the licence must allow derivatives
    (unless the owner proposes it). It becomes a translation task of the proposing
    organisation in the talent module, and the proposal is then being translated."""
    if language not in Language.values:
        raise ResourcesError(_("Choose a language."))
    resource = locking.resource_locked(resource.pk)
    if resource.status != ResourceStatus.PUBLISHED and resource.organisation_id != organisation.pk:
        raise ResourcesError(_("Only a published resource can be translated by others."))
    if not _in_audience(resource, organisation):
        raise ResourcesError(_("This resource is not shared with your organisation."))
    if resource.organisation_id != organisation.pk and resource.licence not in DERIVATIVES_ALLOWED:
        raise ResourcesError(
            _("The licence of this resource does not allow translations by others.")
        )
    if source.resource_id != resource.pk or source.status != VersionStatus.PUBLISHED:
        raise ResourcesError(_("Translate from a published version of this resource."))
    if resource.versions.filter(language=language).exists():
        raise ResourcesError(_("The resource already has a version in this language."))
    if (
        resource.proposals.filter(language=language)
        .exclude(status__in=[ProposalStatus.DECLINED, ProposalStatus.PUBLISHED])
        .exists()
    ):
        raise ResourcesError(_("A translation into this language is already under way."))
    proposal = TranslationProposal.objects.create(
        resource=resource,
        language=language,
        source=source,
        organisation=organisation,
        proposed_by=by,
        note=note.strip(),
    )
    proposal.task = _talent_task(proposal)
    proposal.status = ProposalStatus.IN_TRANSLATION
    proposal.save(update_fields=["task", "status"])
    audit_record(
        actor=by,
        action="resource.translation_propose",
        obj=resource,
        organisation_id=organisation.pk,
        new={"language": language},
    )
    return proposal


OPEN_TASK = (TaskStatus.DRAFT, TaskStatus.OFFERED, TaskStatus.ACCEPTED)


def _delivered_task(proposal: TranslationProposal) -> Task | None:
    """The proposal's talent task once its translation is delivered; None when it has no
    task or the task was cancelled (the proposer then brings the translation itself).
    While the task is still open, nothing can be submitted in its place."""
    # Read afresh: the caller's copy of the task may predate its delivery.
    task = Task.objects.select_related("assignee__person").filter(pk=proposal.task_id).first()
    if task is None or task.status == TaskStatus.CANCELLED:
        return None
    if task.status not in (TaskStatus.DELIVERED, TaskStatus.REVIEWED):
        raise ResourcesError(
            _("The translation task has not been delivered yet; cancel it to submit another.")
        )
    return task


@transaction.atomic
def translation_submit(
    *,
    proposal: TranslationProposal,
    by,
    title: str,
    translator: str = "",
    upload=None,
    url: str = "",
    description: str = "",
) -> ResourceVersion:
    """The translation arrives: a version in review, linked to its source.

    When the proposal's talent task is delivered, the version credits the task's
    translator, and without a file or a link of its own it carries the delivered text
    as a PDF."""
    if proposal.status not in (ProposalStatus.PROPOSED, ProposalStatus.IN_TRANSLATION):
        raise ResourcesError(_("This proposal does not wait for a translation."))
    task = _delivered_task(proposal)
    if task is not None:
        if not translator.strip() and task.assignee is not None:
            translator = task.assignee.person.name
        if upload is None and not url.strip() and task.delivered_text.strip():
            upload = text_pdf_upload(title=title, text=task.delivered_text, credit=translator)
    if not translator.strip():
        raise ResourcesError(_("Name the translator."))
    version = version_add(
        resource=proposal.resource,
        language=proposal.language,
        title=title,
        by=by,
        description=description,
        translated_from=proposal.source,
        translator=translator,
        status=VersionStatus.IN_REVIEW,
    )
    revision_add(version=version, by=by, upload=upload, url=url, note=_("Translation"))
    proposal.version, proposal.status = version, ProposalStatus.IN_REVIEW
    proposal.save(update_fields=["version", "status"])
    return version


@transaction.atomic
def translation_review(
    *, proposal: TranslationProposal, by, accept: bool, reason: str = ""
) -> TranslationProposal:
    """The owner accepts the translation (published as a linked version) or declines it."""
    if accept:
        if proposal.status != ProposalStatus.IN_REVIEW or proposal.version is None:
            raise ResourcesError(_("There is no translation to review yet."))
        version_publish(version=proposal.version, by=by)
        proposal.status = ProposalStatus.PUBLISHED
    else:
        if proposal.status in (ProposalStatus.PUBLISHED, ProposalStatus.DECLINED):
            raise ResourcesError(_("This proposal is already closed."))
        if proposal.version is not None:
            version, proposal.version = proposal.version, None
            proposal.save(update_fields=["version"])
            for revision in version.revisions.all():
                revision.file.delete(save=False)
            version.delete()
            resource_reindex(proposal.resource)
        # A declined proposal needs no translator any more: its open task is cancelled.
        task = Task.objects.filter(pk=proposal.task_id, status__in=OPEN_TASK).first()
        if task is not None:
            talent_services.task_cancel(task=task, by=by)
        proposal.status = ProposalStatus.DECLINED
    proposal.save(update_fields=["status"])
    audit_record(
        actor=by,
        action="resource.translation_review",
        obj=proposal.resource,
        organisation_id=proposal.resource.organisation_id,
        new={"language": proposal.language, "accepted": accept},
        reason=reason,
    )
    return proposal

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Resources API: the same audiences, licences and rules as the pages."""

from __future__ import annotations

from datetime import date, datetime

from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from amur.core.api import (
    WRITE_ERRORS,
    ApiError,
    ErrorOut,
    Pagination,
    require_perm,
    require_user,
)
from amur.core.models import FieldOfExchange
from amur.core.pagecache import ALL, public_api
from amur.directory.models import Organisation
from amur.directory.selectors import organisation_get_for
from amur.resources import metadata, selectors, services, termbase
from amur.resources.enums import LICENCE_URL, Licence
from amur.resources.models import Resource

router = Router(tags=["resources"])


class RevisionOut(Schema):
    id: int
    number: int
    note: str
    url: str
    content_type: str
    size: int
    created_at: datetime


class VersionOut(Schema):
    id: int
    language: str
    title: str
    description: str
    translated_from: str | None
    translator: str
    status: str
    revisions: list[RevisionOut]

    @staticmethod
    def resolve_translated_from(obj):
        return obj.translated_from.language if obj.translated_from_id else None

    @staticmethod
    def resolve_revisions(obj):
        return list(obj.revisions.all())


class ResourceOut(Schema):
    id: int
    organisation: str
    kind: str
    title_zh: str
    title_ru: str
    title_en: str
    original_language: str
    field: str | None
    isced_code: str
    eqf_level: int | None
    level_cn: str
    level_ru: str
    roles: list[str]
    languages: list[str]
    learning_minutes: int | None
    keywords: str
    licence: str
    licence_url: str
    licence_terms: str
    attribution: str
    audience: str
    alliance: str | None
    status: str
    published_at: datetime | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.slug or str(obj.organisation_id)

    @staticmethod
    def resolve_field(obj):
        return obj.field.key if obj.field_id else None

    @staticmethod
    def resolve_roles(obj):
        return obj.role_list

    @staticmethod
    def resolve_languages(obj):
        return obj.language_list

    @staticmethod
    def resolve_licence_url(obj):
        return LICENCE_URL.get(obj.licence, "")

    @staticmethod
    def resolve_attribution(obj):
        return metadata.attribution(obj)

    @staticmethod
    def resolve_alliance(obj):
        return obj.alliance.slug if obj.alliance_id else None


class ResourceDetailOut(ResourceOut):
    versions: list[VersionOut]


class ResourceIn(Schema):
    organisation: int | None = None
    kind: str | None = None
    title_zh: str | None = None
    title_ru: str | None = None
    title_en: str | None = None
    description_zh: str | None = None
    description_ru: str | None = None
    description_en: str | None = None
    original_language: str | None = None
    field: str | None = None
    isced_code: str | None = None
    eqf_level: int | None = None
    level_cn: str | None = None
    level_ru: str | None = None
    roles: list[str] | None = None
    learning_minutes: int | None = None
    keywords: str | None = None
    licence: str | None = None
    licence_terms: str | None = None
    attribution: str | None = None
    audience: str | None = None
    alliance: str | None = None
    partners: list[int] | None = None


def _resolve(payload: ResourceIn) -> tuple[dict, list | None]:
    from amur.alliances.models import Alliance

    data = payload.dict(exclude_unset=True)
    data.pop("organisation", None)
    partners = data.pop("partners", None)
    if data.get("field"):
        data["field"] = FieldOfExchange.objects.filter(key=data["field"]).first()
        if data["field"] is None:
            raise ApiError(422, "invalid", _("Unknown field of exchange."))
    if data.get("alliance"):
        data["alliance"] = Alliance.objects.filter(slug=data["alliance"]).first()
        if data["alliance"] is None:
            raise ApiError(422, "invalid", _("Unknown alliance."))
    if partners is not None:
        partners = list(Organisation.objects.filter(pk__in=partners))
    return {
        k: (
            ""
            if v is None and k not in ("field", "alliance", "eqf_level", "learning_minutes")
            else v
        )
        for k, v in data.items()
    }, partners


def _detail(resource: Resource, user) -> Resource:
    resource.versions_list = selectors.versions_of(resource, user)
    return resource


class ResourceDetail(ResourceDetailOut):
    @staticmethod
    def resolve_versions(obj):
        return obj.versions_list


@router.get("/resources", response=list[ResourceOut])
@public_api(*ALL)
@paginate(Pagination)
def resource_list(
    request,
    q: str | None = None,
    kind: str | None = None,
    field: str | None = None,
    eqf_level: int | None = None,
    level: str | None = None,
    isced: str | None = None,
    language: str | None = None,
    role: str | None = None,
    licence: str | None = None,
    audience: str | None = None,
    organisation: int | None = None,
    max_minutes: int | None = None,
):
    """Resources the caller may see, found in any script (``q``) and narrowed by facets."""
    return selectors.resources_search(
        request.user,
        q,
        kind=kind,
        field=field,
        eqf_level=eqf_level,
        level=level,
        isced=isced,
        language=language,
        role=role,
        licence=licence,
        audience=audience,
        organisation=organisation,
        max_minutes=max_minutes,
    ).order_by("-published_at", "-id")


@router.get("/resources/{pk}", response={200: ResourceDetail, 404: ErrorOut})
def resource_detail(request, pk: int):
    return _detail(selectors.resource_get_for(request.user, pk), request.user)


@router.post("/resources", response={201: ResourceDetail, **WRITE_ERRORS, 422: ErrorOut})
def resource_create(request, payload: ResourceIn):
    """A draft resource of an organisation where the caller is an editor."""
    require_user(request)
    owner = organisation_get_for(request.user, pk=payload.organisation or 0)
    require_perm(request, "resources.create_resource", owner)
    data, partners = _resolve(payload)
    resource = services.resource_create(
        organisation=owner, by=request.user, partners=partners or [], **data
    )
    return Status(201, _detail(resource, request.user))


@router.patch("/resources/{pk}", response={200: ResourceDetail, **WRITE_ERRORS, 422: ErrorOut})
def resource_update(request, pk: int, payload: ResourceIn):
    resource = selectors.resource_get_for(request.user, pk)
    require_perm(request, "resources.change_resource", resource)
    data, partners = _resolve(payload)
    services.resource_update(resource=resource, by=request.user, partners=partners, **data)
    return _detail(resource, request.user)


class PublishIn(Schema):
    audience: str | None = None
    alliance: str | None = None
    withdraw: bool = False


@router.post("/resources/{pk}/publish", response={200: ResourceOut, **WRITE_ERRORS})
def resource_publish(request, pk: int, payload: PublishIn):
    """Publish to the audience (``audience="alliance"`` with the alliance's slug shares it
    with a member's alliance), or withdraw."""
    from amur.alliances.models import Alliance

    resource = selectors.resource_get_for(request.user, pk)
    require_perm(request, "resources.change_resource", resource)
    alliance = Alliance.objects.filter(slug=payload.alliance).first() if payload.alliance else None
    if payload.withdraw:
        return services.resource_withdraw(resource=resource, by=request.user)
    return services.resource_publish(
        resource=resource, by=request.user, audience=payload.audience, alliance=alliance
    )


@router.post("/resources/{pk}/versions", response={201: VersionOut, **WRITE_ERRORS})
def version_add(
    request,
    pk: int,
    language: Form[str],
    title: Form[str],
    description: Form[str] = "",
    translated_from: Form[int | None] = None,
    translator: Form[str] = "",
    url: Form[str] = "",
    note: Form[str] = "",
):
    """A language version with its first revision (multipart: ``file`` or ``url``)."""
    from django.db import transaction

    resource = selectors.resource_get_for(request.user, pk)
    require_perm(request, "resources.change_resource", resource)
    source = resource.versions.filter(pk=translated_from).first() if translated_from else None
    with transaction.atomic():
        version = services.version_add(
            resource=resource,
            language=language,
            title=title,
            description=description,
            translated_from=source,
            translator=translator,
            by=request.user,
        )
        services.revision_add(
            version=version,
            by=request.user,
            upload=request.FILES.get("file"),
            url=url,
            note=note,
        )
    return Status(201, version)


@router.post("/versions/{pk}/revisions", response={201: RevisionOut, **WRITE_ERRORS})
def revision_add(
    request,
    pk: int,
    url: Form[str] = "",
    note: Form[str] = "",
):
    version = selectors.version_get_for(request.user, pk=pk)
    resource = version.resource
    require_perm(request, "resources.change_resource", resource)
    revision = services.revision_add(
        version=version, by=request.user, upload=request.FILES.get("file"), url=url, note=note
    )
    return Status(201, revision)


@router.get(
    "/revisions/{pk}/download",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
)
def revision_download(request, pk: int, accept_terms: bool = False, preview: bool = False):
    """The file, if the caller is in the audience and the licence lets them copy it
    (``preview=true``: inline, for the audience, PDFs and images only); the owner's own
    terms need ``accept_terms=true``."""
    revision = selectors.revision_get_for(request.user, pk)
    resource = revision.version.resource
    if not revision.file or (preview and not revision.previewable):
        raise ApiError(404, "not_found", _("Not found."))
    if not preview:
        if not request.user.has_perm("resources.download_resource", resource):
            raise ApiError(403, "forbidden", _("The licence allows a preview only."))
        if (
            resource.licence == Licence.OWN_TERMS
            and not accept_terms
            and not selectors.is_owner_side(request.user, resource)
        ):
            raise ApiError(
                409,
                "terms",
                _("Accept the owner's terms: %(terms)s") % {"terms": resource.licence_terms},
            )
    response = FileResponse(
        revision.file.open("rb"),
        content_type=revision.content_type,
        as_attachment=not preview,
        filename=f"resource-{resource.pk}-{revision.version.language}-"
        f"r{revision.number}.{revision.extension}",
    )
    if LICENCE_URL.get(resource.licence):
        response["Link"] = f'<{LICENCE_URL[resource.licence]}>; rel="license"'
    return response


@router.get("/resources/{pk}/dc.xml", response={200: None, 404: ErrorOut})
def resource_dublin_core(request, pk: int):
    resource = selectors.resource_get_for(request.user, pk)
    return HttpResponse(metadata.dublin_core_xml(resource), content_type="application/xml")


@router.get("/resources/{pk}/lrmi", response={200: dict, 404: ErrorOut})
def resource_lrmi(request, pk: int):
    return metadata.lrmi(selectors.resource_get_for(request.user, pk))


class ActIn(Schema):
    organisation: int
    note: str = ""


class AdoptionOut(Schema):
    id: int
    organisation: int
    note: str
    at: datetime

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation_id


def _acting(request, organisation_id: int) -> Organisation:
    organisation = organisation_get_for(request.user, pk=organisation_id)
    require_perm(request, "resources.act_for", organisation)
    return organisation


@router.post("/resources/{pk}/adoptions", response={201: AdoptionOut, **WRITE_ERRORS})
def adopt(request, pk: int, payload: ActIn):
    resource = selectors.resource_get_for(request.user, pk)
    organisation = _acting(request, payload.organisation)
    adoption = services.adoption_record(
        resource=resource, organisation=organisation, by=request.user, note=payload.note
    )
    return Status(201, adoption)


class RatingIn(Schema):
    stars: int | None = None  # services.rating_set refuses a missing or out-of-range one
    comment: str = ""


class RatingOut(Schema):
    average: float | None
    count: int


@router.post("/resources/{pk}/ratings", response={200: RatingOut, **WRITE_ERRORS})
def rate(request, pk: int, payload: RatingIn):
    resource = selectors.resource_get_for(request.user, pk)
    require_perm(request, "resources.rate_resource", resource)
    services.rating_set(
        resource=resource, user=request.user, stars=payload.stars, comment=payload.comment
    )
    return selectors.rating_summary(resource)


class ProposalIn(Schema):
    organisation: int
    language: str
    source: int
    note: str = ""


class ProposalOut(Schema):
    id: int
    language: str
    status: str
    organisation: int
    task: int | None
    version: int | None

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation_id

    @staticmethod
    def resolve_task(obj):
        return obj.task_id

    @staticmethod
    def resolve_version(obj):
        return obj.version_id


@router.post("/resources/{pk}/proposals", response={201: ProposalOut, **WRITE_ERRORS})
def propose(request, pk: int, payload: ProposalIn):
    """Propose a translation into a missing language (the licence must allow it)."""
    resource = selectors.resource_get_for(request.user, pk)
    organisation = _acting(request, payload.organisation)
    source = selectors.version_get_for(
        request.user, pk=payload.source, resource=resource, published_only=True
    )
    proposal = services.translation_propose(
        resource=resource,
        organisation=organisation,
        language=payload.language,
        source=source,
        by=request.user,
        note=payload.note,
    )
    return Status(201, proposal)


@router.post(
    "/proposals/{pk}/translation", response={200: ProposalOut, **WRITE_ERRORS, 422: ErrorOut}
)
def translation_submit(
    request,
    pk: int,
    title: Form[str],
    translator: Form[str] = "",
    url: Form[str] = "",
):
    """The translation for review: a file or a link, or, once the proposal's talent task
    is delivered, nothing more than a title (the delivered text becomes the file)."""
    proposal = selectors.proposal_get_for(request.user, pk=pk)
    _acting(request, proposal.organisation_id)
    services.translation_submit(
        proposal=proposal,
        by=request.user,
        title=title,
        translator=translator,
        upload=request.FILES.get("file"),
        url=url,
    )
    return proposal


class ReviewIn(Schema):
    accept: bool
    reason: str = ""


@router.post("/proposals/{pk}/review", response={200: ProposalOut, **WRITE_ERRORS})
def translation_review(request, pk: int, payload: ReviewIn):
    proposal = selectors.proposal_get_for(request.user, pk=pk)
    require_perm(request, "resources.review_translation", proposal.resource)
    return services.translation_review(
        proposal=proposal, by=request.user, accept=payload.accept, reason=payload.reason
    )


# Termbase -----------------------------------------------------------------------------------


class TermOut(Schema):
    language: str
    text: str
    part_of_speech: str
    administrative_status: str


class ConceptOut(Schema):
    id: int
    entry_id: str
    field: str | None
    definition_zh: str
    definition_ru: str
    definition_en: str
    source: str
    status: str
    expert: str
    approved_on: date | None
    terms: list[TermOut]

    @staticmethod
    def resolve_field(obj):
        return obj.field.key if obj.field_id else None

    @staticmethod
    def resolve_terms(obj):
        return list(obj.terms.all())


class TermIn(Schema):
    language: str
    text: str
    part_of_speech: str = ""
    administrative_status: str = ""


class ConceptIn(Schema):
    organisation: int
    field: str | None = None
    terms: list[TermIn]
    definition_zh: str = ""
    definition_ru: str = ""
    definition_en: str = ""
    source: str = ""
    note: str = ""


@router.get("/concepts", response=list[ConceptOut])
@public_api(*ALL)
@paginate(Pagination)
def concept_list(
    request, q: str | None = None, field: str | None = None, status: str | None = None
):
    """Termbase entries; ``q`` in any script (Han, pinyin, Cyrillic, Latin)."""
    return selectors.concepts_search(q, field=field, status=status)


@router.get("/concepts/{pk}", response={200: ConceptOut, 404: ErrorOut})
def concept_detail(request, pk: int):
    return selectors.concept_get_for(request.user, pk=pk)


@router.post("/concepts", response={201: ConceptOut, **WRITE_ERRORS, 422: ErrorOut})
def concept_create(request, payload: ConceptIn):
    organisation = organisation_get_for(request.user, pk=payload.organisation)
    require_perm(request, "resources.change_concept", organisation)
    field = FieldOfExchange.objects.filter(key=payload.field).first() if payload.field else None
    concept = termbase.concept_save(
        organisation=organisation,
        by=request.user,
        field=field,
        terms=[t.dict() for t in payload.terms],
        definition_zh=payload.definition_zh,
        definition_ru=payload.definition_ru,
        definition_en=payload.definition_en,
        source=payload.source,
        note=payload.note,
    )
    return Status(201, concept)


@router.post("/concepts/{pk}/approve", response={200: ConceptOut, **WRITE_ERRORS})
def concept_approve(request, pk: int):
    concept = selectors.concept_get_for(request.user, pk=pk)
    require_perm(request, "resources.approve_concept", concept)
    return termbase.concept_approve(concept=concept, by=request.user)


class ImportOut(Schema):
    created: int
    updated: int


@router.post("/termbase/import", response={200: ImportOut, **WRITE_ERRORS})
def termbase_import(request, organisation: Form[int], file: File[UploadedFile]):
    """A TBX-Basic or CSV file (by its name's ending), all or nothing; a malformed file is
    refused (409) with its line and reason."""
    target = _acting(request, organisation)
    reader = (
        termbase.termbase_import_csv
        if (file.name or "").lower().endswith(".csv")
        else termbase.termbase_import_tbx
    )
    return reader(
        organisation=target,
        data=file.read(),
        by=request.user,
        may_approve=request.user.has_perm("resources.approve_concept", target),
    )


@router.get("/termbase/export.tbx", response={200: None})
def termbase_export(
    request, q: str | None = None, field: str | None = None, status: str | None = None
):
    data = termbase.termbase_export_tbx(selectors.concepts_search(q, field=field, status=status))
    response = HttpResponse(data, content_type="application/x-tbx+xml")
    response["Content-Disposition"] = 'attachment; filename="amur-termbase.tbx"'
    return response

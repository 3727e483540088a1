# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Directory API: organisations and listed people; writes follow directory/rules.py."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from amur.core.api import ApiError, ErrorOut, Pagination, require_perm
from amur.core.models import FieldOfExchange, Place
from amur.core.pagecache import ALL, public_api
from amur.directory import selectors, services
from amur.directory.enums import OrganisationKind, Sector

router = Router(tags=["directory"])


class OrganisationOut(Schema):
    id: int
    slug: str | None
    name_zh: str
    name_ru: str
    name_en: str
    short_name: str
    kind: str
    sector: str
    place: str = Field(..., alias="place.key")
    country: str = Field(..., alias="place.country_code")
    website: str
    schac_code: str
    email: str
    phone: str
    fields: list[str]

    @staticmethod
    def resolve_fields(obj) -> list[str]:
        return [field.key for field in obj.fields.all()]


class OrganisationIn(Schema):
    name_zh: str = ""
    name_ru: str = ""
    name_en: str = ""
    short_name: str = ""
    kind: OrganisationKind
    sector: Sector
    place: str
    website: str = ""
    email: str = ""
    phone: str = ""
    description_zh: str = ""
    description_ru: str = ""
    description_en: str = ""
    fields: list[str] = []


class OrganisationPatch(Schema):
    name_zh: str | None = None
    name_ru: str | None = None
    name_en: str | None = None
    short_name: str | None = None
    kind: OrganisationKind | None = None
    sector: Sector | None = None
    place: str | None = None
    website: str | None = None
    email: str | None = None
    phone: str | None = None
    description_zh: str | None = None
    description_ru: str | None = None
    description_en: str | None = None
    fields: list[str] | None = None


class LanguageOut(Schema):
    """A language credential (kept by the talent module); ``scale`` is its scheme."""

    language: str
    scale: str = Field(..., alias="scheme")
    level: str
    skill: str


class AffiliationOut(Schema):
    organisation: int = Field(..., alias="organisation_id")
    role_zh: str
    role_ru: str
    role_en: str
    start: str | None
    end: str | None

    @staticmethod
    def resolve_start(obj):
        return obj.start.isoformat() if obj.start else None

    @staticmethod
    def resolve_end(obj):
        return obj.end.isoformat() if obj.end else None


class PersonOut(Schema):
    id: int
    name: str
    script: str
    name_latin: str
    name_zh: str
    name_ru: str
    nationality: str
    fields: list[str]
    languages: list[LanguageOut]
    affiliations: list[AffiliationOut]

    @staticmethod
    def resolve_fields(obj) -> list[str]:
        return [field.key for field in obj.fields.all()]

    @staticmethod
    def resolve_languages(obj):
        return list(obj.languages.all())

    @staticmethod
    def resolve_affiliations(obj):
        return list(obj.affiliations.all())


class PersonPatch(Schema):
    name: str | None = None
    name_latin: str | None = None
    name_zh: str | None = None
    name_ru: str | None = None
    nationality: str | None = None
    email: str | None = None
    bio_zh: str | None = None
    bio_ru: str | None = None
    bio_en: str | None = None
    listed: bool | None = None


def _resolve_refs(data: dict) -> dict:
    """Keys of places and fields → rows; an unknown place is the caller's mistake in the
    body (422 naming it), not a missing resource."""
    if "place" in data:
        place = Place.objects.filter(key=data["place"]).first()
        if place is None:
            raise ApiError(
                422,
                "invalid",
                _("Unknown place: %(key)s") % {"key": data["place"]},
                detail=[{"loc": ["body", "payload", "place"]}],
            )
        data["place"] = place
    if "fields" in data:
        data["fields"] = list(FieldOfExchange.objects.filter(key__in=data["fields"]))
    return data


@router.get("/organisations", response=list[OrganisationOut])
@public_api(*ALL)
@paginate(Pagination)
def organisation_list(
    request,
    q: str | None = None,
    kind: str | None = None,
    sector: str | None = None,
    country: str | None = None,
    place: str | None = None,
    field: str | None = None,
):
    """Organisations, searchable in any script (Харбин, Harbin, 哈尔滨, ha er bin)."""
    return selectors.organisations_filtered(
        q=q, kind=kind, sector=sector, country=country, place=place, field=field
    ).prefetch_related("fields")


@router.get("/organisations/{pk}", response={200: OrganisationOut, 404: ErrorOut})
def organisation_detail(request, pk: int):
    return selectors.organisation_get_for(request.user, pk=pk)


@router.post("/organisations", response={201: OrganisationOut, 401: ErrorOut, 403: ErrorOut})
def organisation_create(request, payload: OrganisationIn):
    """Register an organisation; the caller becomes its administrator."""
    require_perm(request, "directory.add_organisation")
    organisation = services.organisation_create(by=request.user, **_resolve_refs(payload.dict()))
    return Status(201, organisation)


@router.patch(
    "/organisations/{pk}",
    response={200: OrganisationOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def organisation_update(request, pk: int, payload: OrganisationPatch):
    organisation = selectors.organisation_get_for(request.user, pk=pk)
    require_perm(request, "directory.change_organisation", organisation)
    changes = _resolve_refs(payload.dict(exclude_unset=True))
    return services.organisation_update(organisation=organisation, by=request.user, **changes)


@router.get("/people", response=list[PersonOut])
@public_api(*ALL)
@paginate(Pagination)
def person_list(
    request,
    q: str | None = None,
    nationality: str | None = None,
    organisation: int | None = None,
    field: str | None = None,
    language: str | None = None,
):
    """People who agreed to be listed (and the caller's own entry)."""
    return selectors.people_filtered(
        user=request.user,
        q=q,
        nationality=nationality,
        organisation=organisation,
        field=field,
        language=language,
    ).prefetch_related("fields", "languages", "affiliations")


@router.get("/people/{pk}", response={200: PersonOut, 404: ErrorOut})
def person_detail(request, pk: int):
    return selectors.person_get_for(request.user, pk=pk)


@router.patch(
    "/people/{pk}", response={200: PersonOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
)
def person_update(request, pk: int, payload: PersonPatch):
    person = selectors.person_get_for(request.user, pk=pk)
    require_perm(request, "directory.change_person", person)
    return services.person_update(
        person=person, by=request.user, **payload.dict(exclude_unset=True)
    )

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Events API: public listing and registration; organisers manage registrations."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from amur.core.api import WRITE_ERRORS, ErrorOut, Pagination, require_perm
from amur.core.clients import client_key
from amur.core.pagecache import ALL, public_api
from amur.events import selectors, services

router = Router(tags=["events"])


class ModeOut(Schema):
    id: int
    attendance: str
    capacity: int | None
    seats_taken: int
    approval_required: bool


class EventOut(Schema):
    slug: str
    title_zh: str
    title_ru: str
    title_en: str
    kind: str
    status: str
    place: str | None
    venue: str
    online_url: str
    start: datetime
    end: datetime
    timezone: str
    languages: list[str]
    interpretation: bool
    direction: str
    participants_cn: int | None
    participants_ru: int | None
    participants_other: int | None
    organisers: list[dict]
    modes: list[ModeOut]

    @staticmethod
    def resolve_place(obj):
        return obj.place.key if obj.place_id else None

    @staticmethod
    def resolve_languages(obj):
        return [code for code in obj.languages.split(",") if code]

    @staticmethod
    def resolve_organisers(obj):
        return [
            {"organisation": link.organisation_id, "role": link.role}
            for link in obj.event_organisers.all()
        ]

    @staticmethod
    def resolve_modes(obj):
        return list(obj.modes.all())


class RegistrationIn(Schema):
    mode: int
    name: str
    email: str
    language: str = "en"
    organisation_name: str = ""
    answers: dict[int, str] = {}  # question id → answer; every required question answered


class RegistrationOut(Schema):
    id: int
    mode: int
    name: str
    email: str
    status: str
    language: str
    # "unconfirmed": a link went to the address; the seat is held until then.
    hold_until: datetime | None = None

    @staticmethod
    def resolve_mode(obj):
        return obj.mode_id


@router.get("/events", response=list[EventOut])
@public_api(*ALL)
@paginate(Pagination)
def event_list(
    request,
    q: str | None = None,
    kind: str | None = None,
    field: str | None = None,
    place: str | None = None,
    country: str | None = None,
    sector: str | None = None,
    language: str | None = None,
    attendance: str | None = None,
    start: date | None = None,
    end: date | None = None,
):
    """Public events; ``q`` finds titles and places in any script."""
    return selectors.events_filtered(
        request.user,
        q=q,
        kind=kind,
        field=field,
        place=place,
        country=country,
        sector=sector,
        language=language,
        attendance=attendance,
        start=start,
        end=end,
    ).prefetch_related("event_organisers", "modes")


@router.get("/events/{slug}", response={200: EventOut, 404: ErrorOut})
def event_detail(request, slug: str):
    return selectors.event_get_for(request.user, slug=slug)


@router.post(
    "/events/{slug}/registrations",
    response={201: RegistrationOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
def registration_create(request, slug: str, payload: RegistrationIn):
    """Register (anyone may); a full mode answers with a waitlisted registration.  As on the
    page, an anonymous registration is ``unconfirmed`` until the link sent to the address is
    opened (the seat held until ``hold_until``), and a client registers at most ten times an
    hour; the event's organisers (with their token) register people directly."""
    event = selectors.event_get_for(request.user, slug=slug)
    mode = get_object_or_404(event.modes, pk=payload.mode)
    registration = services.registration_create(
        mode=mode,
        name=payload.name,
        email=payload.email,
        language=payload.language,
        organisation_name=payload.organisation_name,
        answers=payload.answers,
        by=request.user,
        client=client_key(request),
    )
    return Status(201, registration)


@router.get(
    "/events/{slug}/registrations",
    response={200: list[RegistrationOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def registration_list(request, slug: str):
    event = selectors.event_get_for(request.user, slug=slug)
    require_perm(request, "events.manage_registrations", event)
    return list(event.registrations.all())


@router.post(
    "/events/{slug}/registrations/{pk}/cancel",
    response={200: RegistrationOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def registration_cancel(request, slug: str, pk: int):
    """Organisers cancel a registration; the first on the waiting list moves up."""
    event = selectors.event_get_for(request.user, slug=slug)
    require_perm(request, "events.manage_registrations", event)
    registration = selectors.registration_get_for(request.user, event=event, pk=pk)
    services.registration_cancel(registration=registration, by=request.user)
    registration.refresh_from_db()
    return registration


@router.post(
    "/events/{slug}/check-in",
    response={200: RegistrationOut, **WRITE_ERRORS},
)
def check_in(request, slug: str, code: str):
    event = selectors.event_get_for(request.user, slug=slug)
    require_perm(request, "events.manage_registrations", event)
    registration = selectors.registration_get_for(request.user, event=event, ticket_code=code)
    return services.registration_check_in(registration=registration, by=request.user)


@router.post(
    "/events/{slug}/registrations/{pk}/promote",
    response={200: RegistrationOut, **WRITE_ERRORS},
)
def registration_promote(request, slug: str, pk: int, add_seat: bool = False):
    """Organisers move one registration up from the waiting list.

    A full mode answers 409 unless ``add_seat=true`` raises its capacity by one.
    """
    event = selectors.event_get_for(request.user, slug=slug)
    require_perm(request, "events.manage_registrations", event)
    registration = selectors.registration_get_for(request.user, event=event, pk=pk)
    return services.registration_promote(
        registration=registration, by=request.user, add_seat=add_seat
    )


class CountOut(Schema):
    attendance: str
    capacity: int | None
    confirmed: int
    attended: int
    waitlisted: int


@router.get(
    "/events/{slug}/counts",
    response={200: list[CountOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def registration_counts(request, slug: str):
    """Seats held, checked in and waiting per participation mode, for check-in desks."""
    event = selectors.event_get_for(request.user, slug=slug)
    require_perm(request, "events.manage_registrations", event)
    return services.registration_counts(event)


class PhotoOut(Schema):
    id: int
    caption: str
    width: int
    height: int
    url: str
    uploaded_at: datetime

    @staticmethod
    def resolve_url(obj):
        return reverse("events:photo", args=[obj.event.slug, obj.pk])


@router.get("/events/{slug}/photos", response={200: list[PhotoOut], 404: ErrorOut})
def photo_list(request, slug: str):
    event = selectors.event_get_for(request.user, slug=slug)
    return list(event.photos.select_related("event"))


@router.post(
    "/events/{slug}/photos",
    response={201: PhotoOut, **WRITE_ERRORS, 422: ErrorOut},
)
def photo_add(request, slug: str, image: File[UploadedFile], caption: Form[str] = ""):
    """Add a photo (multipart: ``image``, ``caption``); JPEG, PNG or WebP up to 10 MB."""
    event = selectors.event_get_for(request.user, slug=slug)
    require_perm(request, "events.change_event", event)
    photo = services.event_photo_add(event=event, upload=image, caption=caption, by=request.user)
    return Status(201, photo)


@router.post(
    "/events/{slug}/photos/{pk}/delete",
    response={204: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def photo_delete(request, slug: str, pk: int):
    event = selectors.event_get_for(request.user, slug=slug)
    require_perm(request, "events.change_event", event)
    services.event_photo_delete(
        photo=selectors.photo_get_for(request.user, event=event, pk=pk), by=request.user
    )
    return Status(204, None)

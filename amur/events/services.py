# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Every write of the events module: publishing, registration, waitlist, check-in."""

from __future__ import annotations

import io
import zoneinfo
from datetime import datetime, timedelta

import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from amur.core import zones
from amur.core.audit import audit_record
from amur.core.errors import DomainError
from amur.core.i18n import content_language, localised_text
from amur.core.mail import mail_queue, send_localised
from amur.core.search import search_keys
from amur.core.validators import email_clean, fields_clean
from amur.core.zones import in_zones
from amur.events import locking
from amur.events.enums import EventStatus, RegistrationStatus
from amur.events.models import (
    Event,
    EventOrganiser,
    EventPhoto,
    ParticipationMode,
    Question,
    Registration,
)

HOLDS_SEAT = (
    RegistrationStatus.PENDING,
    RegistrationStatus.UNCONFIRMED,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
)
# An anonymous registrant has this long to open the link sent to their address before
# their seat goes to the waiting list; and one client (account or network address) may
# register this many times an hour, across all events (organisers are not limited).
HOLD = timedelta(minutes=getattr(settings, "AMUR_REGISTRATION_HOLD_MINUTES", 30))
PER_CLIENT_PER_HOUR = getattr(settings, "AMUR_REGISTRATIONS_PER_HOUR", 10)


class EventsError(DomainError):
    """A refused events operation; the message is translated for the user."""


def event_search_keys(event: Event) -> str:
    place = event.place
    names = [place.name_zh, place.name_ru, place.name_en] if place else []
    return search_keys(event.title_zh, event.title_ru, event.title_en, event.venue, *names)


@transaction.atomic
def event_save(*, event: Event, organisers: list[tuple[object, str]] | None = None) -> Event:
    """Validate and save ``event``; ``organisers`` are (organisation, role) pairs."""
    if not event.timezone and event.place_id:
        event.timezone = event.place.timezone
    try:
        zoneinfo.ZoneInfo(event.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise EventsError(_("Unknown time zone: %(zone)s") % {"zone": event.timezone}) from None
    event.search_keys = event_search_keys(event)
    event.full_clean(exclude=["search_keys"])
    event.save()
    if organisers is not None:
        event.event_organisers.all().delete()
        EventOrganiser.objects.bulk_create(
            EventOrganiser(event=event, organisation=org, role=role) for org, role in organisers
        )
    return event


def event_sectors(event: Event) -> dict[str, int]:
    """The sector mix of an event: how many organisers of each sector."""
    mix: dict[str, int] = {}
    for link in event.event_organisers.select_related("organisation"):
        sector = link.organisation.sector
        mix[sector] = mix.get(sector, 0) + 1
    return mix


def _registration_open(mode: ParticipationMode, now: datetime) -> None:
    if mode.event.status != EventStatus.PUBLISHED:
        raise EventsError(_("This event does not take registrations."))
    if mode.opens and now < mode.opens:
        raise EventsError(_("Registration has not opened yet."))
    if mode.closes and now > mode.closes:
        raise EventsError(_("Registration is closed."))


def _answers_clean(event_id: int, answers: dict) -> dict[int, str]:
    """The answers to the event's own questions; every required one must be answered,
    whether the registration comes from the page or the API."""
    questions = list(Question.objects.filter(event_id=event_id))
    given = {int(k): str(v).strip() for k, v in answers.items() if str(k).isdigit()}
    given = {k: v for k, v in given.items() if v}
    missing = [q for q in questions if q.required and q.pk not in given]
    if missing:
        raise ValidationError(
            {
                "answers": [
                    _("Please answer: %(question)s") % {"question": localised_text(q, "text")}
                    for q in missing
                ]
            }
        )
    return {q.pk: given[q.pk] for q in questions if q.pk in given}


def _trusted(by, event: Event) -> bool:
    """Internal callers (``by`` None: imports, training enrolment, tests) and the event's
    organisers register people directly, without limits or e-mail confirmation."""
    return by is None or by.has_perm("events.manage_registrations", event)


def _seat_status(mode: ParticipationMode, *, email_confirmed: bool) -> str:
    if not email_confirmed:
        return RegistrationStatus.UNCONFIRMED
    return RegistrationStatus.PENDING if mode.approval_required else RegistrationStatus.CONFIRMED


def _limit(*, client: str, email: str, now: datetime) -> None:
    recent = Registration.objects.filter(created_at__gte=now - timedelta(hours=1))
    if client and recent.filter(client_key=client).count() >= PER_CLIENT_PER_HOUR:
        raise EventsError(
            _(
                "Too many registrations from your connection in the last hour; "
                "please try again later."
            )
        )
    if recent.filter(email=email).count() >= PER_CLIENT_PER_HOUR:
        raise EventsError(
            _(
                "Too many registrations for this e-mail address in the last hour; "
                "please try again later."
            )
        )


@transaction.atomic
def registration_create(
    *,
    mode: ParticipationMode,
    name: str,
    email: str,
    language: str = "en",
    organisation_name: str = "",
    answers: dict[int, str] | None = None,
    send_mail: bool = True,
    by=None,
    client: str = "",
) -> Registration:
    """Register for one participation mode; never more seats than its capacity.

    The mode row is locked for the rest of the transaction, so concurrent registrations
    for the same mode queue up here: each sees the seats its predecessors took.  A full
    mode puts the registration on its waiting list.

    ``by`` is who asks (an anonymous user on the public page and API; None for internal
    callers).  Unless it is the event's organiser or a signed-in person registering their
    own account's address, the address must be confirmed: the seat is held for ``HOLD``
    while a link goes to it, and each ``client`` (see ``amur.core.clients``) and address
    may register ``PER_CLIENT_PER_HOUR`` times an hour.
    """
    email = email_clean(email).lower()
    name = name.strip()
    if not name:
        raise ValidationError({"name": [_("Please give your name.")]})
    answers = _answers_clean(mode.event_id, answers or {})
    mode = locking.mode_locked(mode.pk)
    now = timezone.now()
    _registration_open(mode, now)
    trusted = _trusted(by, mode.event)
    email_confirmed = trusted or (by.is_authenticated and (by.email or "").strip().lower() == email)
    if not trusted:
        _limit(client=client, email=email, now=now)
    _release_expired(mode, now)
    if (
        Registration.objects.filter(event=mode.event, email=email)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        raise EventsError(_("This e-mail address is already registered for the event."))
    if mode.capacity is None or mode.seats_taken < mode.capacity:
        status = _seat_status(mode, email_confirmed=email_confirmed)
        ParticipationMode.objects.filter(pk=mode.pk).update(seats_taken=F("seats_taken") + 1)
    else:
        status = RegistrationStatus.WAITLISTED
    registration = Registration.objects.create(
        event=mode.event,
        mode=mode,
        name=name,
        email=email,
        language=language,
        organisation_name=organisation_name,
        status=status,
        waitlisted_at=now if status == RegistrationStatus.WAITLISTED else None,
        email_confirmed_at=now if email_confirmed else None,
        hold_until=now + HOLD if status == RegistrationStatus.UNCONFIRMED else None,
        client_key=client[:64],
        search_keys=search_keys(name),
    )
    for question_id, text in answers.items():
        registration.answers.create(question_id=question_id, text=text)
    if send_mail:
        transaction.on_commit(lambda: _notify(registration))
    return registration


def _notify(registration: Registration) -> None:
    """The link to confirm the address while it is unconfirmed, else the confirmation."""
    if registration.email_confirmed_at is None:
        registration_send_link(registration=registration)
    else:
        registration_send_confirmation(registration=registration)


def _release(registration: Registration, mode: ParticipationMode) -> Registration | None:
    """Free a held seat whose link was not opened in time (caller holds the mode lock)."""
    registration.status, registration.hold_until = RegistrationStatus.CANCELLED, None
    registration.save(update_fields=["status", "hold_until"])
    audit_record(actor=None, action="registration.hold_expired", obj=registration)
    ParticipationMode.objects.filter(pk=mode.pk).update(seats_taken=F("seats_taken") - 1)
    mode.refresh_from_db()
    return _promote_next(mode)


def _release_expired(mode: ParticipationMode, now: datetime) -> int:
    """Release the mode's holds that ran out (caller holds the mode lock)."""
    expired = list(
        Registration.objects.select_for_update().filter(
            mode=mode, status=RegistrationStatus.UNCONFIRMED, hold_until__lt=now
        )
    )
    for registration in expired:
        _release(registration, mode)
    return len(expired)


def registrations_release_expired() -> int:
    """Every hold that ran out, released to the waiting lists (``amur
    registrations_release``, run every few minutes; registering releases a mode's own)."""
    now = timezone.now()
    released = 0
    modes = Registration.objects.filter(
        status=RegistrationStatus.UNCONFIRMED, hold_until__lt=now
    ).values_list("mode_id", flat=True)
    for mode_id in sorted(set(modes)):
        with transaction.atomic():
            mode = locking.mode_locked(mode_id)
            released += _release_expired(mode, now)
    return released


def registration_confirm_email(*, token: str) -> Registration:
    """The registrant opened the link: their address is confirmed and a held seat becomes
    theirs (awaiting approval where the mode asks for it).  A hold that ran out is released
    (and stays released) and the registrant told to register again."""
    registration, expired = _confirm_email(token)
    if expired:
        raise EventsError(
            _("The link has expired and the seat was released; please register again.")
        )
    return registration


@transaction.atomic
def _confirm_email(token: str) -> tuple[Registration, bool]:
    found = Registration.objects.filter(confirm_token=token).only("pk", "mode_id").first()
    if found is None:
        raise EventsError(_("This link is not valid."))
    mode, registration = locking.registration_locked(found)
    if registration.status == RegistrationStatus.CANCELLED:
        raise EventsError(_("This registration was cancelled; please register again."))
    if registration.email_confirmed_at is not None:
        return registration, False
    now = timezone.now()
    if registration.status == RegistrationStatus.UNCONFIRMED and registration.hold_until < now:
        _release(registration, mode)
        return registration, True
    registration.email_confirmed_at = now
    if registration.status == RegistrationStatus.UNCONFIRMED:
        registration.status = _seat_status(mode, email_confirmed=True)
        registration.hold_until = None
    registration.save(update_fields=["email_confirmed_at", "status", "hold_until"])
    audit_record(actor=None, action="registration.email_confirmed", obj=registration)
    transaction.on_commit(lambda: registration_send_confirmation(registration=registration))
    return registration, False


def _promote_next(mode: ParticipationMode) -> Registration | None:
    """Give a freed seat to the first on the waiting list (caller holds the mode lock); one
    whose address is still unconfirmed gets it held and a link."""
    following = (
        Registration.objects.select_for_update()
        .filter(mode=mode, status=RegistrationStatus.WAITLISTED)
        .order_by("waitlisted_at", "id")
        .first()
    )
    if following is None:
        return None
    confirmed = following.email_confirmed_at is not None
    following.status = _seat_status(mode, email_confirmed=confirmed)
    following.waitlisted_at = None
    following.hold_until = None if confirmed else timezone.now() + HOLD
    following.save(update_fields=["status", "waitlisted_at", "hold_until"])
    ParticipationMode.objects.filter(pk=mode.pk).update(seats_taken=F("seats_taken") + 1)
    transaction.on_commit(lambda: _notify(following))
    return following


@transaction.atomic
def registration_cancel(*, registration: Registration, by=None) -> Registration | None:
    """Cancel; a freed seat goes to the first on the waiting list, exactly once.

    Returns the promoted registration, if any.
    """
    mode, registration = locking.registration_locked(registration)
    if registration.status == RegistrationStatus.CANCELLED:
        return None
    held_seat = registration.status in HOLDS_SEAT
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    audit_record(actor=by, action="registration.cancel", obj=registration)
    if not held_seat:
        return None
    ParticipationMode.objects.filter(pk=mode.pk).update(seats_taken=F("seats_taken") - 1)
    mode.refresh_from_db()
    return _promote_next(mode)


@transaction.atomic
def registration_promote(*, registration: Registration, by, add_seat: bool = False) -> Registration:
    """Move one chosen registration off the waiting list, ahead of its turn.

    The organiser decides who gets in (a speaker's assistant, a delegation member).  A full
    mode is refused unless the organiser adds the seat explicitly (``add_seat``): the
    capacity then grows by one, recorded in the audit trail, never silently overbooked.
    """
    mode, registration = locking.registration_locked(registration)
    if registration.status != RegistrationStatus.WAITLISTED:
        raise EventsError(_("Only registrations on the waiting list can be moved up."))
    if mode.capacity is not None and mode.seats_taken >= mode.capacity:
        if not add_seat:
            raise EventsError(_("No seat is free: add a seat or cancel a registration first."))
        ParticipationMode.objects.filter(pk=mode.pk).update(capacity=F("capacity") + 1)
        audit_record(
            actor=by,
            action="mode.add_seat",
            obj=mode,
            old={"capacity": mode.capacity},
            new={"capacity": mode.capacity + 1},
        )
    registration.status = (
        RegistrationStatus.PENDING if mode.approval_required else RegistrationStatus.CONFIRMED
    )
    registration.waitlisted_at = None
    registration.save(update_fields=["status", "waitlisted_at"])
    ParticipationMode.objects.filter(pk=mode.pk).update(seats_taken=F("seats_taken") + 1)
    audit_record(actor=by, action="registration.promote", obj=registration)
    transaction.on_commit(lambda: registration_send_confirmation(registration=registration))
    return registration


def registration_cancel_by_token(*, token: str) -> Registration:
    registration = Registration.objects.filter(cancel_token=token).first()
    if registration is None:
        raise EventsError(_("This cancellation link is not valid."))
    registration_cancel(registration=registration)
    registration.refresh_from_db()
    return registration


@transaction.atomic
def registration_approve(*, registration: Registration, by) -> Registration:
    """The organiser confirms a registration awaiting approval, or one whose registrant has
    not yet opened the link (the organiser vouches for the address; the hold ends)."""
    registration = locking.registration_only_locked(registration)
    if registration.status not in (RegistrationStatus.PENDING, RegistrationStatus.UNCONFIRMED):
        raise EventsError(_("Only registrations awaiting approval can be approved."))
    registration.status, registration.hold_until = RegistrationStatus.CONFIRMED, None
    registration.save(update_fields=["status", "hold_until"])
    audit_record(actor=by, action="registration.approve", obj=registration)
    return registration


def registration_counts(event: Event) -> list[dict]:
    """Per participation mode: seats held, checked in, waiting; what check-in staff watch."""
    rows = (
        Registration.objects.filter(event=event).values("mode_id", "status").annotate(n=Count("id"))
    )
    tally: dict[tuple[int, str], int] = {(r["mode_id"], r["status"]): r["n"] for r in rows}
    counts = []
    for mode in event.modes.all():
        held = sum(tally.get((mode.pk, status), 0) for status in HOLDS_SEAT)
        counts.append(
            {
                "mode": mode,
                "attendance": mode.attendance,
                "capacity": mode.capacity,
                "confirmed": held,
                "attended": tally.get((mode.pk, RegistrationStatus.ATTENDED), 0),
                "waitlisted": tally.get((mode.pk, RegistrationStatus.WAITLISTED), 0),
            }
        )
    return counts


@transaction.atomic
def registration_check_in(*, registration: Registration, by) -> Registration:
    registration = locking.registration_only_locked(registration)
    if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED):
        raise EventsError(_("Only confirmed participants can be checked in."))
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.status = RegistrationStatus.ATTENDED
        registration.save(update_fields=["checked_in_at", "status"])
    return registration


PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")


def event_photo_add(*, event: Event, upload, caption: str = "", by) -> EventPhoto:
    """Keep a photo of the event; the content must be a JPEG, PNG or WebP image of at most 10 MB.

    The type is read from the bytes (Pillow), never from the file name or the browser's
    claim, and the stored name is ours.
    """
    from PIL import Image, UnidentifiedImageError

    if upload.size > PHOTO_MAX_BYTES:
        raise EventsError(
            _("%(name)s is larger than %(limit)s MB.") % {"name": upload.name, "limit": 10}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
            image_format, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        image_format = None
    if image_format not in PHOTO_FORMATS:
        raise EventsError(_("%(name)s is not a JPEG, PNG or WebP image.") % {"name": upload.name})
    upload.seek(0)
    photo = EventPhoto(
        event=event,
        caption=caption.strip(),
        uploaded_by=by,
        image_format=image_format,
        width=width,
        height=height,
    )
    fields_clean(photo, ["caption"])
    photo.image.save("photo", upload, save=False)
    photo.save()
    audit_record(actor=by, action="event.photo_add", obj=photo)
    return photo


def event_photo_delete(*, photo: EventPhoto, by) -> None:
    audit_record(actor=by, action="event.photo_delete", obj=photo)
    photo.image.delete(save=False)
    photo.delete()


def event_ics(event: Event) -> bytes:
    """The event as an iCalendar file (RFC 5545), on the venue's clock with its zone."""
    calendar = zones.ics_calendar("-//Amur//events//EN")
    calendar.add_component(_ics_item(event))
    return zones.finish_ics(calendar)


def _ics_item(event: Event):
    from icalendar import Event as IcsEvent

    item = IcsEvent()
    item.add("uid", f"event-{event.pk}@amur")
    item.add("summary", localised_text(event, "title"))
    item.add("dtstart", zones.in_zone(event.start, event.timezone))
    item.add("dtend", zones.in_zone(event.end, event.timezone))
    item.add("dtstamp", timezone.now())
    location = ", ".join(
        part
        for part in (event.venue, localised_text(event.place, "name") if event.place else "")
        if part
    )
    if location:
        item.add("location", location)
    if event.online_url:
        item.add("url", event.online_url)
    return item


def ticket_qr_png(registration: Registration) -> bytes:
    buffer = io.BytesIO()
    segno.make(registration.ticket_code, error="m").save(buffer, kind="png", scale=6)
    return buffer.getvalue()


def registration_send_confirmation(*, registration: Registration) -> None:
    """Confirmation in the participant's language, with the .ics and, in person, a QR ticket."""
    event = registration.event
    with override(registration.language):
        attachments = [("event.ics", event_ics(event), "text/calendar")]
        if (
            registration.mode.attendance == "in_person"
            and registration.status == RegistrationStatus.CONFIRMED
        ):
            attachments.append(("ticket.png", ticket_qr_png(registration), "image/png"))
        cancel_url = settings.SITE_URL + reverse("events:cancel", args=[registration.cancel_token])
        send_localised(
            to=[registration.email],
            language=registration.language,
            subject_template="events/email/registration_subject.txt",
            body_template="events/email/registration_body.txt",
            context={
                "registration": registration,
                "event": event,
                "title": localised_text(event, "title"),
                "cancel_url": cancel_url,
                # The event's clock, labelled with its zone, and the reader's beside it
                # when it differs (a template would convert it to the reader's zone).
                "start": in_zones(event.start, event.timezone),
            },
            attachments=attachments,
        )


def registration_send_link(*, registration: Registration) -> None:
    """The link that confirms the registrant's address, in their language, with the time
    their seat is held until (or that they wait for a seat)."""
    event = registration.event
    with override(registration.language):
        send_localised(
            to=[registration.email],
            language=registration.language,
            subject_template="events/email/confirm_subject.txt",
            body_template="events/email/confirm_body.txt",
            context={
                "registration": registration,
                "title": localised_text(event, "title"),
                "confirm_url": settings.SITE_URL
                + reverse("events:confirm", args=[registration.confirm_token]),
                "hold_until": in_zones(registration.hold_until, event.timezone)
                if registration.hold_until
                else None,
            },
        )


def events_ics(events: list[Event]) -> bytes:
    """Several events as one iCalendar feed."""
    calendar = zones.ics_calendar("-//Amur//events//EN")
    for event in events:
        calendar.add_component(_ics_item(event))
    return zones.finish_ics(calendar)


@transaction.atomic
def delegation_create(*, event: Event, organisation, head, members: list[dict]):
    """A head of delegation registers a group for their organisation."""
    from amur.core.permissions import MEMBER, has_role
    from amur.events.models import Delegation, DelegationMember

    if not has_role(head, organisation.pk, MEMBER):
        raise EventsError(_("You can register a delegation only for your own organisation."))
    if not members:
        raise EventsError(_("A delegation needs at least one member."))
    delegation = Delegation.objects.create(event=event, organisation=organisation, head=head)
    for member in members:
        if not member.get("passport_name", "").isascii():
            raise EventsError(
                _("The passport name of %(name)s must be in Latin letters.")
                % {"name": member["name"]}
            )
        DelegationMember.objects.create(delegation=delegation, **member)
    return delegation


@transaction.atomic
def delegation_confirm(*, delegation, by):
    if delegation.confirmed_at is None:
        delegation.confirmed_at = timezone.now()
        delegation.save(update_fields=["confirmed_at"])
        audit_record(actor=by, action="delegation.confirm", obj=delegation)
    return delegation


def parse_members(text: str) -> list[dict]:
    """Lines of "name; passport name; nationality; role" from the delegation form."""
    members = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(";")]
        if len(parts) < 3 or len(parts[2]) != 2:
            raise EventsError(
                _("Line %(line)s: write name; passport name; two-letter nationality; role")
                % {"line": number}
            )
        role = parts[3] if len(parts) > 3 else ""
        members.append(
            {
                "name": parts[0],
                "passport_name": parts[1],
                "nationality": parts[2].upper(),
                "role": role,
            }
        )
    return members


@transaction.atomic
def session_seat_take(*, session, registration):
    """A confirmed participant takes a seat in a session with its own capacity."""
    from amur.events.models import SessionSeat

    session = locking.session_locked(session)
    if registration.event_id != session.event_id or registration.status not in (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.ATTENDED,
    ):
        raise EventsError(_("Only confirmed participants of the event can join its sessions."))
    if SessionSeat.objects.filter(session=session, registration=registration).exists():
        raise EventsError(_("You already have a seat in this session."))
    if session.capacity is not None and session.seats_taken >= session.capacity:
        raise EventsError(_("This session is full."))
    type(session).objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + 1)
    return SessionSeat.objects.create(session=session, registration=registration)


@transaction.atomic
def event_save_with_modes(
    *, event: Event, host, in_person: int | None, online: int | None, offer_online: bool
) -> Event:
    """Save an organiser's event with its host and the capacities of its modes.

    A capacity can be lowered only down to the seats already taken (the database would
    refuse more, this says why).
    """
    creating = event.pk is None
    event_save(event=event, organisers=[(host, "host")] if creating else None)
    wanted = {"in_person": (True, in_person), "online": (offer_online, online)}
    for attendance, (offered, capacity) in wanted.items():
        mode = locking.event_mode_locked(event, attendance)
        if not offered:
            if mode and mode.seats_taken == 0:
                mode.delete()
            continue
        if mode and capacity is not None and capacity < mode.seats_taken:
            raise EventsError(
                _("%(taken)s seats are already taken; the capacity cannot be lower.")
                % {"taken": mode.seats_taken}
            )
        if mode:
            mode.capacity = capacity
            mode.save(update_fields=["capacity"])
            # New seats go to those waiting, in their order, before any newcomer.
            while (mode.capacity is None or mode.seats_taken < mode.capacity) and _promote_next(
                mode
            ):
                mode.refresh_from_db()
        else:
            ParticipationMode.objects.create(event=event, attendance=attendance, capacity=capacity)
    return event


def registrants_message(*, event: Event, attendance: str, subjects: dict, bodies: dict) -> int:
    """Write to every live registrant of a mode, each in their language (falling back to
    English where the organiser wrote no text in it). The messages go out after the
    commit (``amur.core.mail``); returns how many were queued."""
    sent = 0
    live = event.registrations.filter(mode__attendance=attendance).exclude(
        status=RegistrationStatus.CANCELLED
    )
    for registration in live:
        lang = content_language(registration.language)
        subject = subjects.get(lang) or subjects["en"]
        body = bodies.get(lang) or bodies["en"]
        mail_queue(to=[registration.email], subject=subject, body=body)
        sent += 1
    return sent

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import calendar
import json
import zoneinfo
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amur.core import zones
from amur.core.clients import client_key
from amur.core.errors import refusals_shown
from amur.core.exports import table_response
from amur.core.i18n import localised_text
from amur.core.pagecache import ALL, public_page
from amur.core.permissions import check
from amur.core.search import search_filter
from amur.events import selectors, services
from amur.events.forms import EventFilterForm, PhotoForm, RegistrationForm
from amur.events.models import Registration
from amur.talent import selectors as talent_selectors
from amur.talent.enums import TaskKind

INTERPRETING_KINDS = (TaskKind.SIMULTANEOUS, TaskKind.CONSECUTIVE)


def _filters(request) -> tuple[EventFilterForm, dict]:
    form = EventFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, {key: value for key, value in data.items() if value}


EVENTS_PER_PAGE = 50


@public_page("events", "directory", "core")
def event_list(request):
    form, filters = _filters(request)
    found = selectors.events_upcoming_first(
        selectors.events_filtered(request.user, **filters), timezone.now()
    )
    page = Paginator(found, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    events = list(page)
    # The page links carry the filters.
    query = request.GET.copy()
    query.pop("page", None)
    points = [
        {"name": localised_text(e, "title"), "value": [float(e.place.lon), float(e.place.lat)]}
        for e in events
        if e.place and e.place.lat is not None
    ]
    map_option = {
        "tooltip": {},
        "xAxis": {"type": "value", "min": 20, "max": 145, "name": "lon"},
        "yAxis": {"type": "value", "min": 30, "max": 65, "name": "lat"},
        "series": [{"type": "scatter", "symbolSize": 12, "data": points}],
    }
    context = {
        "form": form,
        "events": events,
        "page": page,
        "page_query": query.urlencode(),
        "map_option": map_option,
        "feed_url": reverse("events:feed") + "?" + query.urlencode(),
    }
    if request.headers.get("HX-Request"):
        return render(request, "events/event_list.html#results", context)
    return render(request, "events/event_list.html", context)


@public_page("events", "directory", "core")
def event_calendar(request):
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        # Without a month asked for, the calendar opens on the month of the next event.
        _form, filters = _filters(request)
        upcoming = (
            selectors.events_filtered(request.user, **filters)
            .filter(end__gte=timezone.now())
            .first()
        )
        if upcoming is not None:
            zone = zoneinfo.ZoneInfo(upcoming.timezone)
            first = max(timezone.localtime(upcoming.start, zone).date(), today).replace(day=1)
        else:
            first = today.replace(day=1)
    last = date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    _form, filters = _filters(request)
    filters.update(start=first, end=last)
    events = selectors.events_filtered(request.user, **filters)
    by_day: dict[int, list] = {}
    for event in events:
        local_start = timezone.localtime(event.start).date()
        local_end = timezone.localtime(event.end).date()
        for day in range(1, last.day + 1):
            if local_start <= date(first.year, first.month, day) <= local_end:
                by_day.setdefault(day, []).append(event)
    weeks = [
        [(day, by_day.get(day, [])) if day else (None, []) for day in week]
        for week in calendar.Calendar().monthdayscalendar(first.year, first.month)
    ]
    previous = (first - timedelta(days=1)).replace(day=1)
    following = last + timedelta(days=1)
    return render(
        request,
        "events/event_calendar.html",
        {
            "weeks": weeks,
            "month": first,
            "previous": previous,
            "following": following,
            "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
        },
    )


def _times(event) -> dict:
    """The event's times in the visitor's zone and in the event's own zone, as text.

    Formatted here because templates would convert every datetime to the visitor's zone.
    """
    zone = zoneinfo.ZoneInfo(event.timezone)

    def fmt(moment, tz=None):
        return timezone.localtime(moment, tz).strftime("%Y-%m-%d %H:%M")

    return {
        "start_here": fmt(event.start),
        "end_here": fmt(event.end),
        "start_there": fmt(event.start, zone),
        "end_there": fmt(event.end, zone),
        # One label per clock (Asia/Harbin is Asia/Shanghai); the event's own line only
        # when the visitor's clock differs from it.
        "zone_here": zones.current_zone_label(event.start),
        "zone_there": zones.zone_label(event.timezone, event.start),
        "differs": zones.differs_from_reader(event.timezone, event.start),
    }


def _json_ld(request, event, organisers) -> str:
    modes = {m.attendance for m in event.modes.all()}
    if modes == {"online"}:
        attendance = "https://schema.org/OnlineEventAttendanceMode"
    elif "online" in modes or event.online_url:
        attendance = "https://schema.org/MixedEventAttendanceMode"
    else:
        attendance = "https://schema.org/OfflineEventAttendanceMode"
    status = {
        "cancelled": "https://schema.org/EventCancelled",
        "postponed": "https://schema.org/EventPostponed",
    }.get(event.status, "https://schema.org/EventScheduled")
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": localised_text(event, "title"),
        "description": localised_text(event, "summary"),
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
        "eventAttendanceMode": attendance,
        "eventStatus": status,
        "url": request.build_absolute_uri(),
        "inLanguage": event.languages.split(","),
        "organizer": [
            {"@type": "Organization", "name": localised_text(link.organisation, "name")}
            for link in organisers
        ],
    }
    if event.place:
        data["location"] = {
            "@type": "Place",
            "name": event.venue or localised_text(event.place, "name"),
            "address": localised_text(event.place, "name"),
        }
    if event.online_url:
        data.setdefault("location", {})
        data["location"] = [data["location"], {"@type": "VirtualLocation", "url": event.online_url}]
    # "</" cannot close the script element once escaped.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _event_page(request, event, form) -> dict:
    """Everything the event page shows, for the GET and for a registration refused on POST
    alike (the refused page used to lose the photos, the management links and the
    interpreting panel)."""
    organisers = list(event.event_organisers.select_related("organisation"))
    # Its organisers turn the event's interpretation needs into tasks of the talent pool.
    interpreting = request.user.has_perm("talent.request_interpreting", event)
    return {
        "event": event,
        "modes": list(event.modes.all()),
        "form": form,
        "times": _times(event),
        "json_ld": _json_ld(request, event, organisers),
        "organisers": organisers,
        "sectors": services.event_sectors(event),
        "can_manage": request.user.has_perm("events.manage_registrations", event),
        "photos": event.photos.all(),
        "can_request_interpreting": interpreting,
        "interpreting_tasks": talent_selectors.event_tasks(event) if interpreting else [],
        "interpreting_kinds": [(k, k.label) for k in INTERPRETING_KINDS],
    }


@public_page(*ALL)
def event_detail(request, slug: str):
    event = selectors.event_get_for(request.user, slug=slug)
    form = RegistrationForm(
        event=event,
        questions=event.questions.all(),
        initial={"language": translation.get_language()},
    )
    return render(request, "events/event_detail.html", _event_page(request, event, form))


@require_POST
def event_register(request, slug: str):
    event = selectors.event_get_for(request.user, slug=slug)
    form = RegistrationForm(request.POST, event=event, questions=event.questions.all())
    if form.is_valid():
        try:
            registration = services.registration_create(
                mode=form.cleaned_data["mode"],
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
                organisation_name=form.cleaned_data["organisation_name"],
                answers=form.answers(),
                by=request.user,
                client=client_key(request),
            )
        except services.EventsError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:  # the service's own checks, the same as the API's
            form.add_error(None, exc.messages)
        else:
            hold = registration.hold_until
            return render(
                request,
                "events/registered.html",
                {
                    "event": event,
                    "registration": registration,
                    "hold_until": zones.in_zones(hold, event.timezone) if hold else "",
                },
            )
    return render(
        request, "events/event_detail.html", _event_page(request, event, form), status=400
    )


@require_http_methods(["GET", "POST"])
def registration_confirm(request, token: str):
    """The link sent to an anonymous registrant: a GET shows the registration and a button
    (mail scanners that open links confirm nothing); the POST confirms the address."""
    registration = get_object_or_404(
        Registration.objects.select_related("event", "mode"), confirm_token=token
    )
    refusal = ""
    if request.method == "POST":
        try:
            registration = services.registration_confirm_email(token=token)
        except services.EventsError as exc:
            refusal = str(exc)
        registration.refresh_from_db()
    return render(
        request,
        "events/confirm.html",
        {
            "registration": registration,
            "event": registration.event,
            "refusal": refusal,
            "hold_until": zones.in_zones(registration.hold_until, registration.event.timezone)
            if registration.hold_until
            else "",
        },
        status=409 if refusal else 200,
    )


@require_http_methods(["GET", "POST"])
def registration_cancel(request, token: str):
    registration = get_object_or_404(
        Registration.objects.select_related("event"), cancel_token=token
    )
    if request.method == "POST":
        services.registration_cancel(registration=registration)
        registration.refresh_from_db()
    return render(request, "events/cancel.html", {"registration": registration})


def event_ics(request, slug: str):
    event = selectors.event_get_for(request.user, slug=slug)
    response = HttpResponse(services.event_ics(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@public_page("events", "directory", "core")
def event_feed(request):
    """iCalendar feed of any filtered list (the same filters as the list page)."""
    _form, filters = _filters(request)
    events = selectors.events_filtered(request.user, **filters)[:500]
    return HttpResponse(
        services.events_ics(list(events)), content_type="text/calendar; charset=utf-8"
    )


@login_required
def event_registrations(request, slug: str):
    event = selectors.event_get_for(request.user, slug=slug)
    check(request.user, "events.manage_registrations", event)
    registrations = event.registrations.select_related("mode").order_by("mode", "status", "id")
    q = request.GET.get("q")
    if q:
        registrations = registrations.filter(search_filter(q))
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _registrations_export(event, registrations, export)
    counts = services.registration_counts(event)
    if request.GET.get("part") == "counts":
        return render(
            request, "events/registrations.html#counts", {"event": event, "counts": counts}
        )
    return render(
        request,
        "events/registrations.html",
        {"event": event, "registrations": registrations, "counts": counts, "q": q or ""},
    )


def _registrations_export(event, registrations, export: str) -> HttpResponse:
    header = ["name", "email", "organisation", "mode", "status", "language", "checked_in"]
    rows = [
        [
            r.name,
            r.email,
            r.organisation_name,
            r.mode.attendance,
            r.status,
            r.language,
            r.checked_in_at.isoformat() if r.checked_in_at else "",
        ]
        for r in registrations
    ]
    return table_response(f"{event.slug}-registrations", header, rows, export)


@login_required
@require_POST
def registration_action(request, slug: str, pk: int, action: str):
    event = selectors.event_get_for(request.user, slug=slug)
    check(request.user, "events.manage_registrations", event)
    registration = selectors.registration_get_for(request.user, event=event, pk=pk)
    with refusals_shown(request):
        if action == "approve":
            services.registration_approve(registration=registration, by=request.user)
        elif action == "check-in":
            services.registration_check_in(registration=registration, by=request.user)
        elif action == "cancel":
            services.registration_cancel(registration=registration, by=request.user)
        elif action == "promote":
            services.registration_promote(
                registration=registration,
                by=request.user,
                add_seat=bool(request.POST.get("add_seat")),
            )
        else:
            return HttpResponse(status=404)
        messages.success(request, _("Done."))
    return redirect("events:registrations", slug=event.slug)


@login_required
@require_POST
def check_in_by_code(request, slug: str):
    event = selectors.event_get_for(request.user, slug=slug)
    check(request.user, "events.manage_registrations", event)
    registration = Registration.objects.filter(
        event=event, ticket_code=request.POST.get("code", "").strip()
    ).first()
    if registration is None:
        messages.error(request, _("No ticket with this code for this event."))
    else:
        with refusals_shown(request):
            services.registration_check_in(registration=registration, by=request.user)
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
    return redirect("events:registrations", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def delegation_register(request, slug: str):
    from amur.core.permissions import MEMBER, organisations_where
    from amur.directory.models import Organisation

    event = selectors.event_get_for(request.user, slug=slug)
    organisations = Organisation.objects.filter(pk__in=organisations_where(request.user, MEMBER))
    if request.method == "POST":
        organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
        with refusals_shown(request):
            delegation = services.delegation_create(
                event=event,
                organisation=organisation,
                head=request.user,
                members=services.parse_members(request.POST.get("members", "")),
            )
            messages.success(
                request, _("The delegation is registered; the organiser will confirm it.")
            )
            return redirect("events:delegation", slug=slug, pk=delegation.pk)
    return render(
        request, "events/delegation_form.html", {"event": event, "organisations": organisations}
    )


def _delegation_for(request, slug, pk):
    event = selectors.event_get_for(request.user, slug=slug)
    delegation = selectors.delegation_get_for(request.user, event=event, pk=pk)
    organiser = request.user.has_perm("events.manage_registrations", event)
    return event, delegation, organiser


@login_required
def delegation_detail(request, slug: str, pk: int):
    event, delegation, organiser = _delegation_for(request, slug, pk)
    if request.method == "POST" and organiser:
        services.delegation_confirm(delegation=delegation, by=request.user)
        return redirect("events:delegation", slug=slug, pk=pk)
    return render(
        request,
        "events/delegation_detail.html",
        {
            "event": event,
            "delegation": delegation,
            "organiser": organiser,
            "languages": settings.LANGUAGES,
        },
    )


@login_required
def delegation_letter(request, slug: str, pk: int, language: str):
    from amur.events.letters import invitation_letter_pdf

    _event, delegation, _organiser = _delegation_for(request, slug, pk)
    if delegation.confirmed_at is None or language not in dict(settings.LANGUAGES):
        raise Http404
    response = HttpResponse(
        invitation_letter_pdf(delegation, language), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="invitation-{delegation.pk}-{language}.pdf"'
    )
    return response


def programme(request, slug: str):
    event = selectors.event_get_for(request.user, slug=slug)
    sessions = event.sessions.prefetch_related("speakers")
    zone = zoneinfo.ZoneInfo(event.timezone)
    days: dict = {}
    for session in sessions:
        day = timezone.localtime(session.start, zone).date()
        days.setdefault(day, []).append(
            {
                "session": session,
                "start": timezone.localtime(session.start, zone).strftime("%H:%M"),
                "end": timezone.localtime(session.end, zone).strftime("%H:%M"),
            }
        )
    return render(request, "events/programme.html", {"event": event, "days": days})


def speaker(request, pk: int):
    from amur.directory.selectors import person_get_for

    person = person_get_for(request.user, pk=pk)
    sessions = person.sessions.select_related("event").filter(
        event__in=selectors.events_visible_to(request.user)
    )
    return render(request, "events/speaker.html", {"person": person, "sessions": sessions})


@require_POST
def session_join(request, slug: str, pk: int):
    """Take a seat in a session with the ticket code of one's event registration."""
    event = selectors.event_get_for(request.user, slug=slug)
    session = selectors.session_get_for(request.user, event=event, pk=pk)
    registration = Registration.objects.filter(
        event=event, ticket_code=request.POST.get("code", "").strip()
    ).first()
    with refusals_shown(request):
        if registration is None:
            raise services.EventsError(_("No ticket with this code for this event."))
        services.session_seat_take(session=session, registration=registration)
        messages.success(request, _("Your seat in the session is reserved."))
    return redirect("events:programme", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, slug: str | None = None):
    """Organisers create an event for their organisation, or edit one their host runs."""
    from amur.core.permissions import EDITOR, organisations_acting_for
    from amur.events.forms import EventForm

    event = selectors.event_get_for(request.user, slug=slug) if slug else None
    if event is not None:
        check(request.user, "events.change_event", event)
    hosts = organisations_acting_for(request.user, EDITOR)
    if event is None and not hosts:
        raise PermissionDenied
    modes = {m.attendance: m for m in event.modes.all()} if event else {}
    initial = {
        "in_person_capacity": getattr(modes.get("in_person"), "capacity", None),
        "online_capacity": getattr(modes.get("online"), "capacity", None),
        "offer_online": "online" in modes,
    }
    form = EventForm(request.POST or None, instance=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        host = None
        if event is None:
            host = get_object_or_404(hosts, pk=request.POST.get("host"))
        instance = form.save(commit=False)
        if event is None:
            from django.utils.text import slugify

            instance.slug = (
                f"{slugify(instance.title_en or 'event')[:80]}-{timezone.now():%Y%m%d%H%M%S}"
            )
        try:
            saved = services.event_save_with_modes(
                event=instance,
                host=host,
                in_person=form.cleaned_data["in_person_capacity"],
                online=form.cleaned_data["online_capacity"],
                offer_online=form.cleaned_data["offer_online"],
            )
            saved.fields.set(form.cleaned_data["fields"])
        except services.EventsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Saved."))
            return redirect("events:detail", slug=saved.slug)
    return render(request, "events/event_form.html", {"form": form, "event": event, "hosts": hosts})


@login_required
@require_http_methods(["GET", "POST"])
def event_message(request, slug: str):
    from amur.events.forms import MessageForm

    event = selectors.event_get_for(request.user, slug=slug)
    check(request.user, "events.manage_registrations", event)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sent = services.registrants_message(
            event=event,
            attendance=data["attendance"],
            subjects={lang: data[f"subject_{lang}"] for lang in ("zh", "ru", "en")},
            bodies={lang: data[f"body_{lang}"] for lang in ("zh", "ru", "en")},
        )
        messages.success(request, _("%(count)s messages sent.") % {"count": sent})
        return redirect("events:registrations", slug=slug)
    return render(request, "events/event_message.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def event_photos(request, slug: str):
    """Organisers add photos of the event; they appear on its public page."""
    event = selectors.event_get_for(request.user, slug=slug)
    check(request.user, "events.change_event", event)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_photo_add(
                event=event,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
                by=request.user,
            )
        except services.EventsError as exc:
            form.add_error("image", str(exc))
        except ValidationError as exc:  # the model's limits, checked by the service
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Photo added."))
            return redirect("events:photos", slug=slug)
    return render(
        request, "events/photos.html", {"event": event, "form": form, "photos": event.photos.all()}
    )


@login_required
@require_POST
def event_photo_delete(request, slug: str, pk: int):
    event = selectors.event_get_for(request.user, slug=slug)
    check(request.user, "events.change_event", event)
    photo = selectors.photo_get_for(request.user, event=event, pk=pk)
    services.event_photo_delete(photo=photo, by=request.user)
    messages.success(request, _("Photo removed."))
    return redirect("events:photos", slug=slug)


def event_photo(request, slug: str, pk: int):
    """The photo itself, served by Amur so that it follows the event's visibility."""
    event = selectors.event_get_for(request.user, slug=slug)
    photo = selectors.photo_get_for(request.user, event=event, pk=pk)
    return FileResponse(photo.image.open("rb"), content_type=f"image/{photo.image_format.lower()}")

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amur.events.enums import (
    Attendance,
    Direction,
    EventKind,
    EventStatus,
    OrganiserRole,
    RegistrationStatus,
)


def _token() -> str:
    return secrets.token_urlsafe(24)


class EventSeries(models.Model):
    """A recurring event with numbered editions (e.g. the Harbin culture and art week)."""

    slug = models.SlugField(max_length=80, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")

    def __str__(self) -> str:
        return self.name_en or self.name_ru or self.name_zh


class Event(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    summary_ru = models.TextField(_("summary (Russian)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    fields = models.ManyToManyField("core.FieldOfExchange", blank=True, verbose_name=_("fields"))
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    series = models.ForeignKey(
        EventSeries, on_delete=models.SET_NULL, null=True, blank=True, related_name="editions"
    )
    edition = models.PositiveSmallIntegerField(_("edition"), null=True, blank=True)
    place = models.ForeignKey(
        "core.Place", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("city")
    )
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_url = models.URLField(_("stream link"), blank=True)
    online_platform = models.CharField(_("online platform"), max_length=100, blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    timezone = models.CharField(_("time zone of the event"), max_length=64)
    languages = models.CharField(
        _("languages"),
        max_length=50,
        default="zh,ru",
        help_text=_("ISO 639-1 codes, comma-separated"),
    )
    interpretation = models.BooleanField(_("Chinese–Russian interpretation"), default=False)
    organisers = models.ManyToManyField(
        "directory.Organisation", through="EventOrganiser", related_name="events"
    )
    # After the event: what the organiser reports (read by the observatory).
    attendance_in_person = models.PositiveIntegerField(
        _("in-person attendance"), null=True, blank=True
    )
    online_viewers = models.PositiveIntegerField(_("online viewers"), null=True, blank=True)
    direction = models.CharField(
        _("direction of exchange"), max_length=8, choices=Direction.choices, blank=True
    )
    participants_cn = models.PositiveIntegerField(
        _("participants from China"), null=True, blank=True
    )
    participants_ru = models.PositiveIntegerField(
        _("participants from Russia"), null=True, blank=True
    )
    participants_other = models.PositiveIntegerField(
        _("participants from other countries"), null=True, blank=True
    )
    outcome_zh = models.TextField(_("outcomes (Chinese)"), blank=True)
    outcome_ru = models.TextField(_("outcomes (Russian)"), blank=True)
    outcome_en = models.TextField(_("outcomes (English)"), blank=True)
    media_links = models.TextField(
        _("photos and media links"), blank=True, help_text=_("one URL per line")
    )
    search_keys = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # Every list and the calendar read events in this order, a page at a time.
        indexes = [models.Index(fields=["start", "id"], name="event_start_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="event_ends_after_start",
                violation_error_message=_("The event ends before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(place__isnull=True, online_url=""),
                name="event_has_a_place_or_a_stream",
                violation_error_message=_("Give the event's city or its stream link."),
            ),
            models.UniqueConstraint(
                fields=["series", "edition"],
                condition=Q(series__isnull=False),
                name="one_edition_number",
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh

    def owning_organisation_id(self) -> int | None:
        """The host organisation owns the event (permissions ask it)."""
        host = [o for o in self.event_organisers.all() if o.role == OrganiserRole.HOST]
        return host[0].organisation_id if host else None


class EventOrganiser(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_organisers")
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=16, choices=OrganiserRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="organiser_once"),
            models.UniqueConstraint(
                fields=["event"], condition=Q(role="host"), name="one_host_per_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"


class ParticipationMode(models.Model):
    """In person or online, each with its own capacity, window and approval rule.

    ``seats_taken`` counts confirmed and pending registrations; the database refuses
    a value above ``capacity``, so no code path can overbook.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="modes")
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("empty: unlimited")
    )
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    approval_required = models.BooleanField(_("organiser approves registrations"), default=False)

    class Meta:
        ordering = ["event", "attendance"]
        constraints = [
            models.UniqueConstraint(fields=["event", "attendance"], name="one_mode_per_attendance"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(seats_taken__lte=models.F("capacity")),
                name="mode_never_over_capacity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} — {self.get_attendance_display()}"

    def owning_organisation_id(self) -> int | None:
        return self.event.owning_organisation_id()


class Question(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    text_zh = models.CharField(_("question (Chinese)"), max_length=300, blank=True)
    text_ru = models.CharField(_("question (Russian)"), max_length=300, blank=True)
    text_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text_en or self.text_ru or self.text_zh


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    mode = models.ForeignKey(
        ParticipationMode, on_delete=models.PROTECT, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=10, default="en")
    organisation_name = models.CharField(_("organisation"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    cancel_token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    ticket_code = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    search_keys = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    # Anonymous registrations prove their address: a link to ``confirm_token`` is sent to
    # it, and the seat is held until ``hold_until`` (then released to the waiting list).
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    hold_until = models.DateTimeField(null=True, blank=True)
    confirm_token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    # Who registered, for the per-connection limit: a keyed hash of the address (never the
    # address itself) or the account.
    client_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled"),
                name="one_live_registration_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.event}"

    def owning_organisation_id(self) -> int | None:
        return self.event.owning_organisation_id()


class Answer(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE)
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="one_answer")
        ]

    def __str__(self) -> str:
        return self.text[:50]


class Delegation(models.Model):
    """An official group travelling to an event; its invitation letter supports visas."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="delegations")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    head = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.organisation} → {self.event}"

    def owning_organisation_id(self) -> int | None:
        return self.event.owning_organisation_id()


class DelegationMember(models.Model):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    passport_name = models.CharField(_("name as in the passport (Latin)"), max_length=200)
    nationality = models.CharField(_("nationality"), max_length=2)
    role = models.CharField(_("role in the delegation"), max_length=100, blank=True)

    class Meta:
        ordering = ["delegation", "id"]

    def __str__(self) -> str:
        return self.passport_name


class Session(models.Model):
    """A programme item: a talk, a master class, a concert, with its speakers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.CharField(_("room"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=8, default="zh")
    interpretation = models.BooleanField(_("Chinese–Russian interpretation"), default=False)
    speakers = models.ManyToManyField("directory.Person", blank=True, related_name="sessions")
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    seats_taken = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["event", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(seats_taken__lte=models.F("capacity")),
                name="session_never_over_capacity",
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh


class SessionSeat(models.Model):
    """A confirmed participant's seat in a session with its own registration (master class)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="seats")
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="session_seats"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "registration"], name="one_seat_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.registration} @ {self.session}"


def _photo_path(photo: "EventPhoto", filename: str) -> str:
    # The stored name never comes from the uploader: the content decides the extension.
    return f"events/{photo.event_id}/{secrets.token_hex(8)}.{photo.image_format.lower()}"


class EventPhoto(models.Model):
    """A photo of the event, uploaded by its organisers after (or during) it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("photo"), upload_to=_photo_path, max_length=200)
    image_format = models.CharField(max_length=8, editable=False)
    width = models.PositiveIntegerField(editable=False)
    height = models.PositiveIntegerField(editable=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name

    def owning_organisation_id(self) -> int | None:
        return self.event.owning_organisation_id()

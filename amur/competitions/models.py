# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amur.competitions.enums import (
    ApplicationStatus,
    DocumentKind,
    Method,
    PrizeStatus,
    RoundStatus,
)


def clock(duration: timedelta | None) -> str:
    """A duration as minutes and seconds, "23:05" (what programmes print)."""
    if duration is None:
        return ""
    seconds = int(duration.total_seconds())
    return f"{seconds // 60}:{seconds % 60:02d}"


class Competition(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    organiser = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="competitions"
    )
    federations = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="member_competitions"
    )

    def __str__(self) -> str:
        return self.name_en or self.name_ru or self.name_zh

    def owning_organisation_id(self) -> int:
        return self.organiser_id


class Edition(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="editions")
    year = models.PositiveSmallIntegerField(_("year"))
    place = models.ForeignKey("core.Place", on_delete=models.PROTECT, null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    starts = models.DateField(_("starts"))
    ends = models.DateField(_("ends"))
    applications_open = models.DateTimeField(_("applications open"))
    applications_close = models.DateTimeField(_("applications close"))
    fee = models.DecimalField(_("fee"), max_digits=10, decimal_places=2, default=Decimal(0))
    rules_zh = models.TextField(_("rules (Chinese)"), blank=True)
    rules_ru = models.TextField(_("rules (Russian)"), blank=True)
    rules_en = models.TextField(_("rules (English)"), blank=True)
    publish_score_tables = models.BooleanField(_("publish full score tables"), default=True)
    # Prizes are accepted when at least numerator/denominator of the jurors vote for them
    # (two thirds in the Chopin Competition's rules).
    prize_quorum_numerator = models.PositiveSmallIntegerField(
        _("prize quorum numerator"), default=2
    )
    prize_quorum_denominator = models.PositiveSmallIntegerField(
        _("prize quorum denominator"), default=3
    )

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "year"], name="edition_once_a_year"),
            models.CheckConstraint(
                condition=Q(prize_quorum_numerator__gte=1)
                & Q(prize_quorum_numerator__lte=models.F("prize_quorum_denominator")),
                name="prize_quorum_is_a_fraction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competition} {self.year}"

    def owning_organisation_id(self) -> int:
        return self.competition.organiser_id


class Discipline(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="disciplines")
    key = models.SlugField(max_length=40)
    name_zh = models.CharField(max_length=100)
    name_ru = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    ensemble = models.BooleanField(_("ensembles apply as a group"), default=False)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    age_on = models.DateField(_("age reference date"), null=True, blank=True)
    required_documents = models.JSONField(
        _("required documents"), default=list, blank=True
    )  # DocumentKind values, checked when an application is submitted

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="discipline_key_once")
        ]

    def __str__(self) -> str:
        return self.name_en


class Contestant(models.Model):
    """An application to a discipline; the number is what jurors see."""

    discipline = models.ForeignKey(Discipline, on_delete=models.CASCADE, related_name="contestants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    name_latin = models.CharField(_("name in Latin letters"), max_length=200, blank=True)
    nationality = models.CharField(_("nationality"), max_length=2)
    birth_date = models.DateField(_("date of birth"))
    teachers = models.JSONField(
        _("teachers"), default=list
    )  # [{"name": ..., "from": 2019, "to": 2024}]
    language = models.CharField(max_length=10, default="en")
    status = models.CharField(
        max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    fee_paid = models.BooleanField(_("fee paid"), default=False)
    fee_paid_at = models.DateTimeField(null=True, blank=True, editable=False)
    fee_paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["discipline", "number"]
        constraints = [
            models.UniqueConstraint(fields=["discipline", "number"], name="contestant_number_once")
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.name}"

    def owning_organisation_id(self) -> int:
        return self.discipline.edition.competition.organiser_id


def document_path(instance: "Document", filename: str) -> str:
    # A random folder per file: the name cannot be guessed, and the download view, not
    # the media URL, decides who may read it.
    return f"competitions/documents/{uuid.uuid4().hex}/{filename}"


class Document(models.Model):
    """A photo, CV or identity document of an application; its type was sniffed on upload."""

    contestant = models.ForeignKey(Contestant, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=10, choices=DocumentKind.choices)
    file = models.FileField(upload_to=document_path, max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["contestant", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["contestant", "kind"], name="one_document_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.contestant} / {self.kind}"

    def owning_organisation_id(self) -> int:
        return self.contestant.owning_organisation_id()


class Juror(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="jurors")
    person = models.ForeignKey("directory.Person", on_delete=models.PROTECT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "person"], name="juror_once"),
            models.UniqueConstraint(
                fields=["edition"], condition=Q(is_chair=True), name="one_chair"
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)


class Conflict(models.Model):
    """A juror does not score a contestant: a teacher, a relative or another tie."""

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="conflicts")
    contestant = models.ForeignKey(Contestant, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.CharField(max_length=20)  # teacher, relative, other, proposed
    confirmed = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["juror", "contestant"], name="conflict_once")
        ]

    def __str__(self) -> str:
        return f"{self.juror} / {self.contestant}"


class Round(models.Model):
    discipline = models.ForeignKey(Discipline, on_delete=models.CASCADE, related_name="rounds")
    order = models.PositiveSmallIntegerField()
    name_zh = models.CharField(max_length=100)
    name_ru = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)
    scale_min = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(1))
    scale_max = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(25))
    step = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(1))
    method = models.CharField(max_length=16, choices=Method.choices, default=Method.CORRECTED_MEAN)
    cap = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal(3))
    quota = models.PositiveSmallIntegerField(_("advancing"))
    weights = models.JSONField(_("weights of earlier rounds and this one"), default=list)
    status = models.CharField(
        max_length=10, choices=RoundStatus.choices, default=RoundStatus.PLANNED
    )
    names_revealed = models.BooleanField(default=False)
    # The chair's choice to publish the integrity analysis beside the results.
    integrity_published = models.BooleanField(_("integrity analysis published"), default=False)
    results = models.JSONField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    by_video = models.BooleanField(_("pre-selection by video"), default=False)
    min_duration = models.DurationField(_("shortest programme"), null=True, blank=True)
    max_duration = models.DurationField(_("longest programme"), null=True, blank=True)

    class Meta:
        ordering = ["discipline", "order"]
        constraints = [
            models.UniqueConstraint(fields=["discipline", "order"], name="round_order_once"),
            models.CheckConstraint(
                condition=Q(min_duration__isnull=True)
                | Q(max_duration__isnull=True)
                | Q(min_duration__lte=models.F("max_duration")),
                name="round_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.discipline} — {self.name_en}"

    def owning_organisation_id(self) -> int:
        return self.discipline.edition.competition.organiser_id

    @property
    def needs_repertoire(self) -> bool:
        return self.by_video or self.min_duration is not None or self.max_duration is not None

    @property
    def duration_range(self) -> str:
        return f"{clock(self.min_duration) or '0:00'}–{clock(self.max_duration) or '…'}"


class Piece(models.Model):
    """One work of the programme a contestant plays in a round."""

    contestant = models.ForeignKey(Contestant, on_delete=models.CASCADE, related_name="pieces")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="pieces")
    position = models.PositiveSmallIntegerField()
    composer = models.CharField(_("composer"), max_length=200)
    work = models.CharField(_("work"), max_length=300)
    duration = models.DurationField(_("duration"))
    video_url = models.URLField(_("video link"), max_length=500, blank=True)

    class Meta:
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["contestant", "round", "position"], name="piece_position_once"
            ),
            models.CheckConstraint(
                condition=Q(duration__gt=timedelta(0)), name="piece_lasts_some_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.composer}: {self.work}"

    @property
    def clock(self) -> str:
        return clock(self.duration)


class Sheet(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sheets")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="sheets")
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "juror"], name="one_sheet_per_juror")
        ]

    def __str__(self) -> str:
        return f"{self.juror} / {self.round}"


class Score(models.Model):
    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="scores")
    contestant = models.ForeignKey(Contestant, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sheet", "contestant"], name="one_score_per_cell")
        ]

    def __str__(self) -> str:
        return str(self.value)


class ScoreChange(models.Model):
    """Every change of a score: who, when, old value, new value, and why."""

    score_sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="changes")
    contestant = models.ForeignKey(Contestant, on_delete=models.CASCADE)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    at = models.DateTimeField(auto_now_add=True)
    old = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    new = models.DecimalField(max_digits=5, decimal_places=2)
    reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"


class PrizeAllocation(models.Model):
    """A proposed allocation of prizes from a round's ranking, decided by a jury vote."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="prize_allocations")
    status = models.CharField(max_length=10, choices=PrizeStatus.choices, default=PrizeStatus.OPEN)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    jurors = models.PositiveSmallIntegerField()  # entitled to vote when proposed
    required = models.PositiveSmallIntegerField()  # votes in favour needed (the quorum)

    class Meta:
        ordering = ["round", "-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round"], condition=Q(status="open"), name="one_open_prize_vote"
            ),
            models.UniqueConstraint(
                fields=["round"], condition=Q(status="accepted"), name="one_accepted_allocation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} / {self.status}"


class PrizeAward(models.Model):
    """A place in an allocation; ex aequo places are awarded to several contestants."""

    allocation = models.ForeignKey(PrizeAllocation, on_delete=models.CASCADE, related_name="awards")
    place = models.PositiveSmallIntegerField(_("prize"))
    contestant = models.ForeignKey(Contestant, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["allocation", "place", "contestant__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "contestant"], name="one_prize_per_contestant"
            ),
            models.CheckConstraint(condition=Q(place__gte=1), name="prize_place_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.place}: {self.contestant}"


class PrizeVote(models.Model):
    allocation = models.ForeignKey(PrizeAllocation, on_delete=models.CASCADE, related_name="votes")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="prize_votes")
    approve = models.BooleanField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["allocation", "juror"], name="one_prize_vote_per_juror")
        ]

    def __str__(self) -> str:
        return f"{self.juror}: {self.approve}"

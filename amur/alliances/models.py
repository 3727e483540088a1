# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amur.alliances.enums import (
    ENDED,
    Admission,
    BodyKind,
    Category,
    Electorate,
    Majority,
    MembershipStatus,
    VoteKind,
    VoteStatus,
)


class Alliance(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    aims_zh = models.TextField(_("aims (Chinese)"), blank=True)
    aims_ru = models.TextField(_("aims (Russian)"), blank=True)
    aims_en = models.TextField(_("aims (English)"), blank=True)
    founded = models.DateField(_("founded"), null=True, blank=True)
    founders = models.ManyToManyField(
        "directory.Organisation", blank=True, related_name="founded_alliances"
    )
    secretariat = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="secretariat_of",
        verbose_name=_("secretariat"),
    )
    logo = models.ImageField(_("logo"), upload_to="alliances/", blank=True)
    admission = models.CharField(
        _("admission"), max_length=12, choices=Admission.choices, default=Admission.SECRETARIAT
    )
    admission_body = models.ForeignKey(
        "Body", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    search_keys = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")

    def __str__(self) -> str:
        return self.name_en or self.name_ru or self.name_zh

    def owning_organisation_id(self) -> int:
        return self.secretariat_id


class Membership(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="alliance_memberships"
    )
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    status = models.CharField(_("status"), max_length=12, choices=MembershipStatus.choices)
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("designated delegate"),
    )
    application_text = models.TextField(_("application"), blank=True)
    document = models.FileField(_("document"), upload_to="alliances/applications/", blank=True)

    class Meta:
        ordering = ["alliance", "organisation__name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "organisation"],
                condition=~Q(status__in=[s.value for s in ENDED]),
                name="one_live_membership",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} @ {self.alliance}"

    def owning_organisation_id(self) -> int:
        return self.organisation_id


class MembershipEvent(models.Model):
    """One dated step of a membership, with who decided and why."""

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Dues(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="dues")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    paid = models.BooleanField(_("paid"), default=False)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "year"], name="dues_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.membership} {self.year}"


class Body(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["alliance", "kind", "id"]

    def __str__(self) -> str:
        return self.name_en or self.name_ru or self.name_zh

    def owning_organisation_id(self) -> int:
        return self.alliance.secretariat_id


class Position(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="positions")
    key = models.SlugField(max_length=40)
    title_zh = models.CharField(_("title (Chinese)"), max_length=100)
    title_ru = models.CharField(_("title (Russian)"), max_length=100)
    title_en = models.CharField(_("title (English)"), max_length=100)
    max_holders = models.PositiveSmallIntegerField(_("maximum holders"), null=True, blank=True)
    rank = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["body", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["body", "key"], name="position_key_once")]

    def __str__(self) -> str:
        return self.title_en


class Mandate(models.Model):
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="mandates")
    person = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="mandates"
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("represents"),
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)
    vote = models.ForeignKey("Vote", on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["position", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="mandate_dates"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.position}"


class ConstitutionVersion(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="constitution")
    number = models.PositiveSmallIntegerField(_("version"))
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    text_ru = models.TextField(_("text (Russian)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    vote = models.ForeignKey("Vote", on_delete=models.SET_NULL, null=True, blank=True)

    class Meta:
        ordering = ["alliance", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "number"], name="constitution_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.alliance} v{self.number}"


class Vote(models.Model):
    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="votes")
    kind = models.CharField(_("kind"), max_length=12, choices=VoteKind.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    electorate = models.CharField(_("electorate"), max_length=8, choices=Electorate.choices)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True)
    quorum = models.DecimalField(
        _("quorum"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("share of the electorate that must take part"),
    )
    majority = models.CharField(_("majority"), max_length=12, choices=Majority.choices)
    abstentions_count = models.BooleanField(_("abstentions count in the base"), default=False)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    in_person = models.BooleanField(_("in-person vote with tellers"), default=False)
    status = models.CharField(max_length=8, choices=VoteStatus.choices, default=VoteStatus.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    electorate_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    result = models.JSONField(null=True, blank=True, editable=False)
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="admission_votes"
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="elections",
        verbose_name=_("position"),
        help_text=_("an election fills this position for a new term"),
    )
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    tellers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("tellers")
    )
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(electorate="body") | Q(body__isnull=False),
                name="body_vote_has_a_body",
                violation_error_message=_("A vote of a body's members needs the body."),
            )
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh

    def owning_organisation_id(self) -> int:
        return self.alliance.secretariat_id


class Option(models.Model):
    """A choice on the ballot: yes/no for motions, a candidate for elections."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    key = models.SlugField(max_length=40)
    label_zh = models.CharField(max_length=200, blank=True)
    label_ru = models.CharField(max_length=200, blank=True)
    label_en = models.CharField(max_length=200, blank=True)
    candidate = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, null=True, blank=True
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("the member organisation the candidate represents"),
    )

    class Meta:
        ordering = ["vote", "id"]
        constraints = [models.UniqueConstraint(fields=["vote", "key"], name="option_key_once")]

    def __str__(self) -> str:
        return self.label_en or self.key


class Participation(models.Model):
    """That a voter took part, and nothing about how: one row per voter and vote.

    ``voter`` is ``unit:<membership id>`` (one vote per member unit) or
    ``user:<user id>`` (members of a body). The unique constraint makes a second ballot
    impossible, also under concurrent submissions. No column links this row to a ballot:
    it has no time and no reference, and ballots have random keys.
    """

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="participations")
    voter = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["vote", "voter"], name="one_ballot_per_voter")
        ]

    def __str__(self) -> str:
        return f"{self.voter} voted in {self.vote_id}"


class Ballot(models.Model):
    """A secret ballot: the choices and the hash of the voter's receipt code, no more."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    choices = models.JSONField()  # option keys, or [] for an abstention
    receipt_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["receipt_hash"]

    def __str__(self) -> str:
        return f"ballot {self.receipt_hash[:8]}"


class SealedBallot(models.Model):
    """A ballot in the box while its vote is open: choices and receipt hash encrypted
    (see amur/alliances/ballotbox.py); opened, shuffled and turned into Ballots at close."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="sealed_ballots")
    sealed = models.TextField()

    def __str__(self) -> str:
        return f"sealed ballot in vote {self.vote_id}"


class Tally(models.Model):
    """In-person counts entered by a teller; valid once two other tellers confirm."""

    vote = models.OneToOneField(Vote, on_delete=models.CASCADE, related_name="tally")
    counts = models.JSONField()  # {"option key": n, "abstain": n}
    participants = models.PositiveIntegerField()
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"tally of {self.vote}"


class TallyConfirmation(models.Model):
    tally = models.ForeignKey(Tally, on_delete=models.CASCADE, related_name="confirmations")
    teller = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["tally", "teller"], name="teller_confirms_once")
        ]

    def __str__(self) -> str:
        return f"{self.teller} confirms {self.tally}"

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Talent: people who combine Russian or Chinese with a profession, and the work they fill.

A person (``directory.Person``) holds language credentials (here, the platform's one record
of a person's languages) and may opt in to a talent profile.  Organisations state needs
(experts, teaching posts, jobs …) with a headcount and a candidate pipeline, and tasks for
translators and interpreters.  The comparable level of a credential is stored in two
columns, one per equivalence table (see ``levels.py``), so matching runs in the database.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from amur.talent.enums import (
    CredentialSkill,
    EquivalenceTable,
    InterpretingMode,
    NeedKind,
    NeedStatus,
    RatingSide,
    Scheme,
    Stage,
    TaskKind,
    TaskStatus,
    Visibility,
    VolumeUnit,
)

LEVEL_VALIDATORS = [MinValueValidator(0), MaxValueValidator(7)]


class Skill(models.Model):
    """One term of the shared vocabulary of professional skills (ESCO URI where one exists)."""

    key = models.SlugField(_("key"), max_length=64, unique=True)
    esco_uri = models.URLField(_("ESCO URI"), blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    field = models.ForeignKey(
        "core.FieldOfExchange",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="skills",
        verbose_name=_("field"),
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            # An ESCO URI keys one term of the vocabulary only.
            models.UniqueConstraint(
                fields=["esco_uri"], condition=~Q(esco_uri=""), name="talent_skill_esco_once"
            )
        ]

    def __str__(self) -> str:
        return self.name_en


class LanguageCredential(models.Model):
    """One language credential of a person, in its own scheme, for one skill."""

    person = models.ForeignKey(
        "directory.Person", on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=8, help_text=_("ISO 639-1 code"))
    scheme = models.CharField(_("scheme"), max_length=8, choices=Scheme.choices)
    level = models.CharField(_("level"), max_length=16)
    skill = models.CharField(
        _("skill covered"),
        max_length=16,
        choices=CredentialSkill.choices,
        default=CredentialSkill.OVERALL,
    )
    mode = models.CharField(
        _("interpreting mode"), max_length=16, choices=InterpretingMode.choices, blank=True
    )
    evidence = models.CharField(
        _("evidence"),
        max_length=300,
        blank=True,
        help_text=_("Certificate number, issuing centre or a link to the result."),
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    # Derived by the service from ``levels``: one column per equivalence table.
    level_official = models.PositiveSmallIntegerField(default=0, validators=LEVEL_VALIDATORS)
    level_teachers = models.PositiveSmallIntegerField(default=0, validators=LEVEL_VALIDATORS)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["person", "language", "-level_official"]
        verbose_name = _("language credential")
        verbose_name_plural = _("language credentials")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "language", "scheme", "skill", "mode"],
                name="talent_credential_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["person", "language", "skill", "level_official"],
                name="talent_cred_official",
            ),
            models.Index(
                fields=["person", "language", "skill", "level_teachers"],
                name="talent_cred_teachers",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.scheme} {self.level} ({self.skill})"

    @property
    def level_name(self) -> str:
        from amur.talent import levels

        return levels.level_name(self.scheme, self.level)

    @property
    def equivalents(self) -> list:
        """The comparable level by each table, with its source (one when they agree)."""
        from amur.talent import levels

        found = [levels.comparable(self.scheme, self.level, t) for t in EquivalenceTable.values]
        return found[:1] if found[0] == found[1] else found


class Profile(models.Model):
    """A person's opt-in talent profile; its visibility is the person's choice."""

    person = models.OneToOneField(
        "directory.Person", on_delete=models.CASCADE, related_name="talent_profile"
    )
    visibility = models.CharField(
        _("who may see this profile"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
    )
    headline_zh = models.CharField(_("headline (Chinese)"), max_length=200, blank=True)
    headline_ru = models.CharField(_("headline (Russian)"), max_length=200, blank=True)
    headline_en = models.CharField(_("headline (English)"), max_length=200, blank=True)
    fields = models.ManyToManyField(
        "core.FieldOfExchange", blank=True, related_name="talent_profiles", verbose_name=_("fields")
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="profiles", verbose_name=_("skills")
    )
    experience_years = models.PositiveSmallIntegerField(_("years of experience"), default=0)
    place = models.ForeignKey(
        "core.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place"),
    )
    willing_to_travel = models.BooleanField(_("willing to travel or relocate"), default=False)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    max_concurrent = models.PositiveSmallIntegerField(
        _("most concurrent engagements"),
        default=3,
        help_text=_("Work is spread: more offers than this need a stated reason."),
    )
    # Kept by the rating service so that matching reads one row per profile.
    rating_average = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    rating_count = models.PositiveIntegerField(default=0)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("possible duplicate of"),
    )
    search_keys = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("talent profile")
        verbose_name_plural = _("talent profiles")
        indexes = [models.Index(fields=["visibility", "id"], name="talent_profile_vis")]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_until__isnull=True)
                | Q(available_from__isnull=True)
                | Q(available_until__gte=F("available_from")),
                name="talent_profile_dates_ordered",
                violation_error_message=_("The availability ends before it starts."),
            )
        ]

    def __str__(self) -> str:
        return str(self.person)


class OrganisationPreference(models.Model):
    """Which HSK equivalence table an organisation trusts when it matches."""

    organisation = models.OneToOneField(
        "directory.Organisation", on_delete=models.CASCADE, related_name="talent_preference"
    )
    table = models.CharField(
        _("HSK equivalence table"),
        max_length=8,
        choices=EquivalenceTable.choices,
        default=EquivalenceTable.OFFICIAL,
    )

    class Meta:
        verbose_name = _("talent preference")
        verbose_name_plural = _("talent preferences")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.table}"


class Need(models.Model):
    """What an organisation must fill, e.g. about 20 Russian experts, 8 in post."""

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="talent_needs"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NeedKind.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    field = models.ForeignKey(
        "core.FieldOfExchange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field"),
    )
    headcount = models.PositiveSmallIntegerField(_("headcount wanted"), default=1)
    in_post = models.PositiveSmallIntegerField(
        _("already in post"), default=0, help_text=_("People in post before the platform.")
    )
    required_skills = models.ManyToManyField(
        Skill, blank=True, related_name="needs_requiring", verbose_name=_("required skills")
    )
    preferred_skills = models.ManyToManyField(
        Skill, blank=True, related_name="needs_preferring", verbose_name=_("preferred skills")
    )
    place = models.ForeignKey(
        "core.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place"),
    )
    remote = models.BooleanField(_("remote"), default=False)
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talent_needs",
        verbose_name=_("event"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    search_keys = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.CheckConstraint(
                condition=~Q(title_zh="", title_ru="", title_en=""), name="talent_need_has_title"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="talent_need_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh


class Task(models.Model):
    """A translation or interpreting job, from request to mutual rating."""

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="talent_tasks"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TaskKind.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    source_language = models.CharField(_("from language"), max_length=8)
    target_language = models.CharField(_("into language"), max_length=8)
    field = models.ForeignKey(
        "core.FieldOfExchange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("field"),
    )
    volume = models.PositiveIntegerField(_("volume"), null=True, blank=True)
    volume_unit = models.CharField(
        _("volume counted in"), max_length=8, choices=VolumeUnit.choices, blank=True
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("until"), null=True, blank=True)
    place = models.ForeignKey(
        "core.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place"),
    )
    online = models.BooleanField(_("online"), default=False)
    confidential = models.BooleanField(_("confidential"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.DRAFT
    )
    assignee = models.ForeignKey(
        Profile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("translator or interpreter"),
    )
    cap_override_reason = models.TextField(_("reason for exceeding the rotation cap"), blank=True)
    event = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talent_tasks",
        verbose_name=_("event"),
    )
    # The platform's own translation work: which text of which object lacks a language.
    content_type = models.CharField(max_length=60, blank=True)
    content_id = models.PositiveBigIntegerField(null=True, blank=True)
    content_field = models.CharField(max_length=60, blank=True)
    source_text = models.TextField(_("source text"), blank=True)
    delivered_text = models.TextField(_("translation"), blank=True)
    reviewer = models.ForeignKey(
        Profile,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_tasks",
        verbose_name=_("reviewer"),
    )
    published_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source_language=F("target_language")),
                name="talent_task_two_languages",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="talent_task_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(reviewer__isnull=True)
                | Q(assignee__isnull=True)
                | ~Q(reviewer=F("assignee")),
                name="talent_task_no_self_review",
            ),
        ]
        indexes = [models.Index(fields=["assignee", "status"], name="talent_task_load")]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh or f"{self.kind} #{self.pk}"


class Requirement(models.Model):
    """A language credential a need or a task requires (or only prefers)."""

    need = models.ForeignKey(
        Need, on_delete=models.CASCADE, null=True, blank=True, related_name="requirements"
    )
    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, null=True, blank=True, related_name="requirements"
    )
    language = models.CharField(_("language"), max_length=8)
    skill = models.CharField(
        _("skill"), max_length=16, choices=CredentialSkill.choices, default=CredentialSkill.OVERALL
    )
    min_level = models.PositiveSmallIntegerField(
        _("at least (CEFR scale)"), validators=LEVEL_VALIDATORS
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["-required", "language", "skill"]
        verbose_name = _("language requirement")
        verbose_name_plural = _("language requirements")
        constraints = [
            models.CheckConstraint(
                condition=Q(need__isnull=False, task__isnull=True)
                | Q(need__isnull=True, task__isnull=False),
                name="talent_requirement_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.skill} ≥ {self.min_level}"


class Candidate(models.Model):
    """A person the organisation shortlisted for a need, and how far they have come."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="candidates")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="candidacies")
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.SHORTLISTED
    )
    shortlisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    declaration_confirmed_at = models.DateTimeField(
        _("conflict-of-interest declaration confirmed"), null=True, blank=True
    )
    declaration_text = models.TextField(_("declared interests"), blank=True)
    engagement = models.OneToOneField(
        "mobility.ExpertEngagement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talent_candidate",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["need", "created_at", "id"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(fields=["need", "profile"], name="talent_candidate_once")
        ]

    def __str__(self) -> str:
        return f"{self.profile} → {self.need} ({self.stage})"

    def owning_organisation_id(self) -> int:
        return self.need.organisation_id


class TaskRating(models.Model):
    """After delivery both sides rate each other once."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="ratings")
    side = models.CharField(_("rating"), max_length=10, choices=RatingSide.choices)
    score = models.PositiveSmallIntegerField(
        _("score (1–5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["task", "side"]
        verbose_name = _("task rating")
        verbose_name_plural = _("task ratings")
        constraints = [
            models.UniqueConstraint(fields=["task", "side"], name="talent_rating_once_per_side"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="talent_rating_score_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} {self.side} {self.score}"

    def owning_organisation_id(self) -> int:
        return self.task.organisation_id


class TrainingOffer(models.Model):
    """A member institution's course, e.g. "Chinese language + welding" or Russian for
    conservatory staff.  Its dates, place, seats and enrolment with a waiting list are those
    of an event of the events module (one participation mode in person), so seats are
    counted and freed seats promoted by the events module's own services."""

    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="training_offers"
    )
    event = models.OneToOneField(
        "events.Event", on_delete=models.PROTECT, related_name="training_offer"
    )
    language = models.CharField(_("language taught"), max_length=8)
    entry_level = models.PositiveSmallIntegerField(
        _("entry level (CEFR scale)"), default=0, validators=LEVEL_VALIDATORS
    )
    skill = models.ForeignKey(
        Skill,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_offers",
        verbose_name=_("professional skill"),
    )
    award_scheme = models.CharField(
        _("credential awarded: scheme"), max_length=8, choices=Scheme.choices
    )
    award_level = models.CharField(_("credential awarded: level"), max_length=16)
    award_skill = models.CharField(
        _("credential awarded: skill"),
        max_length=16,
        choices=CredentialSkill.choices,
        default=CredentialSkill.OVERALL,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("training offer")
        verbose_name_plural = _("training offers")

    def __str__(self) -> str:
        return str(self.event)

    def get_entry_level_label(self) -> str:
        from amur.talent import levels

        return levels.CEFR_LABELS[self.entry_level]


class TrainingEnrolment(models.Model):
    """A person's place (or place on the waiting list) in a training offer; completion
    adds the offer's credential to their languages."""

    offer = models.ForeignKey(TrainingOffer, on_delete=models.CASCADE, related_name="enrolments")
    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="enrolments")
    registration = models.OneToOneField(
        "events.Registration", on_delete=models.PROTECT, related_name="training_enrolment"
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    credential = models.ForeignKey(
        LanguageCredential, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["offer", "created_at", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")

    def __str__(self) -> str:
        return f"{self.profile} → {self.offer}"

    def owning_organisation_id(self) -> int:
        return self.offer.organisation_id

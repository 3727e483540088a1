# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""The forum: a series of yearly editions standing on the events module's series and event.

Dates, venue, registration, delegations and letters stay in ``events``; the forum adds
the call for papers, the two-language submissions, review and the programme's languages.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amur.forum.enums import (
    CommitteeRole,
    ConflictSource,
    Decision,
    Interpretation,
    LanguageQuality,
    Origin,
    Phase,
    Side,
    SubmissionKind,
    SubmissionStatus,
)

LANGUAGES = ("zh", "ru", "en")
PAIRED = ("zh", "ru")  # the two required versions of every submission


class Forum(models.Model):
    """A regular forum; its editions are the events of one events-module series."""

    slug = models.SlugField(max_length=80, unique=True)
    series = models.OneToOneField(
        "events.EventSeries", on_delete=models.PROTECT, related_name="forum"
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="forums"
    )
    name_zh = models.CharField(_("name (Chinese)"), max_length=300, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return self.name_en or self.name_ru or self.name_zh


class Edition(models.Model):
    """One year of a forum: its event, call for papers, review settings and programme."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="editions")
    event = models.OneToOneField(
        "events.Event", on_delete=models.PROTECT, related_name="forum_edition"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, default=Phase.CALL)
    cfp_opens = models.DateTimeField(_("call opens"))
    cfp_closes = models.DateTimeField(_("submission deadline"))
    translation_due = models.DateTimeField(_("second language due"))
    kinds = models.CharField(
        _("submission kinds"), max_length=100, default="paper,panel,poster,round_table"
    )
    zh_max_chars = models.PositiveIntegerField(_("Chinese abstract: most characters"), default=1500)
    ru_max_words = models.PositiveIntegerField(_("Russian abstract: most words"), default=400)
    en_max_words = models.PositiveIntegerField(_("English abstract: most words"), default=400)
    reviewers_per_submission = models.PositiveSmallIntegerField(
        _("reviewers per submission"), default=3
    )
    # The level a reviewer needs to review from a version, on the CEFR ladder (1 = A1 …
    # 6 = C2, 7 = native); pages show it in the language's own scale (HSK, ТРКИ).
    min_level_zh = models.PositiveSmallIntegerField(
        _("reading level needed for Chinese"), default=5
    )
    min_level_ru = models.PositiveSmallIntegerField(
        _("reading level needed for Russian"), default=4
    )
    conflict_years = models.PositiveSmallIntegerField(
        _("co-authorship conflict (years)"), default=3
    )
    # Switches of what reviewers see during review.
    blind = models.BooleanField(_("blind review: authors hidden from reviewers"), default=True)
    reviewers_see_each_other = models.BooleanField(
        _("reviewers see the other reviews"), default=False
    )
    second_timezone = models.CharField(
        _("Russian host's time zone"), max_length=64, default="Asia/Vladivostok"
    )
    proceedings_library = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("library cataloguing the proceedings"),
    )
    chair_signed_programme_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["forum", "-year"]
        verbose_name = _("forum edition")
        verbose_name_plural = _("forum editions")
        constraints = [
            models.UniqueConstraint(fields=["forum", "year"], name="forum_edition_once_a_year"),
            models.CheckConstraint(
                condition=Q(cfp_closes__gt=models.F("cfp_opens")), name="cfp_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(reviewers_per_submission__gte=2), name="two_reviewers_at_least"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.forum} {self.year}"

    @property
    def slug(self) -> str:
        return self.event.slug

    def owning_organisation_id(self) -> int:
        return self.forum.organisation_id

    def kind_list(self) -> list[str]:
        return [k for k in self.kinds.split(",") if k]


class Track(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="tracks")
    key = models.SlugField(max_length=60)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    field = models.ForeignKey(
        "core.FieldOfExchange", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["edition", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "key"], name="track_key_once")]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh

    def owning_organisation_id(self) -> int:
        return self.edition.owning_organisation_id()


class ScoreCategory(models.Model):
    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="categories")
    key = models.SlugField(max_length=40)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=4, decimal_places=2, default=1)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["track", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["track", "key"], name="category_key_once"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="category_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name_en or self.name_ru or self.name_zh


class CommitteeMember(models.Model):
    """The programme committee: the chair, and conveners of a track from both sides."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="committee")
    person = models.ForeignKey("directory.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=10, choices=CommitteeRole.choices)
    track = models.ForeignKey(
        Track, on_delete=models.CASCADE, null=True, blank=True, related_name="conveners"
    )
    side = models.CharField(_("side"), max_length=2, choices=Side.choices)

    class Meta:
        ordering = ["edition", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "person", "role", "track"], name="committee_seat_once"
            ),
            models.CheckConstraint(
                condition=~Q(role="convener") | Q(track__isnull=False),
                name="convener_has_a_track",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.role})"


class Submission(models.Model):
    """A proposal in two working languages; each version's origin is in ``versions``."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="submissions")
    track = models.ForeignKey(Track, on_delete=models.PROTECT, related_name="submissions")
    kind = models.CharField(_("kind"), max_length=12, choices=SubmissionKind.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.DRAFT,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="forum_submissions"
    )
    language = models.CharField(_("author's language"), max_length=2)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    abstract_zh = models.TextField(_("abstract (Chinese)"), blank=True)
    abstract_ru = models.TextField(_("abstract (Russian)"), blank=True)
    abstract_en = models.TextField(_("abstract (English)"), blank=True)
    keywords_zh = models.CharField(_("keywords (Chinese)"), max_length=300, blank=True)
    keywords_ru = models.CharField(_("keywords (Russian)"), max_length=300, blank=True)
    keywords_en = models.CharField(_("keywords (English)"), max_length=300, blank=True)
    search_keys = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The decision: proposed by a convener of the track, signed off by the chair.
    proposed = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_track = models.ForeignKey(
        Track, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    related = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("the submission this one is merged into or duplicates"),
    )
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    speaker_confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["edition", "track", "id"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=PAIRED), name="submission_language_zh_or_ru"
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh

    def owning_organisation_id(self) -> int:
        return self.edition.owning_organisation_id()

    @property
    def other_language(self) -> str:
        return "ru" if self.language == "zh" else "zh"


class LanguageVersion(models.Model):
    """Where one language version of a submission came from, and who answers for it."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=2)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices)
    person = models.ForeignKey(
        "directory.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("translated or checked by"),
    )
    talent_task_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["submission", "language"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "language"], name="one_version_per_lang"),
            models.CheckConstraint(
                condition=Q(origin__in=["author", "missing"]) | Q(person__isnull=False),
                name="translation_names_its_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.origin}"


class Authorship(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("directory.Person", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("affiliation"),
    )
    position = models.PositiveSmallIntegerField(default=0)
    presenter = models.BooleanField(_("presents"), default=False)

    class Meta:
        ordering = ["submission", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "person"], name="author_once"),
        ]

    def __str__(self) -> str:
        return str(self.person)


class Supervision(models.Model):
    """A supervisor and their student (the directory has no such relation yet)."""

    supervisor = models.ForeignKey("directory.Person", on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey("directory.Person", on_delete=models.CASCADE, related_name="+")
    start = models.PositiveSmallIntegerField(_("from (year)"))
    end = models.PositiveSmallIntegerField(_("until (year)"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.supervisor} → {self.student}"


class Reviewer(models.Model):
    """A person in a track's pool, with the side they review for and their load cap."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="reviewers")
    person = models.ForeignKey("directory.Person", on_delete=models.PROTECT, related_name="+")
    side = models.CharField(_("side"), max_length=2, choices=Side.choices)
    country = models.CharField(_("country"), max_length=2)
    cap = models.PositiveSmallIntegerField(_("most submissions"), default=6)

    class Meta:
        ordering = ["track", "id"]
        constraints = [
            models.UniqueConstraint(fields=["track", "person"], name="reviewer_once_per_track"),
        ]

    def __str__(self) -> str:
        return str(self.person)

    def owning_organisation_id(self) -> int:
        return self.track.owning_organisation_id()


class ReadingLanguage(models.Model):
    """A reviewer's declared reading level; talent credentials, when present, add to it."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=2)
    scale = models.CharField(_("scale"), max_length=8)
    level = models.CharField(_("level"), max_length=16)

    class Meta:
        ordering = ["reviewer", "language"]
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "language"], name="reading_language_once"),
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.scale} {self.level}"


class Conflict(models.Model):
    """A reason a person may not review a submission, detected or declared."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="conflicts")
    person = models.ForeignKey("directory.Person", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(_("source"), max_length=20, choices=ConflictSource.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "person", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "person", "source"], name="conflict_once_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} × {self.submission_id}: {self.source}"


class Assignment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="assignments")
    language = models.CharField(_("reads the version in"), max_length=2)
    manual = models.BooleanField(_("set by the chair"), default=False)
    explanation = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission", "id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "reviewer"], name="assigned_once"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.submission_id}"

    def owning_organisation_id(self) -> int:
        return self.submission.owning_organisation_id()


class Review(models.Model):
    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="review")
    scores = models.JSONField(default=dict)  # {category key: 1..5}
    weighted = models.DecimalField(max_digits=5, decimal_places=3, null=True, blank=True)
    language_quality = models.CharField(
        _("language quality of the version read"),
        max_length=10,
        choices=LanguageQuality.choices,
        default=LanguageQuality.GOOD,
    )
    comment = models.TextField(_("comment to the authors"), blank=True)
    confidential = models.TextField(_("comment to the committee"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"review of {self.assignment}"


class ProgrammeSession(models.Model):
    """A session of the events programme with its working languages and interpretation."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="sessions")
    session = models.OneToOneField(
        "events.Session", on_delete=models.CASCADE, related_name="forum_session"
    )
    track = models.ForeignKey(
        Track, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    languages = models.CharField(_("working languages"), max_length=20, default="zh,ru")
    interpretation = models.CharField(
        _("interpretation"),
        max_length=12,
        choices=Interpretation.choices,
        default=Interpretation.NONE,
    )
    submissions = models.ManyToManyField(Submission, blank=True, related_name="sessions")

    class Meta:
        ordering = ["session__start", "id"]

    def __str__(self) -> str:
        return str(self.session)

    def owning_organisation_id(self) -> int:
        return self.edition.owning_organisation_id()


class InterpreterBooking(models.Model):
    session = models.ForeignKey(
        ProgrammeSession, on_delete=models.CASCADE, related_name="interpreters"
    )
    person = models.ForeignKey("directory.Person", on_delete=models.PROTECT, related_name="+")
    talent_task_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="interpreter_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}"

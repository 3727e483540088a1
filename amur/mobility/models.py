# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur.core.enums import Language
from amur.mobility.enums import (
    AgreementKind,
    AgreementStatus,
    ApplicationDocumentKind,
    ApplicationStatus,
    CallKind,
    CefrLevel,
    CreditSystem,
    EnrolmentStatus,
    GradeScale,
    MobilityLevel,
    ProgrammeKind,
    RecognitionDecision,
)


class Agreement(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=AgreementKind.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    partners = models.ManyToManyField("directory.Organisation", related_name="agreements")
    owner = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("managed by"),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    auto_renewal = models.BooleanField(_("renews automatically"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    isced_codes = models.CharField(_("ISCED-F codes"), max_length=100, blank=True)
    signatories = models.TextField(_("signatories"), blank=True)

    class Meta:
        ordering = ["-signed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="agreement_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh

    def owning_organisation_id(self) -> int:
        return self.owner_id


class Condition(models.Model):
    """Cooperation conditions in one direction for one academic year (as EWP IIAs have them)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="conditions")
    sending = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    receiving = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    academic_year = models.CharField(_("academic year"), max_length=9, help_text="2025/2026")
    students = models.PositiveSmallIntegerField(_("students"), default=0)
    student_months = models.PositiveSmallIntegerField(_("months per student"), default=0)
    staff = models.PositiveSmallIntegerField(_("staff"), default=0)
    staff_days = models.PositiveSmallIntegerField(_("days per staff member"), default=0)
    # Students for traineeships and staff for training, each counted apart (EWP's
    # student-traineeship and staff-training cooperation conditions).
    trainees = models.PositiveSmallIntegerField(_("trainees"), default=0)
    trainee_months = models.PositiveSmallIntegerField(_("months per trainee"), default=0)
    training_staff = models.PositiveSmallIntegerField(_("staff for training"), default=0)
    training_days = models.PositiveSmallIntegerField(
        _("days per staff member for training"), default=0
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    language_level = models.CharField(_("language level"), max_length=10, blank=True)
    isced_code = models.CharField(_("ISCED-F code"), max_length=8, blank=True)
    eqf_level = models.PositiveSmallIntegerField(_("EQF level"), null=True, blank=True)
    blended = models.BooleanField(
        _("blended mobility accepted"),
        default=False,
        help_text=_(
            "The partners take students who combine a short physical stay with a "
            "virtual part (EWP's 'blended')."
        ),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(sending=models.F("receiving")), name="condition_has_two_sides"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sending} → {self.receiving} {self.academic_year}"


class PartnerIia(models.Model):
    """A partner's own identifiers of one pairwise IIA, learnt from the IIA its EWP system
    sent us: EWP lets each partner number an agreement itself, and an IIA we send must carry
    the partner's id once it is known (else the partner cannot approve it)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="partner_iias")
    organisation = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The partner whose identifiers these are."),
    )
    counterpart = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    iia_id = models.CharField(_("partner's IIA id"), max_length=64)
    iia_code = models.CharField(_("partner's agreement number"), max_length=200, blank=True)
    conditions_hash = models.CharField(max_length=64, blank=True)
    received_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation", "counterpart"], name="one_partner_iia_per_pair"
            ),
            models.CheckConstraint(
                condition=~Q(organisation=models.F("counterpart")), name="partner_iia_has_two_sides"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.iia_id} ({self.organisation_id} with {self.counterpart_id})"


class Call(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="calls")
    sending = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="calls"
    )
    host = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="hosted_calls"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CallKind.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    seats = models.PositiveSmallIntegerField(pgettext_lazy("places", "seats"))
    nominated = models.PositiveSmallIntegerField(default=0, editable=False)
    deadline = models.DateTimeField(_("deadline"))
    min_language = models.CharField(_("minimum language level"), max_length=20, blank=True)
    eqf_level = models.PositiveSmallIntegerField(
        _("study level (EQF)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        help_text=_("6 bachelor, 7 master, 8 doctorate, 5 short-cycle vocational"),
    )
    isced_code = models.CharField(_("field of study (ISCED-F)"), max_length=4, blank=True)
    blended = models.BooleanField(
        _("blended mobility"),
        default=False,
        help_text=_("A short physical stay combined with a virtual part."),
    )
    weight_grades = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0.5"))
    weight_language = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0.3"))
    weight_interview = models.DecimalField(max_digits=4, decimal_places=2, default=Decimal("0.2"))

    class Meta:
        ordering = ["-deadline"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nominated__lte=models.F("seats")), name="call_never_over_seats"
            )
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh

    def owning_organisation_id(self) -> int:
        return self.sending_id


class Application(models.Model):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mobility_applications"
    )
    name = models.CharField(_("name"), max_length=200)
    language = models.CharField(_("language for messages"), max_length=10, default="en")
    motivation = models.TextField(_("motivation"), blank=True)
    grade_mark = models.DecimalField(
        _("grade average (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    language_score = models.DecimalField(
        _("language score (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    interview_score = models.DecimalField(
        _("interview score (0–100)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    score = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, editable=False
    )
    rank = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["call", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "applicant"], name="one_application_per_call")
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.call}"

    def owning_organisation_id(self) -> int:
        return self.call.sending_id


class ApplicationEvent(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    at = models.DateTimeField(auto_now_add=True)
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ExpertEngagement(models.Model):
    """A foreign expert hired by a host organisation (e.g. director of the piano department)."""

    person = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="engagements"
    )
    host = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="experts"
    )
    home = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position_zh = models.CharField(_("position (Chinese)"), max_length=200, blank=True)
    position_ru = models.CharField(_("position (Russian)"), max_length=200, blank=True)
    position_en = models.CharField(_("position (English)"), max_length=200, blank=True)
    field = models.ForeignKey(
        "core.FieldOfExchange", on_delete=models.PROTECT, null=True, blank=True
    )
    start = models.DateField(_("contract from"))
    end = models.DateField(_("contract until"), null=True, blank=True)

    class Meta:
        ordering = ["host", "start"]

    def __str__(self) -> str:
        return f"{self.person} @ {self.host}"

    def owning_organisation_id(self) -> int:
        return self.host_id


class ExpertTarget(models.Model):
    host = models.ForeignKey(
        "directory.Organisation", on_delete=models.CASCADE, related_name="expert_targets"
    )
    target = models.PositiveSmallIntegerField(_("target"))
    by_year = models.PositiveSmallIntegerField(_("by year"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["host", "by_year"], name="one_target_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.host}: {self.target} by {self.by_year}"


class Mobility(models.Model):
    """The stay itself: who goes where, when, and with what funding."""

    person = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="mobilities"
    )
    application = models.OneToOneField(
        Application, on_delete=models.SET_NULL, null=True, blank=True
    )
    sending = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="outgoing"
    )
    receiving = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="incoming"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CallKind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    funding = models.CharField(_("funding"), max_length=200, blank=True)
    # Under which agreement the seat was used, and the field of study (for the reports).
    agreement = models.ForeignKey(
        Agreement, on_delete=models.SET_NULL, null=True, blank=True, related_name="mobilities"
    )
    field = models.ForeignKey(
        "core.FieldOfExchange", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    level = models.CharField(_("level"), max_length=12, choices=MobilityLevel.choices, blank=True)
    # What Erasmus Without Paper needs of a stay and its learning agreement (see ewp.py): the
    # student's study level and field, their skill in the language of the stay, and one
    # contact person at each institution.
    eqf_level = models.PositiveSmallIntegerField(
        _("study level (EQF)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        help_text=_("6 bachelor, 7 master, 8 doctorate, 5 short-cycle vocational"),
    )
    isced_code = models.CharField(
        _("field of study (ISCED-F)"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{2,4}$", _("An ISCED-F code has two to four digits."))],
    )
    language = models.CharField(
        _("language of the stay"), max_length=8, blank=True, help_text=_("e.g. ru, zh, en")
    )
    language_level = models.CharField(
        _("student's level in that language (CEFR)"),
        max_length=2,
        blank=True,
        choices=CefrLevel.choices,
    )
    # A short stay with a compulsory virtual component: Erasmus+ blended mobility, the one
    # form (besides doctoral stays) in which EWP takes a short student stay.
    blended = models.BooleanField(
        _("blended (with a compulsory virtual part)"),
        default=False,
        help_text=_("For short programmes, summer schools and study tours."),
    )
    sending_contact = models.ForeignKey(
        "directory.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person at the sending institution"),
    )
    receiving_contact = models.ForeignKey(
        "directory.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person at the receiving institution"),
    )

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="mobility_dates")
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.sending} → {self.receiving}"

    def owning_organisation_id(self) -> int:
        return self.sending_id


class LearningAgreementVersion(models.Model):
    """One version of a mobility's learning agreement: the first one, or a proposed change.

    The student and the sending institution sign; the receiving institution approves or
    comments. A version counts once all three have agreed.
    """

    mobility = models.ForeignKey(Mobility, on_delete=models.CASCADE, related_name="la_versions")
    number = models.PositiveSmallIntegerField()
    components = models.JSONField()  # [{"code", "title", "credits", "scheme", "recognised_as"}]
    signed_by_student = models.DateTimeField(null=True, blank=True)
    signed_by_sending = models.DateTimeField(null=True, blank=True)
    approved_by_receiving = models.DateTimeField(null=True, blank=True)
    receiving_comment = models.TextField(blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    # Who acted for each side; the student is the mobility's person.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sending_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    receiving_signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mobility", "number"]
        constraints = [
            models.UniqueConstraint(fields=["mobility", "number"], name="la_version_once")
        ]

    def __str__(self) -> str:
        return f"LA {self.mobility_id} v{self.number}"

    @property
    def agreed(self) -> bool:
        return bool(
            self.signed_by_student and self.signed_by_sending and self.approved_by_receiving
        )

    @property
    def rejected(self) -> bool:
        return bool(self.receiving_comment)

    @property
    def open(self) -> bool:
        """A proposal still waiting for signatures or the receiving institution's answer."""
        return not self.agreed and not self.rejected


class InstitutionCreditRule(models.Model):
    """An institution's stated credit system and hours per credit (defaults in conversion.py)."""

    organisation = models.OneToOneField(
        "directory.Organisation", on_delete=models.CASCADE, related_name="credit_rule"
    )
    system = models.CharField(_("credit system"), max_length=4, choices=CreditSystem.choices)
    hours_per_credit = models.DecimalField(_("hours per credit"), max_digits=5, decimal_places=2)
    source = models.CharField(_("source of the rule"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(hours_per_credit__gt=0), name="credit_rule_hours_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.hours_per_credit} h/{self.system}"

    def owning_organisation_id(self) -> int:
        return self.organisation_id


class Transcript(models.Model):
    """The transcript of records the receiving institution issues at the end of a stay."""

    mobility = models.OneToOneField(Mobility, on_delete=models.CASCADE, related_name="transcript")
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"ToR {self.mobility}"


class TranscriptEntry(models.Model):
    transcript = models.ForeignKey(Transcript, on_delete=models.CASCADE, related_name="entries")
    code = models.CharField(_("course code"), max_length=40, blank=True)
    title = models.CharField(_("course title"), max_length=200)
    credits = models.DecimalField(_("credits"), max_digits=5, decimal_places=1)
    scheme = models.CharField(_("credit scheme"), max_length=4, choices=CreditSystem.choices)
    grade = models.CharField(_("grade"), max_length=10)
    grade_scale = models.CharField(_("grade scale"), max_length=8, choices=GradeScale.choices)

    class Meta:
        ordering = ["transcript", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(credits__gt=0), name="transcript_credits_positive")
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.grade}"


class Recognition(models.Model):
    """The sending institution's recognition decision, with who decided and when."""

    mobility = models.OneToOneField(Mobility, on_delete=models.CASCADE, related_name="recognition")
    decision = models.CharField(_("decision"), max_length=8, choices=RecognitionDecision.choices)
    comment = models.TextField(_("comment"), blank=True)
    home_scheme = models.CharField(max_length=4, choices=CreditSystem.choices)
    home_hours_per_credit = models.DecimalField(max_digits=5, decimal_places=2)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.mobility}: {self.decision}"


class RecognitionLine(models.Model):
    recognition = models.ForeignKey(Recognition, on_delete=models.CASCADE, related_name="lines")
    entry = models.OneToOneField(TranscriptEntry, on_delete=models.CASCADE, related_name="+")
    recognised = models.BooleanField()
    recognised_as = models.CharField(max_length=200, blank=True)
    home_credits = models.DecimalField(max_digits=5, decimal_places=1)
    home_grade = models.CharField(max_length=10)

    class Meta:
        ordering = ["recognition", "entry"]

    def __str__(self) -> str:
        return f"{self.entry} → {self.home_credits} {self.home_grade}"


class JointProgramme(models.Model):
    """A programme run by partners together, with one teaching plan and yearly cohorts."""

    kind = models.CharField(_("kind"), max_length=24, choices=ProgrammeKind.choices)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    owner = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("managed by"),
    )
    partners = models.ManyToManyField("directory.Organisation", related_name="joint_programmes")
    agreement = models.ForeignKey(
        Agreement, on_delete=models.SET_NULL, null=True, blank=True, related_name="programmes"
    )
    field = models.ForeignKey(
        "core.FieldOfExchange", on_delete=models.PROTECT, null=True, blank=True
    )
    eqf_level = models.PositiveSmallIntegerField(_("EQF level"), null=True, blank=True)

    class Meta:
        ordering = ["title_en", "id"]

    def __str__(self) -> str:
        return self.title_en or self.title_ru or self.title_zh

    def owning_organisation_id(self) -> int:
        return self.owner_id


class ProgrammeCourse(models.Model):
    """A course of a teaching plan: hours are stated, credits follow each partner's rule."""

    programme = models.ForeignKey(JointProgramme, on_delete=models.CASCADE, related_name="courses")
    code = models.CharField(_("course code"), max_length=40)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title_ru = models.CharField(_("title (Russian)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    semester = models.PositiveSmallIntegerField(_("semester"))
    hours = models.PositiveSmallIntegerField(_("hours"))
    language = models.CharField(_("language of instruction"), max_length=8)
    teacher = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("taught by"),
    )

    class Meta:
        ordering = ["programme", "semester", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="programme_course_once"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="programme_course_hours"),
            models.CheckConstraint(
                condition=Q(semester__gte=1, semester__lte=12), name="programme_course_semester"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title_en or self.title_ru or self.title_zh}"


class Cohort(models.Model):
    programme = models.ForeignKey(JointProgramme, on_delete=models.CASCADE, related_name="cohorts")
    intake_year = models.PositiveSmallIntegerField(_("intake year"))
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        ordering = ["programme", "-intake_year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "intake_year", "name"], name="cohort_once")
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.intake_year} {self.name}".strip()


class Enrolment(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="programme_enrolments"
    )
    home = models.ForeignKey(
        "directory.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("enrolled through"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ENROLLED,
    )
    enrolled_on = models.DateField(_("enrolled on"))

    class Meta:
        ordering = ["cohort", "person__name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "person"], name="enrolment_once")]

    def __str__(self) -> str:
        return f"{self.person} — {self.cohort}"


class AgreementReminder(models.Model):
    """One expiry reminder sent for an agreement, so that each is sent once.

    Keyed by the validity end it warned about: an extended agreement is reminded again.
    """

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    valid_until = models.DateField()
    sent_at = models.DateTimeField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["agreement", "-days_before"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "days_before", "valid_until"], name="reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.days_before} days before {self.valid_until}"


def _agreement_document_path(document: "AgreementDocument", filename: str) -> str:
    return f"mobility/agreements/{document.agreement_id}/{secrets.token_hex(8)}.pdf"


class AgreementDocument(models.Model):
    """A signed text of an agreement: each language version is its own PDF."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    title = models.CharField(_("document title"), max_length=300)
    file = models.FileField(upload_to=_agreement_document_path, max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "language", "uploaded_at"]

    def __str__(self) -> str:
        return f"{self.agreement} ({self.language}): {self.title}"

    def owning_organisation_id(self) -> int:
        return self.agreement.owner_id


def _application_document_path(document: "ApplicationDocument", filename: str) -> str:
    return (
        f"mobility/applications/{document.application_id}/{secrets.token_hex(8)}."
        f"{document.extension}"
    )


class ApplicationDocument(models.Model):
    """A document an applicant sends with an application (PDF, JPEG or PNG by content)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(
        _("kind of document"), max_length=12, choices=ApplicationDocumentKind.choices
    )
    file = models.FileField(upload_to=_application_document_path, max_length=200)
    extension = models.CharField(max_length=4, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["application", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_kind_display()}"

    def owning_organisation_id(self) -> int:
        return self.application.owning_organisation_id()

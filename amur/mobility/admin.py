# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import admin

from amur.mobility.models import (
    Agreement,
    AgreementReminder,
    Application,
    Call,
    Cohort,
    Condition,
    Enrolment,
    ExpertEngagement,
    ExpertTarget,
    InstitutionCreditRule,
    JointProgramme,
    LearningAgreementVersion,
    Mobility,
    ProgrammeCourse,
    Recognition,
    Transcript,
)


class ConditionInline(admin.TabularInline):
    model = Condition
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title_en", "kind", "status", "signed_on", "valid_until"]
    list_filter = ["kind", "status"]
    filter_horizontal = ["partners"]
    inlines = [ConditionInline]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title_en", "kind", "sending", "host", "seats", "nominated", "deadline"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["name", "call", "status", "score", "rank"]
    list_filter = ["status"]
    readonly_fields = ["status"]  # moved only through the workflow (services)


@admin.register(Mobility)
class MobilityAdmin(admin.ModelAdmin):
    list_display = ["person", "sending", "receiving", "kind", "start", "end"]
    raw_id_fields = ["person", "application"]


@admin.register(LearningAgreementVersion)
class LearningAgreementVersionAdmin(admin.ModelAdmin):
    list_display = [
        "mobility",
        "number",
        "signed_by_student",
        "signed_by_sending",
        "approved_by_receiving",
    ]
    readonly_fields = [
        "signed_by_student",
        "signed_by_sending",
        "approved_by_receiving",
        "receiving_comment",
    ]


admin.site.register(ExpertEngagement)
admin.site.register(ExpertTarget)
admin.site.register(InstitutionCreditRule)


class ProgrammeCourseInline(admin.TabularInline):
    model = ProgrammeCourse
    extra = 0


@admin.register(JointProgramme)
class JointProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title_en", "kind", "owner"]
    filter_horizontal = ["partners"]
    inlines = [ProgrammeCourseInline]


@admin.register(Transcript)
class TranscriptAdmin(admin.ModelAdmin):
    # Issued and decided only through the services, which check the side acting.
    list_display = ["mobility", "issued_on"]
    readonly_fields = ["mobility", "issued_on", "issued_by"]


@admin.register(Recognition)
class RecognitionAdmin(admin.ModelAdmin):
    list_display = ["mobility", "decision", "decided_by", "decided_at"]
    readonly_fields = ["mobility", "decision", "decided_by", "decided_at", "comment"]


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["programme", "intake_year", "name"]
    inlines = [EnrolmentInline]


@admin.register(AgreementReminder)
class AgreementReminderAdmin(admin.ModelAdmin):
    # A record of what was sent, so that nothing is sent twice: read-only.
    list_display = ["agreement", "days_before", "valid_until", "sent_at", "recipients"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

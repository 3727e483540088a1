# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import admin
from django.db import models

from amur.talent import levels
from amur.talent.models import (
    Candidate,
    LanguageCredential,
    Need,
    OrganisationPreference,
    Profile,
    Requirement,
    Skill,
    Task,
    TaskRating,
)


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["key", "name_en", "name_zh", "name_ru", "esco_uri", "field"]
    search_fields = ["key", "name_en", "name_zh", "name_ru"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(LanguageCredential)
class LanguageCredentialAdmin(admin.ModelAdmin):
    list_display = [
        "person",
        "language",
        "scheme",
        "level",
        "skill",
        "level_official",
        "level_teachers",
    ]
    list_filter = ["language", "scheme", "skill"]
    raw_id_fields = ["person"]
    readonly_fields = ["level_official", "level_teachers"]

    def save_model(self, request, obj, form, change):
        # The comparable levels are derived, never typed (the service does the same).
        if levels.is_valid(obj.scheme, obj.level):
            obj.level_official, obj.level_teachers = levels.both(obj.scheme, obj.level)
        super().save_model(request, obj, form, change)


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = [
        "person",
        "visibility",
        "place",
        "available_from",
        "available_until",
        "duplicate_of",
    ]
    list_filter = ["visibility", "willing_to_travel"]
    raw_id_fields = ["person", "duplicate_of", "place"]
    filter_horizontal = ["fields", "skills"]
    readonly_fields = ["rating_average", "rating_count"]


@admin.register(OrganisationPreference)
class OrganisationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["organisation", "table"]


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    exclude = ["task"]


class CandidateInline(admin.TabularInline):
    model = Candidate
    extra = 0
    raw_id_fields = ["profile", "engagement", "shortlisted_by"]
    readonly_fields = ["declaration_confirmed_at"]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "kind", "headcount", "in_post", "status"]
    list_filter = ["kind", "status"]
    raw_id_fields = ["organisation", "event", "place", "created_by"]
    filter_horizontal = ["required_skills", "preferred_skills"]
    inlines = [RequirementInline, CandidateInline]


class TaskRequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    exclude = ["need"]


class RatingInline(admin.TabularInline):
    model = TaskRating
    extra = 0
    raw_id_fields = ["by"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "organisation",
        "kind",
        "source_language",
        "target_language",
        "status",
        "assignee",
    ]
    list_filter = ["kind", "status", "source_language", "target_language"]
    raw_id_fields = ["organisation", "assignee", "reviewer", "event", "place", "requested_by"]
    inlines = [TaskRequirementInline, RatingInline]

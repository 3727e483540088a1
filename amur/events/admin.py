# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import admin

from amur.events.models import (
    Delegation,
    DelegationMember,
    Event,
    EventOrganiser,
    EventSeries,
    ParticipationMode,
    Question,
    Registration,
    Session,
)


class OrganiserInline(admin.TabularInline):
    model = EventOrganiser
    extra = 0
    autocomplete_fields = ["organisation"]


class ModeInline(admin.TabularInline):
    model = ParticipationMode
    extra = 0
    readonly_fields = ["seats_taken"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title_en", "kind", "status", "start", "place"]
    list_filter = ["kind", "status"]
    search_fields = ["search_keys"]
    inlines = [OrganiserInline, ModeInline, QuestionInline]
    filter_horizontal = ["fields"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "mode", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["status"]  # changed through services: seats and waitlists stay consistent


class MemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 0


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "event", "confirmed_at"]
    inlines = [MemberInline]


admin.site.register(EventSeries)
admin.site.register(Session)

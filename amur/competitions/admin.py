# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Admin for setting up competitions. Scores are absent on purpose: they change only
through jurors' sheets, where recusal and locking are enforced and every change audited."""

from django.contrib import admin

from amur.competitions.models import (
    Competition,
    Conflict,
    Contestant,
    Discipline,
    Edition,
    Juror,
    Round,
)


@admin.register(Competition)
class CompetitionAdmin(admin.ModelAdmin):
    list_display = ["name_en", "organiser"]
    filter_horizontal = ["federations"]


class DisciplineInline(admin.TabularInline):
    model = Discipline
    extra = 0


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["competition", "year", "starts", "ends"]
    inlines = [DisciplineInline]


@admin.register(Contestant)
class ContestantAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "discipline", "nationality", "status"]
    list_filter = ["status", "discipline__edition"]
    readonly_fields = ["status"]


@admin.register(Juror)
class JurorAdmin(admin.ModelAdmin):
    list_display = ["person", "edition", "is_chair"]
    raw_id_fields = ["person", "user"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["discipline", "order", "name_en", "method", "status"]
    readonly_fields = ["results"]


admin.site.register(Conflict)

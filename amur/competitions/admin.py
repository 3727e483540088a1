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
    Piece,
    PrizeAllocation,
    PrizeAward,
    PrizeVote,
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


@admin.register(Piece)
class PieceAdmin(admin.ModelAdmin):
    list_display = ["contestant", "round", "composer", "work", "duration"]
    list_filter = ["round__discipline__edition"]
    raw_id_fields = ["contestant"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PrizeAwardInline(ReadOnlyInline):
    model = PrizeAward


class PrizeVoteInline(ReadOnlyInline):
    model = PrizeVote


@admin.register(PrizeAllocation)
class PrizeAllocationAdmin(admin.ModelAdmin):
    """Read-only: allocations are proposed by the chair and decided by the jury's vote."""

    list_display = ["round", "status", "jurors", "required", "proposed_at", "decided_at"]
    list_filter = ["status"]
    inlines = [PrizeAwardInline, PrizeVoteInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

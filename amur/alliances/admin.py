# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Admin for the registry. Ballots and participations are deliberately absent: nobody,
staff included, browses them; results come from the closing of a vote."""

from django.contrib import admin

from amur.alliances.models import (
    Alliance,
    Body,
    ConstitutionVersion,
    Dues,
    Mandate,
    Membership,
    Option,
    Position,
    Vote,
)


@admin.register(Alliance)
class AllianceAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_zh", "secretariat", "founded", "admission"]
    filter_horizontal = ["founders"]
    autocomplete_fields = ["secretariat"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "alliance", "category", "status", "joined_on"]
    list_filter = ["alliance", "category", "status"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["status"]  # changed only through the workflow (services)


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name_en", "alliance", "kind"]
    inlines = [PositionInline]


@admin.register(Mandate)
class MandateAdmin(admin.ModelAdmin):
    list_display = ["person", "position", "organisation", "start", "end"]
    raw_id_fields = ["person", "organisation", "vote"]


@admin.register(ConstitutionVersion)
class ConstitutionVersionAdmin(admin.ModelAdmin):
    list_display = ["alliance", "number", "adopted_on"]


class OptionInline(admin.TabularInline):
    model = Option
    extra = 2
    raw_id_fields = ["candidate"]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["title_en", "alliance", "kind", "status", "majority", "quorum"]
    list_filter = ["status", "kind"]
    inlines = [OptionInline]
    readonly_fields = ["status", "opened_at", "closed_at", "electorate_size", "result"]


@admin.register(Dues)
class DuesAdmin(admin.ModelAdmin):
    list_display = ["membership", "year", "amount", "currency", "paid"]
    list_filter = ["year", "paid"]

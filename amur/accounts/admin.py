# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import admin

from amur.accounts.models import ApiToken, OrganisationRole, Profile


@admin.register(OrganisationRole)
class OrganisationRoleAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__email", "organisation__name_en"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at"]
    search_fields = ["user__username", "name", "prefix"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "language", "timezone"]
    list_filter = ["language"]

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import admin

from amur.core.models import AuditEntry, FieldOfExchange, Place


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["key", "name_en", "name_zh", "name_ru", "kind", "country_code", "is_border"]
    list_filter = ["kind", "country_code", "is_border"]
    search_fields = ["key", "search_keys"]


@admin.register(FieldOfExchange)
class FieldOfExchangeAdmin(admin.ModelAdmin):
    list_display = ["key", "name_en", "name_zh", "name_ru", "position"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_type", "object_id"]
    list_filter = ["action", "object_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import admin

from amur.library import services
from amur.library.models import (
    Authority,
    ExchangeOffer,
    ExchangeRequest,
    Holding,
    ImportJob,
    LibrarySettings,
    Record,
)


@admin.register(LibrarySettings)
class LibrarySettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "code"]


@admin.register(Record)
class RecordAdmin(admin.ModelAdmin):
    list_display = ["title", "title_original", "year", "library"]
    list_filter = ["library", "source_format"]
    search_fields = ["search_keys"]
    readonly_fields = ["marcxml"]


@admin.register(Holding)
class HoldingAdmin(admin.ModelAdmin):
    list_display = ["barcode", "record", "library", "status"]
    list_filter = ["library", "status"]
    raw_id_fields = ["record"]


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["filename", "library", "status", "read", "imported", "updated", "rejected"]


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    """Librarians edit authorities here; saving re-keys the records they name."""

    list_display = ["authorised"]
    search_fields = ["search_keys"]

    def save_model(self, request, obj, form, change):
        services.authority_save(authorised=obj.authorised, variants=obj.variants)


@admin.register(ExchangeOffer)
class ExchangeOfferAdmin(admin.ModelAdmin):
    list_display = ["__str__", "library", "kind", "published_at", "closed_at"]
    list_filter = ["kind"]


@admin.register(ExchangeRequest)
class ExchangeRequestAdmin(admin.ModelAdmin):
    """Steps are taken on the exchange pages, through the transition table: read-only here."""

    list_display = ["offer", "requester", "status", "requested_at"]
    list_filter = ["status"]
    readonly_fields = [
        "status",
        "requested_at",
        "confirmed_at",
        "declined_at",
        "shipped_at",
        "received_at",
        "cancelled_at",
    ]

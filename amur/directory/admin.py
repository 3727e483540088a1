# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django.contrib import admin
from django.db import models

from amur.directory import services
from amur.directory.models import Affiliation, Organisation, Person


class SearchKeysAdminMixin:
    """Admin search through the normalised keys, so every script finds every other."""

    def get_search_results(self, request, queryset, search_term):
        from amur.core.search import search_filter

        if not search_term:
            return queryset, False
        return queryset.filter(search_filter(search_term)), False


@admin.register(Organisation)
class OrganisationAdmin(SearchKeysAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "name_zh", "name_ru", "kind", "sector", "place"]
    list_filter = ["kind", "sector", "place__country_code"]
    search_fields = ["search_keys"]
    autocomplete_fields = ["place"]
    filter_horizontal = ["fields"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        services.organisation_save(organisation=obj)


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(SearchKeysAdminMixin, admin.ModelAdmin):
    list_display = ["name", "name_latin", "nationality", "listed"]
    list_filter = ["listed", "nationality", "script"]
    search_fields = ["search_keys"]
    inlines = [AffiliationInline]
    filter_horizontal = ["fields"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change):
        services.person_save(person=obj)

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django import forms
from django.utils.translation import gettext_lazy as _

from amur.core.collation import CollatedChoicesMixin, named_choices
from amur.core.i18n import localised_text
from amur.core.models import FieldOfExchange, Place
from amur.directory.enums import OrganisationKind, Sector
from amur.directory.models import Organisation, Person


class DirectoryFilterForm(CollatedChoicesMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices]
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    place = forms.ChoiceField(label=_("City or region"), required=False)
    field = forms.ChoiceField(label=_("Field"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        places = list(Place.objects.all())
        self.fields["country"].choices = [
            ("", _("All countries")),
            *named_choices((p for p in places if p.kind == "country"), lambda p: p.country_code),
        ]
        self.fields["place"].choices = [
            ("", _("All places")),
            *named_choices(
                (p for p in places if p.kind in ("region", "city", "port")), lambda p: p.key
            ),
        ]
        self.fields["field"].choices = [("", _("All fields"))] + [
            (f.key, localised_text(f, "name")) for f in FieldOfExchange.objects.all()
        ]


class OrganisationForm(CollatedChoicesMixin, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name_zh",
            "name_ru",
            "name_en",
            "short_name",
            "kind",
            "sector",
            "place",
            "website",
            "schac_code",
            "email",
            "phone",
            "address_zh",
            "address_ru",
            "address_en",
            "description_zh",
            "description_ru",
            "description_en",
            "fields",
        ]
        widgets = {"fields": forms.CheckboxSelectMultiple}


class PersonForm(CollatedChoicesMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "script",
            "name_latin",
            "name_zh",
            "name_ru",
            "nationality",
            "email",
            "bio_zh",
            "bio_ru",
            "bio_en",
            "fields",
            "listed",
        ]
        widgets = {"fields": forms.CheckboxSelectMultiple}

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django import forms
from django.utils.translation import gettext_lazy as _

from amur.alliances.models import Alliance
from amur.core.collation import CollatedChoicesMixin
from amur.core.enums import Language
from amur.core.models import FieldOfExchange
from amur.directory.models import Organisation
from amur.resources.enums import (
    Audience,
    EducationalRole,
    LevelCN,
    LevelRU,
    Licence,
    PartOfSpeech,
    ResourceKind,
)
from amur.resources.models import Resource

EQF_CHOICES = [("", "—")] + [(n, f"EQF {n}") for n in range(1, 9)]


def _blank(choices):
    return [("", "—"), *choices]


class ResourceFilterForm(CollatedChoicesMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("resource type"), required=False, choices=_blank(ResourceKind.choices)
    )
    field = forms.ModelChoiceField(
        label=_("field of exchange"),
        required=False,
        queryset=FieldOfExchange.objects.all(),
        to_field_name="key",
    )
    eqf_level = forms.TypedChoiceField(
        label=_("EQF level"), required=False, coerce=int, empty_value=None, choices=EQF_CHOICES
    )
    language = forms.ChoiceField(
        label=_("language"), required=False, choices=_blank(Language.choices)
    )
    role = forms.ChoiceField(
        label=_("intended audience"), required=False, choices=_blank(EducationalRole.choices)
    )
    licence = forms.ChoiceField(label=_("licence"), required=False, choices=_blank(Licence.choices))
    audience = forms.ChoiceField(
        label=_("audience"), required=False, choices=_blank(Audience.choices)
    )

    def filters(self) -> dict:
        data = dict(self.cleaned_data)
        data["field"] = data["field"].key if data.get("field") else None
        return {k: v for k, v in data.items() if v not in (None, "")}


class ResourceForm(CollatedChoicesMixin, forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("intended audience"),
        required=False,
        choices=EducationalRole.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    eqf_level = forms.TypedChoiceField(
        label=_("EQF level"), required=False, coerce=int, empty_value=None, choices=EQF_CHOICES
    )
    level_cn = forms.ChoiceField(
        label=_("Chinese level"), required=False, choices=_blank(LevelCN.choices)
    )
    level_ru = forms.ChoiceField(
        label=_("Russian level"), required=False, choices=_blank(LevelRU.choices)
    )

    class Meta:
        model = Resource
        fields = [
            "organisation",
            "kind",
            "title_zh",
            "title_ru",
            "title_en",
            "description_zh",
            "description_ru",
            "description_en",
            "original_language",
            "field",
            "isced_code",
            "eqf_level",
            "level_cn",
            "level_ru",
            "roles",
            "learning_minutes",
            "keywords",
            "licence",
            "licence_terms",
            "attribution",
            "audience",
            "alliance",
            "partners",
        ]
        widgets = {"partners": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            owners if owners is not None else (Organisation.objects.none())
        )
        self.fields["alliance"].queryset = Alliance.objects.order_by("name_en")
        # Organisations are listed in the reader's alphabet (CollatedChoicesMixin).
        self.fields["partners"].queryset = Organisation.objects.all()
        self.fields["partners"].required = False
        if self.instance.pk:
            self.fields.pop("organisation")
            self.initial["roles"] = self.instance.role_list

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        return data


# The version's and revision's values are taken as typed: services.version_add and
# services.revision_add judge them (language, title, lengths, the link), for the page and the
# API alike; the browser asks for them too.
class VersionForm(forms.Form):
    language = forms.CharField(label=_("language"), widget=forms.Select(choices=Language.choices))
    title = forms.CharField(
        label=_("title"), required=False, widget=forms.TextInput(attrs={"maxlength": 300})
    )
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea)
    translated_from = forms.ChoiceField(label=_("translated from"), required=False)
    translator = forms.CharField(
        label=_("translator"), required=False, widget=forms.TextInput(attrs={"maxlength": 200})
    )
    file = forms.FileField(label=_("file (PDF, PNG, JPEG)"), required=False)
    url = forms.CharField(label=_("link"), required=False, widget=forms.URLInput)
    note = forms.CharField(label=_("what changed"), required=False)

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["translated_from"].choices = [("", "—")] + [
            (str(v.pk), str(v)) for v in versions
        ]


class RevisionForm(forms.Form):
    file = forms.FileField(label=_("file (PDF, PNG, JPEG)"), required=False)
    url = forms.CharField(label=_("link"), required=False, widget=forms.URLInput)
    note = forms.CharField(label=_("what changed"), required=False)


class ActingForm(CollatedChoicesMixin, forms.Form):
    """An action done for one of the user's organisations."""

    organisation = forms.ModelChoiceField(
        label=_("on behalf of"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class AdoptForm(ActingForm):
    note = forms.CharField(label=_("how it is used"), required=False)


class RateForm(forms.Form):
    # services.rating_set judges the stars, for the page and the API alike.
    stars = forms.IntegerField(
        label=_("stars"),
        required=False,
        widget=forms.Select(choices=[("", "—")] + [(n, "★" * n) for n in range(1, 6)]),
    )
    comment = forms.CharField(label=_("comment"), required=False)


class ProposeForm(ActingForm):
    # services.translation_propose judges the language, for the page and the API alike.
    language = forms.CharField(
        label=_("into language"), widget=forms.Select(choices=Language.choices)
    )
    source = forms.ChoiceField(label=_("translate from"))
    note = forms.CharField(label=_("note"), required=False)

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [(str(v.pk), str(v)) for v in versions]


# The translation's values are taken as typed: services.translation_submit judges them
# (title, translator, lengths, the link), for the page and the API alike.
class TranslationForm(forms.Form):
    title = forms.CharField(
        label=_("title"), required=False, widget=forms.TextInput(attrs={"maxlength": 300})
    )
    translator = forms.CharField(
        label=_("translator"),
        widget=forms.TextInput(attrs={"maxlength": 200}),
        required=False,
        help_text=_("Leave empty to credit the translation task's translator."),
    )
    file = forms.FileField(
        label=_("file (PDF, PNG, JPEG)"),
        required=False,
        help_text=_("Without a file or a link, the text delivered in the translation task."),
    )
    url = forms.CharField(label=_("link"), required=False, widget=forms.URLInput)


class ConceptForm(CollatedChoicesMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("contributed by"), queryset=Organisation.objects.none()
    )
    field = forms.ModelChoiceField(
        label=_("field of exchange"), required=False, queryset=FieldOfExchange.objects.all()
    )
    terms_zh = forms.CharField(
        label=_("terms (Chinese), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    terms_ru = forms.CharField(
        label=_("terms (Russian), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    terms_en = forms.CharField(
        label=_("terms (English), one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # termbase.concept_save judges the part of speech, for the page and the API alike.
    part_of_speech = forms.CharField(
        label=_("part of speech"),
        required=False,
        widget=forms.Select(choices=_blank(PartOfSpeech.choices)),
    )
    definition_zh = forms.CharField(
        label=_("definition (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    definition_ru = forms.CharField(
        label=_("definition (Russian)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    definition_en = forms.CharField(
        label=_("definition (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    source = forms.CharField(label=_("source"), required=False)
    note = forms.CharField(label=_("note"), required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations

    def terms(self) -> list[dict]:
        data, pos = self.cleaned_data, self.cleaned_data.get("part_of_speech") or ""
        return [
            {"language": code, "text": line.strip(), "part_of_speech": pos}
            for code in ("zh", "ru", "en")
            for line in (data.get(f"terms_{code}") or "").splitlines()
            if line.strip()
        ]


class TermbaseImportForm(ActingForm):
    file = forms.FileField(label=_("TBX or CSV file"))

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from amur.core.collation import CollatedChoicesMixin, named_choices
from amur.core.i18n import localised_text
from amur.core.models import FieldOfExchange, Place
from amur.directory.enums import Sector
from amur.events.enums import Attendance, EventKind
from amur.events.models import Event


class EventFilterForm(CollatedChoicesMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    field = forms.ChoiceField(label=_("Field"), required=False)
    place = forms.ChoiceField(label=_("City or region"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(
        label=_("Organiser sector"),
        required=False,
        choices=[("", _("All sectors")), *Sector.choices],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[
            ("", _("All languages")),
            ("zh", _("Chinese")),
            ("ru", _("Russian")),
            ("en", _("English")),
        ],
    )
    attendance = forms.ChoiceField(
        label=_("Attendance"),
        required=False,
        choices=[("", _("In person or online")), *Attendance.choices],
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        places = list(Place.objects.all())
        self.fields["place"].choices = [
            ("", _("All places")),
            *named_choices((p for p in places if p.kind != "country"), lambda p: p.key),
        ]
        self.fields["country"].choices = [
            ("", _("All countries")),
            *named_choices((p for p in places if p.kind == "country"), lambda p: p.country_code),
        ]
        self.fields["field"].choices = [("", _("All fields"))] + [
            (f.key, localised_text(f, "name")) for f in FieldOfExchange.objects.all()
        ]


class RegistrationForm(CollatedChoicesMixin, forms.Form):
    mode = forms.ModelChoiceField(label=_("Participation"), queryset=None, empty_label=None)
    # Whether a name and an address are given is the service's to say, for the page and
    # the API alike; the browser is still told that they are required.
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"required": True}),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"required": True})
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    language = forms.ChoiceField(label=_("Language for messages"), choices=settings.LANGUAGES)

    def __init__(self, *args, event, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].queryset = event.modes.all()
        self.fields["mode"].label_from_instance = lambda mode: mode.get_attendance_display()
        self.questions = list(questions)
        for question in self.questions:
            # The service decides whether a required question is answered (the API has no
            # form), so that the page and the API refuse with the same message; the
            # browser is still told that the field is required.
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=localised_text(question, "text"),
                required=False,
                max_length=2000,
                widget=forms.TextInput(attrs={"required": True} if question.required else {}),
            )

    def answers(self) -> dict[int, str]:
        return {
            q.pk: self.cleaned_data[f"q{q.pk}"]
            for q in self.questions
            if self.cleaned_data.get(f"q{q.pk}")
        }


class EventForm(CollatedChoicesMixin, forms.ModelForm):
    """What an organiser edits: the event, its modes' capacities, and after it, the outcome."""

    online_url = forms.URLField(label=_("stream link"), required=False, assume_scheme="https")
    in_person_capacity = forms.IntegerField(
        label=_("In-person seats (empty: unlimited)"), required=False, min_value=0
    )
    online_capacity = forms.IntegerField(
        label=_("Online places (empty: unlimited)"), required=False, min_value=0
    )
    offer_online = forms.BooleanField(label=_("Offer online participation"), required=False)

    class Meta:
        model = Event
        fields = [
            "title_zh",
            "title_ru",
            "title_en",
            "summary_zh",
            "summary_ru",
            "summary_en",
            "kind",
            "fields",
            "status",
            "place",
            "venue",
            "online_url",
            "online_platform",
            "start",
            "end",
            "timezone",
            "languages",
            "interpretation",
            "attendance_in_person",
            "online_viewers",
            "direction",
            "participants_cn",
            "participants_ru",
            "participants_other",
            "outcome_zh",
            "outcome_ru",
            "outcome_en",
            "media_links",
        ]
        widgets = {
            "fields": forms.CheckboxSelectMultiple,
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "end": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }


class MessageForm(CollatedChoicesMixin, forms.Form):
    attendance = forms.ChoiceField(label=_("To the participants"), choices=Attendance.choices)
    subject_zh = forms.CharField(label=_("Subject (Chinese)"), required=False)
    subject_ru = forms.CharField(label=_("Subject (Russian)"), required=False)
    subject_en = forms.CharField(label=_("Subject (English)"))
    body_zh = forms.CharField(label=_("Message (Chinese)"), widget=forms.Textarea, required=False)
    body_ru = forms.CharField(label=_("Message (Russian)"), widget=forms.Textarea, required=False)
    body_en = forms.CharField(label=_("Message (English)"), widget=forms.Textarea)


class PhotoForm(CollatedChoicesMixin, forms.Form):
    image = forms.FileField(label=_("Photo"), help_text=_("JPEG, PNG or WebP, at most 10 MB."))
    # services.event_photo_add holds the caption to its limit, for the page and the API alike.
    caption = forms.CharField(
        label=_("Caption"), required=False, widget=forms.TextInput(attrs={"maxlength": 300})
    )

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from amur.accounts.enums import Role
from amur.core import zones
from amur.core.mail import mail_queue


class SignupForm(UserCreationForm):
    email = forms.EmailField(label=_("E-mail"))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_email(self):
        email = self.cleaned_data["email"]
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail already exists."))
        return email


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the link queued as every other mail is (``amur.core.mail``):
    a mail server that is down does not turn the request into an error."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = " ".join(render_to_string(subject_template_name, context).split())
        body = render_to_string(email_template_name, context)
        mail_queue(to=[to_email], subject=subject, body=body)


OTHER_ZONE = "other"


class ZoneSearch(forms.TextInput):
    """A text box whose suggestions are every other zone (the browser searches them)."""

    template_name = "accounts/zone_search.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["zones"] = zones.all_zones()
        return context


class ProfileForm(forms.Form):
    """The time zone is chosen from the short list of zones our users live in, named in
    the reader's language; any other zone is typed (and suggested) below it."""

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    timezone = forms.ChoiceField(label=_("Time zone"), required=False)
    other_timezone = forms.CharField(
        label=_("Another time zone"),
        required=False,
        widget=ZoneSearch(attrs={"list": "zone-list", "autocomplete": "off"}),
        help_text=_("Only if yours is not in the list above: type a city, e.g. America/Lima."),
    )

    def __init__(self, *args, **kwargs):
        initial = kwargs.get("initial") or {}
        zone = zones.canonical(initial.get("timezone", ""))
        if zone and zone not in zones.COMMON:
            initial = {**initial, "timezone": OTHER_ZONE, "other_timezone": zone}
            kwargs["initial"] = initial
        elif zone:
            kwargs["initial"] = {**initial, "timezone": zone}
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = [
            ("", _("Automatic (from this device)")),
            *zones.choices(),
            (OTHER_ZONE, _("Another zone…")),
        ]

    def clean(self):
        data = super().clean()
        if data.get("timezone") == OTHER_ZONE:
            other = zones.canonical((data.get("other_timezone") or "").strip())
            if other not in zoneinfo.available_timezones():
                self.add_error("other_timezone", _("Choose a zone from the suggestions."))
            data["timezone"] = other
        data.pop("other_timezone", None)
        return data


class PasswordCheckedForm(forms.Form):
    """A form that asks again for the signed-in user's password."""

    password = forms.CharField(
        label=_("Your current password"), strip=False, widget=forms.PasswordInput
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class EmailChangeForm(PasswordCheckedForm):
    email = forms.EmailField(label=_("New e-mail"))

    field_order = ["email", "password"]


class AccountDeleteForm(PasswordCheckedForm):
    pass


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class TokenForm(forms.Form):
    # services.api_token_create judges the name, for the page and the API alike.
    name = forms.CharField(
        label=_("Token name"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 100, "required": True}),
    )


class RoleForm(forms.Form):
    username = forms.CharField(label=_("User name or e-mail"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("No role")), *Role.choices], required=False
    )

    def clean_username(self):
        value = self.cleaned_data["username"].strip()
        users = get_user_model().objects
        user = users.filter(username=value).first() or users.filter(email__iexact=value).first()
        if user is None:
            raise forms.ValidationError(_("No user with this name or e-mail."))
        self.cleaned_data["user"] = user
        return value

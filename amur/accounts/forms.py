# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from amur.accounts.enums import Role


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


class ProfileForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    timezone = forms.ChoiceField(label=_("Time zone"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = [("", "—")] + [
            (name, name) for name in sorted(zoneinfo.available_timezones())
        ]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)


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

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from amur.accounts import lockout, services
from amur.accounts.forms import (
    AccountDeleteForm,
    EmailChangeForm,
    ProfileForm,
    QueuedPasswordResetForm,
    RoleForm,
    SignupForm,
    TokenForm,
    TwoFactorCodeForm,
)
from amur.accounts.middleware import two_factor_passed
from amur.accounts.models import ApiToken, OrganisationRole, Profile
from amur.core import phrases
from amur.core.clients import client_key
from amur.core.errors import refusals_shown
from amur.core.permissions import check
from amur.directory.models import Organisation


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignupForm(request.POST or None, initial={"language": translation.get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            services.signup_create(
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                language=form.cleaned_data["language"],
                confirm_url=lambda token: request.build_absolute_uri(
                    reverse("accounts:signup_confirm", args=[token])
                ),
                client=client_key(request),
            )
        except services.AccountsError as exc:
            form.add_error(None, str(exc))
            return render(request, "accounts/signup.html", {"form": form}, status=429)
        return render(request, "accounts/signup_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/signup.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset page, with the link queued as every mail is and the requests limited
    per client and per address (``services.password_reset_throttle``)."""

    form_class = QueuedPasswordResetForm
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        try:
            services.password_reset_throttle(
                client=client_key(self.request), email=form.cleaned_data["email"]
            )
        except services.AccountsError as exc:
            form.add_error(None, str(exc))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


def signup_confirm(request, token: str):
    try:
        services.signup_confirm(token=token)
    except services.AccountsError as exc:
        return render(request, "accounts/signup_confirm.html", {"error": str(exc)}, status=400)
    return render(request, "accounts/signup_confirm.html", {"error": ""})


def locked_out(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the page answering a login refused for too many failures."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    current = Profile.objects.filter(user=request.user).first()
    initial = {"language": current.language if current else translation.get_language()}
    initial["timezone"] = current.timezone if current else ""
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, **form.cleaned_data)
        services.remember_time_zone(request, form.cleaned_data["timezone"])
        messages.success(request, phrases.SAVED)
        response = redirect("accounts:profile")
        response.set_cookie("amur_language", form.cleaned_data["language"], max_age=365 * 86400)
        return response
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "token_form": TokenForm(),
            "tokens": ApiToken.objects.filter(user=request.user),
            "two_factor": services.two_factor_device(request.user),
            "roles": OrganisationRole.objects.filter(user=request.user).select_related(
                "organisation"
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def email_change(request):
    form = EmailChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.email_change_request(
                user=request.user,
                new_email=form.cleaned_data["email"],
                confirm_url=lambda token: request.build_absolute_uri(
                    reverse("accounts:email_change_confirm", args=[token])
                ),
            )
        except services.AccountsError as exc:
            form.add_error("email", str(exc))
        else:
            return render(
                request, "accounts/email_change_sent.html", {"email": form.cleaned_data["email"]}
            )
    return render(request, "accounts/email_change.html", {"form": form})


def email_change_confirm(request, token: str):
    try:
        user = services.email_change_confirm(token=token)
    except services.AccountsError as exc:
        return render(
            request, "accounts/email_change_confirm.html", {"error": str(exc)}, status=400
        )
    return render(request, "accounts/email_change_confirm.html", {"error": "", "email": user.email})


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        return render(request, "accounts/account_deleted.html")
    return render(request, "accounts/account_delete.html", {"form": form})


TWO_FACTOR_TRIES = 5
TRIES_KEY = "amur_two_factor_tries"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """The second step of logging in: a code from the app or a recovery code."""
    form = TwoFactorCodeForm(request.POST or None)
    username = request.user.get_username()
    if request.method == "POST" and lockout.second_step_locked(request, username):
        logout(request)
        return locked_out(request)
    if request.method == "POST" and form.is_valid():
        if services.two_factor_verify(user=request.user, code=form.cleaned_data["code"]):
            request.session.pop(TRIES_KEY, None)
            lockout.second_step_passed(request, username)
            two_factor_passed(request, request.user)
            return redirect(_next_url(request))
        lockout.second_step_failed(request, username)
        tries = request.session.get(TRIES_KEY, 0) + 1
        request.session[TRIES_KEY] = tries
        if getattr(request, "axes_locked_out", False):
            logout(request)
            return locked_out(request)
        if tries >= TWO_FACTOR_TRIES:
            # Back to the password, which the lock-out after failed logins guards.
            logout(request)
            messages.error(request, _("Too many wrong codes: log in again."))
            return redirect("accounts:login")
        form.add_error("code", _("The code is not correct."))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_enrol(request):
    """Show the secret (as text and QR code) and turn two-factor login on with a code."""
    if services.two_factor_device(request.user) is not None:
        return redirect("accounts:profile")
    device = services.two_factor_start(user=request.user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_confirm(user=request.user, code=form.cleaned_data["code"])
        except services.AccountsError as exc:
            form.add_error("code", str(exc))
        else:
            two_factor_passed(request, request.user)
            return render(
                request,
                "accounts/two_factor_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
    uri = services.two_factor_uri(device)
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "secret": " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4)),
            "qr": segno.make(uri, error="m").svg_data_uri(scale=5),
            "required": services.two_factor_required(request.user),
            "next": _next_url(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_disable(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with refusals_shown(request):
            services.two_factor_disable(user=request.user)
            messages.success(request, _("Two-factor login is off."))
        return redirect("accounts:profile")
    return render(request, "accounts/two_factor_disable.html", {"form": form})


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    form.is_valid()  # a text field: the service judges the name
    with refusals_shown(request):
        token, raw = services.api_token_create(
            user=request.user, name=form.cleaned_data.get("name", "")
        )
        return render(request, "accounts/token_created.html", {"token": token, "raw": raw})
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    check(request.user, "accounts.revoke_apitoken", token)
    services.api_token_revoke(token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def organisation_roles(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk)
    check(request.user, "directory.manage_roles", organisation)
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["user"]
        if user == request.user:
            messages.error(request, _("You cannot change your own role."))
        else:
            services.organisation_role_set(
                user=user,
                organisation=organisation,
                role=form.cleaned_data["role"] or None,
                by=request.user,
            )
            messages.success(request, phrases.SAVED)
        return redirect("accounts:organisation_roles", pk=organisation.pk)
    roles = organisation.roles.select_related("user").order_by("user__username")
    return render(
        request,
        "accounts/organisation_roles.html",
        {"organisation": organisation, "roles": roles, "form": form},
    )

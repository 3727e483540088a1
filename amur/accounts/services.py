# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.accounts.erasure import erase_in_other_apps
from amur.accounts.models import ApiToken, OrganisationRole, Profile, TwoFactorDevice
from amur.accounts.selectors import user_language
from amur.core import permissions
from amur.core.audit import audit_record
from amur.core.errors import DomainError
from amur.core.throttle import address_key, throttle_over, throttle_record
from amur.core.validators import fields_clean

TOKEN_PREFIX = "amur_"


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored. It needs a name
    (the page and the API alike), at most the model's length."""
    name = (name or "").strip()
    if not name:
        raise AccountsError(_("Give the token a name."))
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=raw[:12], digest=_digest(raw))
    fields_clean(token, ["name"])
    token.save()
    return token, raw


def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_token_user(raw: str):
    """The active user owning the raw token, or None."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def organisation_role_set(*, user, organisation, role: str | None, by=None) -> None:
    """Give ``user`` ``role`` in ``organisation``; ``None`` removes the role.  Audited: who
    gave whom which role (``by`` None: the platform itself, e.g. a creator's admin role)."""
    current = (
        OrganisationRole.objects.filter(user=user, organisation=organisation)
        .values_list("role", flat=True)
        .first()
    )
    if current != role:
        audit_record(
            actor=by,
            action="role.set",
            obj=organisation,
            organisation_id=organisation.pk,
            old={"user": user.pk, "role": current},
            new={"user": user.pk, "role": role},
        )
    if role is None:
        OrganisationRole.objects.filter(user=user, organisation=organisation).delete()
    else:
        OrganisationRole.objects.update_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
    permissions.forget_roles(user)


def user_create(*, username: str, email: str, password: str | None, language: str = "en"):
    from amur.core.validators import email_clean

    email = email_clean(email, blank=True)
    user = get_user_model().objects.create_user(username=username, email=email, password=password)
    Profile.objects.create(user=user, language=language)
    return user


SIGNUP_SALT = "amur.accounts.signup"
SIGNUP_MAX_AGE = 3 * 24 * 3600


# Sign-ups and password resets each send a mail to an address the requester types: without
# a limit one client could flood an address, or the mail server, from the page.
PER_CLIENT_PER_HOUR = 5
PER_ADDRESS_PER_HOUR = 3


def _throttle(scope: str, *, client: str, email: str) -> None:
    """Refuse the ``PER_CLIENT_PER_HOUR + 1``-th use from one client and the
    ``PER_ADDRESS_PER_HOUR + 1``-th for one address within an hour; count this one."""
    from django.utils.translation import gettext as _

    hour = timedelta(hours=1)
    address = address_key(email)
    if client and throttle_over(scope, client, limit=PER_CLIENT_PER_HOUR, within=hour):
        raise AccountsError(
            _("Too many requests from your connection in the last hour; please try again later.")
        )
    if throttle_over(scope, address, limit=PER_ADDRESS_PER_HOUR, within=hour):
        raise AccountsError(
            _("Too many requests for this e-mail address in the last hour; please try again later.")
        )
    throttle_record(scope, client, address)


def password_reset_throttle(*, client: str, email: str) -> None:
    """Count a request for a password-reset link; ``AccountsError`` when over a limit.

    Every address typed counts, whether an account has it or not, so the refusal tells
    nothing about which addresses have accounts.
    """
    _throttle("password_reset", client=client, email=email)


@transaction.atomic
def signup_create(
    *, username: str, email: str, password: str, language: str, confirm_url, client: str = ""
):
    """Create an inactive account and send the confirmation link in the user's language.

    ``confirm_url`` turns the signed token into an absolute URL; ``client`` names the
    requester (``amur.core.clients.client_key``) for the limits per client and address.
    """
    from django.core import signing

    from amur.core.mail import send_localised

    _throttle("signup", client=client, email=email)
    user = user_create(username=username, email=email, password=password, language=language)
    user.is_active = False
    user.save(update_fields=["is_active"])
    token = signing.dumps({"user": user.pk, "email": email}, salt=SIGNUP_SALT)
    send_localised(
        to=[email],
        language=language,
        subject_template="accounts/email/signup_subject.txt",
        body_template="accounts/email/signup_body.txt",
        context={"user": user, "url": confirm_url(token)},
    )
    return user


class AccountsError(DomainError):
    pass


def _unsigned(token: str, *, salt: str, max_age: int, expired: str) -> dict:
    """The data of a signed link, or the refusal: ``expired`` when it is too old, "not
    valid" when it was altered or belongs to another purpose (``salt``)."""
    from django.core import signing
    from django.utils.translation import gettext as _

    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise AccountsError(expired) from None
    except signing.BadSignature:
        raise AccountsError(_("This confirmation link is not valid.")) from None


def signup_confirm(*, token: str):
    """Activate the account named by a valid, unexpired token."""
    from django.utils.translation import gettext as _

    data = _unsigned(
        token,
        salt=SIGNUP_SALT,
        max_age=SIGNUP_MAX_AGE,
        expired=_("This confirmation link has expired; please sign up again."),
    )
    user = get_user_model().objects.filter(pk=data["user"], email=data["email"]).first()
    if user is None:
        raise AccountsError(_("This confirmation link is not valid."))
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


EMAIL_CHANGE_SALT = "amur.accounts.email_change"
EMAIL_CHANGE_MAX_AGE = 2 * 24 * 3600


def _email_taken(email: str, *, by_other_than) -> bool:
    return (
        get_user_model().objects.filter(email__iexact=email).exclude(pk=by_other_than.pk).exists()
    )


def email_change_request(*, user, new_email: str, confirm_url) -> None:
    """Send a signed, time-limited link to ``new_email``; nothing changes until it is opened.

    The token names the address it replaces, so it stops working once the address changed
    (it cannot be used twice, nor after another change). ``confirm_url`` turns the token
    into an absolute URL.
    """
    from django.core import signing
    from django.utils.translation import gettext as _

    from amur.core.mail import send_localised
    from amur.core.validators import email_clean

    new_email = email_clean(new_email)
    if new_email.lower() == (user.email or "").lower():
        raise AccountsError(_("This is already your e-mail address."))
    if _email_taken(new_email, by_other_than=user):
        raise AccountsError(_("An account with this e-mail already exists."))
    token = signing.dumps(
        {"user": user.pk, "old": user.email, "new": new_email}, salt=EMAIL_CHANGE_SALT
    )
    send_localised(
        to=[new_email],
        language=user_language(user),
        subject_template="accounts/email/email_change_subject.txt",
        body_template="accounts/email/email_change_body.txt",
        context={"user": user, "email": new_email, "url": confirm_url(token)},
    )


@transaction.atomic
def email_change_confirm(*, token: str):
    """Give the account the new address named by a valid, unexpired token and tell the old
    address that it no longer receives the account's mail."""
    from django.utils.translation import gettext as _

    from amur.core.mail import send_localised

    data = _unsigned(
        token,
        salt=EMAIL_CHANGE_SALT,
        max_age=EMAIL_CHANGE_MAX_AGE,
        expired=_("This confirmation link has expired; please ask for the change again."),
    )
    user = (
        get_user_model()
        .objects.select_for_update()
        .filter(pk=data["user"], email=data["old"], is_active=True)
        .first()
    )
    if user is None:
        raise AccountsError(_("This confirmation link is not valid."))
    if _email_taken(data["new"], by_other_than=user):
        raise AccountsError(_("An account with this e-mail already exists."))
    user.email = data["new"]
    user.save(update_fields=["email"])
    if data["old"]:
        transaction.on_commit(
            lambda: send_localised(
                to=[data["old"]],
                language=user_language(user),
                subject_template="accounts/email/email_changed_subject.txt",
                body_template="accounts/email/email_changed_body.txt",
                context={"user": user, "old": data["old"], "new": data["new"]},
            )
        )
    return user


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete ``user``'s account: remove or anonymise their personal data, keep the figures.

    The user row itself is anonymised rather than deleted: other apps' records (votes cast,
    applications, submissions, registrations) point at it and the observatory counts them.
    It keeps its id and join date and loses its name, e-mail, password, flags and groups,
    so it can never log in again and every open session ends (a session is bound to the
    password hash). Removed: profile, roles, API tokens, failed-login records. The
    directory record of the person, if it is the user's own, is anonymised the same way;
    what happens to the user's records in the other apps is listed, app by app, in
    ``amur.accounts.erasure``.
    """
    from axes.models import AccessAttempt

    from amur.directory.models import Person
    from amur.directory.services import person_anonymise

    old_email, old_username = user.email, user.username
    placeholder = f"deleted-{secrets.token_hex(8)}"
    person = Person.objects.filter(user=user).first()
    erase_in_other_apps(user=user, email=old_email, person=person, placeholder=placeholder)
    if person is not None:
        person_anonymise(person=person)
    OrganisationRole.objects.filter(user=user).delete()
    ApiToken.objects.filter(user=user).delete()
    Profile.objects.filter(user=user).delete()
    TwoFactorDevice.objects.filter(user=user).delete()
    AccessAttempt.objects.filter(username=old_username).delete()
    user.username = placeholder
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    permissions.forget_roles(user)


RECOVERY_CODES = 10


def two_factor_required(user) -> bool:
    """Platform staff must use two-factor login; organisation admins and everyone else may."""
    from django.conf import settings

    return bool(user.is_staff and settings.AMUR_STAFF_TWO_FACTOR)


def two_factor_device(user):
    """The user's confirmed device, or None."""

    return TwoFactorDevice.objects.filter(user=user, confirmed_at__isnull=False).first()


def two_factor_start(*, user):
    """An unconfirmed device with a fresh secret (enrolment, or starting it again); a
    confirmed device is replaced only once the new one is confirmed."""
    import pyotp

    device, _created = TwoFactorDevice.objects.get_or_create(
        user=user, defaults={"secret": pyotp.random_base32()}
    )
    if device.confirmed_at is not None:
        from django.utils.translation import gettext as _

        raise AccountsError(_("Two-factor login is already on for this account."))
    return device


def two_factor_uri(device) -> str:
    import pyotp

    return pyotp.TOTP(device.secret).provisioning_uri(
        name=device.user.get_username(), issuer_name="Amur"
    )


def _accept_totp(device, code: str) -> bool:
    """Accept a code of the current time step or one step either side, once."""
    import pyotp

    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return False
    totp = pyotp.TOTP(device.secret)
    now = timezone.now()
    for offset in (0, -1, 1):
        at = now + timedelta(seconds=offset * totp.interval)
        if secrets.compare_digest(totp.at(at), code):
            step = totp.timecode(at)
            # A conditional update, so that two requests racing with one code accept it once.
            updated = TwoFactorDevice.objects.filter(pk=device.pk, last_step__lt=step).update(
                last_step=step
            )
            return updated == 1
    return False


def _new_recovery_codes() -> list[str]:
    return [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _n in range(RECOVERY_CODES)]


@transaction.atomic
def two_factor_confirm(*, user, code: str) -> list[str]:
    """Turn two-factor login on once the app shows a valid code; returns the recovery codes
    (shown once, stored only as digests)."""
    from django.utils.translation import gettext as _

    device = TwoFactorDevice.objects.select_for_update().filter(user=user).first()
    if device is None or device.confirmed_at is not None:
        raise AccountsError(_("Start the enrolment again."))
    if not _accept_totp(device, code):
        raise AccountsError(_("The code is not correct."))
    codes = _new_recovery_codes()
    TwoFactorDevice.objects.filter(pk=device.pk).update(
        confirmed_at=timezone.now(), recovery_digests=[_digest(c) for c in codes]
    )
    return codes


@transaction.atomic
def two_factor_verify(*, user, code: str) -> bool:
    """Whether ``code`` (from the app, or an unused recovery code, then used up) is valid."""

    device = (
        TwoFactorDevice.objects.select_for_update()
        .filter(user=user, confirmed_at__isnull=False)
        .first()
    )
    if device is None:
        return False
    if _accept_totp(device, code):
        return True
    digest = _digest(code.strip().lower())
    if digest in device.recovery_digests:
        device.recovery_digests = [d for d in device.recovery_digests if d != digest]
        device.save(update_fields=["recovery_digests"])
        return True
    return False


def two_factor_disable(*, user) -> None:
    from django.utils.translation import gettext as _

    if two_factor_required(user):
        raise AccountsError(_("Platform staff must keep two-factor login on."))
    TwoFactorDevice.objects.filter(user=user).delete()


def profile_update(*, user, language: str, timezone: str) -> Profile:
    profile, _created = Profile.objects.update_or_create(
        user=user, defaults={"language": language, "timezone": timezone}
    )
    return profile


def remember_time_zone_on_login(sender, request, user, **kwargs) -> None:
    """A person who chose a time zone in their profile sees every time in it, whichever
    browser they sign in from (the middleware prefers it to the browser's zone)."""
    zone = Profile.objects.filter(user=user).values_list("timezone", flat=True).first()
    remember_time_zone(request, zone)


def remember_time_zone(request, zone: str | None) -> None:
    from amur.core.middleware import TIMEZONE_SESSION_KEY

    if request is None or not hasattr(request, "session"):
        return
    if zone:
        request.session[TIMEZONE_SESSION_KEY] = zone
    else:
        request.session.pop(TIMEZONE_SESSION_KEY, None)

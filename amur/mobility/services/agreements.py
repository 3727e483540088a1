# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Agreements, their cooperation conditions and the calls opened under them, as an
international office keeps them (until now only through the admin)."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.core.audit import audit_record
from amur.core.validators import fields_clean
from amur.mobility import locking
from amur.mobility import rules as mobility_rules
from amur.mobility.enums import AgreementKind, AgreementStatus, CallKind
from amur.mobility.services.errors import MobilityError

ACADEMIC_YEAR = re.compile(r"^(\d{4})/(\d{4})$")
TEXTS = ("title_zh", "title_ru", "title_en")


def _titled(titles: dict) -> None:
    if not any((titles.get(k) or "").strip() for k in ("title_zh", "title_ru", "title_en")):
        raise MobilityError(_("A title in at least one language is needed."))


# Agreements ------------------------------------------------------------------------------


@transaction.atomic
def agreement_save(
    *,
    by,
    owner,
    partners,
    kind: str,
    agreement=None,
    title_zh: str = "",
    title_ru: str = "",
    title_en: str = "",
    signed_on: date | None = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
    auto_renewal: bool = False,
    status: str = AgreementStatus.DRAFT,
    isced_codes: str = "",
    signatories: str = "",
):
    """Create (``agreement=None``) or update an agreement owned by ``owner``.

    Only an editor of the owner (or staff) may; the owner is always one of the partners and
    an agreement has at least two. Partners that still appear in a condition or a call
    cannot be dropped.
    """
    from amur.mobility.models import Agreement

    if agreement is not None:
        agreement = locking.agreement_locked(agreement.pk)
        owner = agreement.owner
    if not mobility_rules.acts_as_editor.test(by, owner):
        raise MobilityError(_("Only the owning organisation's editors change this agreement."))
    if kind not in AgreementKind.values:
        raise MobilityError(_("Unknown kind of agreement."))
    if status not in AgreementStatus.values:
        raise MobilityError(_("Unknown status of agreement."))
    _titled({"title_zh": title_zh, "title_ru": title_ru, "title_en": title_en})
    if valid_from and valid_until and valid_until < valid_from:
        raise MobilityError(_("The validity cannot end before it begins."))
    isced_codes = " ".join(isced_codes.replace(",", " ").split())
    if any(not code.isdigit() or len(code) > 4 for code in isced_codes.split()):
        raise MobilityError(_("ISCED-F codes are two to four digits, separated by spaces."))
    partner_ids = {p.pk for p in partners} | {owner.pk}
    if len(partner_ids) < 2:
        raise MobilityError(_("An agreement needs at least one partner besides its owner."))
    if agreement is not None:
        used = set(agreement.conditions.values_list("sending_id", flat=True))
        used |= set(agreement.conditions.values_list("receiving_id", flat=True))
        used |= set(agreement.calls.values_list("sending_id", flat=True))
        used |= set(agreement.calls.values_list("host_id", flat=True))
        if used - partner_ids:
            raise MobilityError(_("A partner named in a condition or a call cannot be removed."))
    fields = {
        "kind": kind,
        "title_zh": title_zh,
        "title_ru": title_ru,
        "title_en": title_en,
        "signed_on": signed_on,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "auto_renewal": auto_renewal,
        "status": status,
        "isced_codes": isced_codes,
        "signatories": signatories,
    }
    fields_clean(Agreement(owner=owner, **fields), (*TEXTS, "isced_codes"))
    created = agreement is None
    if created:
        agreement = Agreement.objects.create(owner=owner, **fields)
    else:
        for name, value in fields.items():
            setattr(agreement, name, value)
        agreement.save()
    agreement.partners.set(sorted(partner_ids))
    audit_record(
        actor=by,
        action="mobility.agreement_create" if created else "mobility.agreement_update",
        obj=agreement,
        organisation_id=owner.pk,
    )
    return agreement


def _academic_year(value: str) -> str:
    match = ACADEMIC_YEAR.match(value.strip())
    if not match or int(match[2]) != int(match[1]) + 1:
        raise MobilityError(_("An academic year is written as 2025/2026."))
    return value.strip()


# As the condition form allows; the columns hold up to 32767.
MAX_COUNT = 999


@transaction.atomic
def condition_save(
    *,
    by,
    agreement,
    sending,
    receiving,
    academic_year: str,
    condition=None,
    students: int = 0,
    student_months: int = 0,
    staff: int = 0,
    staff_days: int = 0,
    trainees: int = 0,
    trainee_months: int = 0,
    training_staff: int = 0,
    training_days: int = 0,
    language: str = "",
    language_level: str = "",
    isced_code: str = "",
    eqf_level: int | None = None,
    blended: bool = False,
):
    """Add (``condition=None``) or change a cooperation condition of ``agreement``: one
    direction between two of its partners for one academic year."""
    from amur.mobility.models import Condition

    if condition is not None and condition.agreement_id != agreement.pk:
        raise MobilityError(_("This condition belongs to another agreement."))
    if not mobility_rules.acts_as_editor.test(by, agreement):
        raise MobilityError(_("Only the owning organisation's editors change this agreement."))
    partner_ids = set(agreement.partners.values_list("pk", flat=True))
    if sending.pk not in partner_ids or receiving.pk not in partner_ids:
        raise MobilityError(_("The sending and receiving sides must be partners of the agreement."))
    if sending.pk == receiving.pk:
        raise MobilityError(_("The sending and receiving sides must differ."))
    academic_year = _academic_year(academic_year)
    counts = {
        "students": students,
        "student_months": student_months,
        "staff": staff,
        "staff_days": staff_days,
        "trainees": trainees,
        "trainee_months": trainee_months,
        "training_staff": training_staff,
        "training_days": training_days,
    }
    if min(counts.values()) < 0:
        raise MobilityError(_("Numbers of people, months and days cannot be negative."))
    if max(counts.values()) > MAX_COUNT:
        raise MobilityError(_("Numbers of people, months and days are at most 999."))
    if eqf_level is not None and not 1 <= eqf_level <= 8:
        raise MobilityError(_("An EQF level is between 1 and 8."))
    if isced_code and (not isced_code.isdigit() or len(isced_code) > 4):
        raise MobilityError(_("ISCED-F codes are two to four digits, separated by spaces."))
    fields = {
        "sending": sending,
        "receiving": receiving,
        "academic_year": academic_year,
        **counts,
        "language": language.strip(),
        "language_level": language_level.strip(),
        "isced_code": isced_code.strip(),
        "eqf_level": eqf_level,
        "blended": bool(blended),
    }
    fields_clean(Condition(agreement=agreement, **fields), ["language", "language_level"])
    if condition is None:
        condition = Condition.objects.create(agreement=agreement, **fields)
    else:
        for name, value in fields.items():
            setattr(condition, name, value)
        condition.save()
    audit_record(
        actor=by,
        action="mobility.condition_save",
        obj=agreement,
        organisation_id=agreement.owner_id,
    )
    return condition


@transaction.atomic
def condition_delete(*, by, condition) -> None:
    agreement = condition.agreement
    if not mobility_rules.acts_as_editor.test(by, agreement):
        raise MobilityError(_("Only the owning organisation's editors change this agreement."))
    condition.delete()
    audit_record(
        actor=by,
        action="mobility.condition_delete",
        obj=agreement,
        organisation_id=agreement.owner_id,
    )


# Calls -----------------------------------------------------------------------------------

CALL_FIELDS = (
    "kind",
    "title_zh",
    "title_ru",
    "title_en",
    "host",
    "seats",
    "deadline",
    "min_language",
    "eqf_level",
    "isced_code",
    "blended",
    "weight_grades",
    "weight_language",
    "weight_interview",
)


CALL_TEXTS = (*TEXTS, "min_language", "weight_grades", "weight_language", "weight_interview")
# As the call form allows; the column holds up to 32767.
MAX_SEATS = 999


def _weights(*weights: Decimal) -> None:
    if any(w < 0 for w in weights) or sum(weights) != 1:
        raise MobilityError(_("The criterion weights must not be negative and must sum to 1."))


@transaction.atomic
def call_save(
    *,
    by,
    agreement,
    sending,
    host,
    kind: str,
    seats: int,
    deadline: datetime,
    call=None,
    title_zh: str = "",
    title_ru: str = "",
    title_en: str = "",
    min_language: str = "",
    eqf_level: int | None = None,
    isced_code: str = "",
    blended: bool = False,
    weight_grades: Decimal = Decimal("0.5"),
    weight_language: Decimal = Decimal("0.3"),
    weight_interview: Decimal = Decimal("0.2"),
):
    """Open (``call=None``) or change a call of the sending office under ``agreement``.

    The sending office and the host are two partners of the agreement. Once an application
    holds a seat (nominated, and still so after acceptance), only the number of seats may
    change, and never below the seats held; the call row is locked so that a nomination
    running at the same time is counted.
    """
    from amur.mobility.models import Call

    if call is not None:
        call = locking.call_locked(call.pk)
        agreement, sending = call.agreement, call.sending
    if not mobility_rules.acts_as_editor.test(by, sending):
        raise MobilityError(_("Only the sending office's editors open and change its calls."))
    partner_ids = set(agreement.partners.values_list("pk", flat=True))
    if sending.pk not in partner_ids or host.pk not in partner_ids:
        raise MobilityError(_("The sending office and the host must be partners of the agreement."))
    if sending.pk == host.pk:
        raise MobilityError(_("The host must be another partner than the sending office."))
    if kind not in CallKind.values:
        raise MobilityError(_("Unknown kind of call."))
    _titled({"title_zh": title_zh, "title_ru": title_ru, "title_en": title_en})
    if seats < 1:
        raise MobilityError(_("A call offers at least one seat."))
    if seats > MAX_SEATS:
        raise MobilityError(_("A call offers at most 999 seats."))
    _weights(Decimal(weight_grades), Decimal(weight_language), Decimal(weight_interview))
    if eqf_level is not None and not 1 <= eqf_level <= 8:
        raise MobilityError(_("The EQF level is between 1 and 8."))
    isced_code = (isced_code or "").strip()
    if isced_code and (not isced_code.isdigit() or not 2 <= len(isced_code) <= 4):
        raise MobilityError(_("An ISCED-F code has two to four digits."))
    fields = {
        "kind": kind,
        "title_zh": title_zh,
        "title_ru": title_ru,
        "title_en": title_en,
        "host": host,
        "seats": seats,
        "deadline": deadline,
        "min_language": min_language.strip(),
        "weight_grades": weight_grades,
        "weight_language": weight_language,
        "weight_interview": weight_interview,
        "eqf_level": eqf_level,
        "isced_code": isced_code,
        "blended": bool(blended),
    }
    fields_clean(Call(agreement=agreement, sending=sending, **fields), CALL_TEXTS)
    if call is None:
        if deadline <= timezone.now():
            raise MobilityError(_("The deadline of a new call must be in the future."))
        call = Call.objects.create(agreement=agreement, sending=sending, **fields)
        action = "mobility.call_open"
    else:
        if seats < call.nominated:
            raise MobilityError(
                _("Seats cannot be fewer than the %(n)s already nominated.") % {"n": call.nominated}
            )
        changed = [
            name
            for name in CALL_FIELDS
            if name != "seats" and _differs(getattr(call, name), fields[name])
        ]
        if call.nominated and changed:
            raise MobilityError(
                _("Applications are already nominated: only the number of seats may change.")
            )
        for name, value in fields.items():
            setattr(call, name, value)
        call.save()
        action = "mobility.call_update"
    audit_record(actor=by, action=action, obj=call, organisation_id=sending.pk)
    return call


def _differs(old, new) -> bool:
    if isinstance(old, Decimal):
        return old != Decimal(new)
    return old != new

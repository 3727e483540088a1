# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Learning agreements: the student and the sending institution sign, the receiving
institution approves or rejects with a comment; one open proposal at a time."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amur.accounts.selectors import office_addresses, user_address
from amur.core.audit import audit_record
from amur.core.validators import finite_decimal
from amur.mobility import locking
from amur.mobility import rules as mobility_rules
from amur.mobility.services.errors import MobilityError
from amur.mobility.services.recipients import send_each

# Learning agreements ------------------------------------------------------------------


def la_sides(user, mobility) -> set[str]:
    """The sides ``user`` may act for on ``mobility``'s learning agreement."""
    predicates = {
        "student": mobility_rules.acts_as_student,
        "sending": mobility_rules.acts_for_sending,
        "receiving": mobility_rules.acts_for_receiving,
    }
    return {side for side, predicate in predicates.items() if predicate.test(user, mobility)}


CREDITS_MAX = Decimal("9999.9")  # five digits, one after the point


def credits_clean(value) -> Decimal:
    """A course's credits as typed (text or number): from 0.1 to 9999.9, one decimal (a
    learning agreement's lines and a transcript's alike)."""
    credits = finite_decimal(value)
    if (
        credits is None
        or not Decimal("0.1") <= credits <= CREDITS_MAX
        or credits != round(credits, 1)
    ):
        raise MobilityError(_("Credits are a number from 0.1 to 9999.9, with one decimal at most."))
    return credits


def _clean_components(components: list[dict]) -> list[dict]:
    """The course lines of a proposal, each checked here for the page and the API alike."""
    if not components:
        raise MobilityError(_("A learning agreement lists at least one course."))
    cleaned = []
    for line in components:
        title = str(line.get("title") or "").strip()
        code = str(line.get("code") or "").strip()
        recognised_as = str(line.get("recognised_as") or "").strip()
        if line.get("scheme") not in ("cn", "ru", "ects"):
            raise MobilityError(_("Each course names its credit scheme (cn, ru or ects)."))
        if not title:
            raise MobilityError(_("Each course has a title."))
        if len(title) > 200 or len(code) > 40 or len(recognised_as) > 200:
            raise MobilityError(
                _(
                    "A course's title and what it is recognised as have at most 200 "
                    "characters, its code 40."
                )
            )
        cleaned.append(
            {
                "code": code,
                "title": title,
                "credits": str(credits_clean(line.get("credits", "")).normalize()),
                "scheme": line["scheme"],
                "recognised_as": recognised_as,
            }
        )
    return cleaned


@transaction.atomic
def la_propose(*, mobility, components: list[dict], by):
    """The student (or the sending office) proposes the first version or a change.

    Only one proposal is open at a time: the latest version must be agreed by all three
    sides or rejected by the receiving institution before the next one is proposed.
    """
    from amur.mobility.models import LearningAgreementVersion

    mobility = locking.mobility_locked(mobility.pk)
    if not la_sides(by, mobility) & {"student", "sending"}:
        raise MobilityError(_("Only the student or the sending institution proposes changes."))
    latest = mobility.la_versions.order_by("-number").first()
    if latest is not None and latest.open:
        raise MobilityError(_("A proposal is still open; it must be settled first."))
    components = _clean_components(components)
    version = LearningAgreementVersion.objects.create(
        mobility=mobility,
        number=(latest.number + 1) if latest else 1,
        components=components,
        proposed_by=by if getattr(by, "is_authenticated", False) else None,
    )
    _notify(version, "proposed", by)
    audit_record(
        actor=by,
        action="la.propose",
        obj=version,
        new={"components": components},
        organisation_id=mobility.sending_id,
    )
    return version


def _lock_latest(version):
    version = locking.la_version_locked(version)
    latest = version.mobility.la_versions.order_by("-number").first()
    if latest.pk != version.pk:
        raise MobilityError(_("This proposal is no longer the latest one."))
    if version.rejected:
        raise MobilityError(_("This proposal was rejected; propose a new version."))
    if version.agreed:
        raise MobilityError(_("This version is already agreed."))
    return version


@transaction.atomic
def la_sign(*, version, by, side: str):
    """The student or the sending institution signs the latest version."""
    version = _lock_latest(version)
    mobility = version.mobility
    sides = la_sides(by, mobility)
    if getattr(version, f"signed_by_{side}", None) is not None:
        raise MobilityError(_("This side has already signed this version."))
    if side == "student":
        if "student" not in sides:
            raise MobilityError(_("Only the student signs as the student."))
        version.signed_by_student = timezone.now()
    elif side == "sending" and "sending" in sides:
        version.signed_by_sending = timezone.now()
        version.sending_signer = by
    else:
        raise MobilityError(_("This step is decided by the other side."))
    version.save()
    if version.signed_by_student and version.signed_by_sending:
        _notify(version, "ready", by)
    audit_record(
        actor=by, action=f"la.sign.{side}", obj=version, organisation_id=mobility.sending_id
    )
    return version


@transaction.atomic
def la_receiving_answer(*, version, by, approve: bool, comment: str = ""):
    """The receiving institution approves the latest version, or comments to reject it."""
    version = _lock_latest(version)
    if "receiving" not in la_sides(by, version.mobility):
        raise MobilityError(_("This step is decided by the other side."))
    if approve:
        if not (version.signed_by_student and version.signed_by_sending):
            raise MobilityError(_("The student and the sending institution sign first."))
        version.approved_by_receiving = timezone.now()
        version.receiving_comment = ""
    else:
        if not comment.strip():
            raise MobilityError(_("A rejection needs a comment."))
        version.receiving_comment = comment.strip()
        version.rejected_at = timezone.now()
    version.receiving_signer = by
    version.save()
    _notify(version, "approved" if approve else "rejected", by)
    audit_record(
        actor=by,
        action="la.answer",
        obj=version,
        new={"approved": approve},
        reason=comment,
        organisation_id=version.mobility.receiving_id,
    )
    return version


def la_current(mobility):
    """The latest agreed version of a mobility's learning agreement, or None."""
    for version in mobility.la_versions.order_by("-number"):
        if version.agreed:
            return version
    return None


# Who hears of each step: a proposal goes to every side but the proposer; a version signed by
# the student and the sending office goes to the receiving office; the answer goes back.
NOTIFIED = {
    "proposed": ("student", "sending", "receiving"),
    "ready": ("receiving",),
    "approved": ("student", "sending"),
    "rejected": ("student", "sending"),
}


def _notify(version, event: str, by) -> None:
    mobility = version.mobility
    addresses: dict[str, str] = {}
    for side in NOTIFIED[event]:
        if side == "student":
            addresses.update(user_address(mobility.person.user))
        else:
            addresses.update(office_addresses([getattr(mobility, f"{side}_id")]))
    addresses.pop(getattr(by, "email", None) or "", None)
    context = {"version": version, "mobility": mobility, "event": event}
    transaction.on_commit(lambda: send_each(addresses, name="la", context=context))

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""What Erasmus Without Paper needs of a stay beyond Amur's own records: the student's EQF
level and ISCED-F field, their CEFR level in the language of the stay, and a contact person
(with an e-mail address) at each institution, and whether a short stay is blended (has a
compulsory virtual part). The sending office records it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from amur.core.audit import audit_record
from amur.core.validators import fields_clean
from amur.directory.models import Affiliation
from amur.mobility.enums import CefrLevel
from amur.mobility.services.errors import MobilityError

FIELDS = (
    "eqf_level",
    "isced_code",
    "language",
    "language_level",
    "sending_contact",
    "receiving_contact",
    "blended",
)


@transaction.atomic
def mobility_ewp_data_save(
    *,
    mobility,
    by,
    eqf_level: int | None = None,
    isced_code: str = "",
    language: str = "",
    language_level: str = "",
    sending_contact=None,
    receiving_contact=None,
    blended: bool = False,
):
    from amur.mobility.ewp import LANGUAGE_TAG

    if not by.has_perm("mobility.record_ewp_data", mobility):
        raise MobilityError(_("Only the sending institution's editors record this."))
    if eqf_level is not None and not 1 <= eqf_level <= 8:
        raise MobilityError(_("An EQF level is between 1 and 8."))
    isced_code = isced_code.strip()
    if isced_code and (not isced_code.isdigit() or not 2 <= len(isced_code) <= 4):
        raise MobilityError(_("An ISCED-F code has two to four digits."))
    language = language.strip()
    if language and not LANGUAGE_TAG.match(language):
        raise MobilityError(_("Write the language as a code, e.g. ru, zh or en."))
    language_level = language_level.strip().upper()
    if language_level and language_level not in CefrLevel.values:
        raise MobilityError(_("A CEFR level is one of A1, A2, B1, B2, C1 and C2."))
    for contact, institution_id in (
        (sending_contact, mobility.sending_id),
        (receiving_contact, mobility.receiving_id),
    ):
        if contact is None:
            continue
        if not contact.email:
            raise MobilityError(_("A contact person needs an e-mail address."))
        if not Affiliation.objects.filter(person=contact, organisation_id=institution_id).exists():
            raise MobilityError(_("A contact person works at the institution they speak for."))
    values = {
        "eqf_level": eqf_level,
        "isced_code": isced_code,
        "language": language,
        "language_level": language_level,
        "sending_contact": sending_contact,
        "receiving_contact": receiving_contact,
        "blended": blended,
    }
    for name, value in values.items():
        setattr(mobility, name, value)
    fields_clean(mobility, ["language"])  # a well-formed tag may still be too long
    mobility.save(update_fields=list(FIELDS))
    audit_record(
        actor=by, action="mobility.ewp_data", obj=mobility, organisation_id=mobility.sending_id
    )
    return mobility

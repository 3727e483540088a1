# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Exports in the Erasmus Without Paper formats, for partners' mobility systems.

Versions (the default branch of each EWP repository): IIAs stable-v7, Outgoing Mobilities
stable-v2, Outgoing Mobility Learning Agreements stable-v1. The tests validate every document
against the official XSDs (shipped in ``schemas/ewp``, see tests/mobility/ewp_schemas.py).

- Agreements as IIAs get-responses. An EWP IIA has exactly two partners and one-directional
  cooperation conditions, so an agreement among n partners becomes the n·(n−1)/2 pairwise
  IIAs it implies, each with the conditions between its two partners only. Conditions are
  written in the schema's fixed order (student studies, student traineeships, staff
  teaching, staff training) and each IIA carries the ``iia-hash`` of the IIAs specification
  (:func:`iia_text_to_hash`).
- Outgoing mobilities with their nomination state (table ``MOBILITY_STATUS``).
- Learning agreements: the first agreed version, the latest agreed changes and the one open
  proposal signed by the student and the sending institution.

Identifiers: an institution is its SCHAC code (:func:`hei_id`), an academic year is written
``2026/2027`` (EWP's AcademicYearId, northern-hemisphere form) and a semester
``2026/2027-2/2`` (EWP's EwpAcademicTermId).
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from itertools import combinations
from urllib.parse import urlsplit

from django.db.models import Q
from lxml import etree

from amur.mobility.conversion import convert_credits
from amur.mobility.models import Agreement, Application, Condition, Mobility
from amur.mobility.selectors import academic_year_of

NS_IIAS = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
NS_OMOBILITIES = "https://github.com/erasmus-without-paper/ewp-specs-api-omobilities/blob/stable-v2/endpoints/get-response.xsd"
NS_LAS = "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-las/blob/stable-v1/endpoints/get-response.xsd"
NS_TYPES_CONTACT = "https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1"
CEFR = re.compile(r"^[ABC][12]$")
# xs:language (BCP 47 as XML Schema restricts it).
LANGUAGE_TAG = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
# Credit schemes as each line of a learning agreement names them.
CREDIT_SCHEMES = {"ects": "ects", "ru": "ru-zachetnaya-edinitsa", "cn": "cn-xuefen"}
STAFF_KINDS = ("staff_teaching", "teacher_training")
# Institutions without a SCHAC code or a web domain get a name under the reserved top-level
# domain .invalid (RFC 2606): clearly not an identifier of the EWP network.
LOCAL_SCHAC_SUFFIX = ".amur.invalid"


def hei_id(organisation) -> str:
    """The institution's EWP identifier: its SCHAC code as recorded in the directory, else
    its web domain (SCHAC codes are the institutions' domain names), else a local name under
    ``.invalid`` (never to be sent to a real EWP partner)."""
    if getattr(organisation, "schac_code", ""):
        return organisation.schac_code
    host = urlsplit(organisation.website).hostname if organisation.website else None
    if host:
        return host.removeprefix("www.").lower()
    return f"{organisation.slug or organisation.pk}{LOCAL_SCHAC_SUFFIX}"


def cefr_level(value: str) -> str:
    """``B1`` from ``b1`` or ``B1``; empty for what is not a CEFR level (e.g. HSK 4)."""
    value = (value or "").strip().upper()
    return value if CEFR.match(value) else ""


def isced_f_code(code: str) -> str:
    """The four-digit ISCED-F 2013 code EWP requires: a broad (``02``) or narrow (``021``)
    field becomes its "not further defined" detailed code (``0200``, ``0210``); anything
    else is not an ISCED-F code (empty)."""
    code = (code or "").strip()
    if code.isdigit() and 2 <= len(code) <= 4:
        return code.ljust(4, "0")
    return ""


# Characters XML 1.0 cannot carry (control characters typed or pasted into a title).
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _el(parent, tag: str, text=None, ns: str | None = None, **attrs):
    element = etree.SubElement(parent, f"{{{ns}}}{tag}" if ns else tag, **attrs)
    if text is not None:
        element.text = NOT_XML.sub("", str(text))
    return element


def _document(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# IIAs -------------------------------------------------------------------------------------

# The schema's fixed order of cooperation conditions, and which of a condition's counts each
# kind carries: (people per year, months or days per person). One Amur condition (a
# direction and a year) becomes up to four specifications, one per kind with people.
SPEC_ORDER = (
    "student-studies-mobility-spec",
    "student-traineeship-mobility-spec",
    "staff-teacher-mobility-spec",
    "staff-training-mobility-spec",
)
SPEC_COUNTS = {
    "student-studies-mobility-spec": ("students", "student_months"),
    "student-traineeship-mobility-spec": ("trainees", "trainee_months"),
    "staff-teacher-mobility-spec": ("staff", "staff_days"),
    "staff-training-mobility-spec": ("training_staff", "training_days"),
}
# Studies and teaching require a recommended language skill; traineeships and training do not.
LANGUAGE_REQUIRED = {"student-studies-mobility-spec", "staff-teacher-mobility-spec"}
# An agreement is "in effect" for EWP when it is or once was followed (signed, active,
# expired or terminated); drafts are not exported at all.
IN_EFFECT = {"signed", "active", "expired", "terminated"}


def iia_pairs(agreement: Agreement, local=None) -> list[tuple]:
    """The pairs of partners an agreement implies, each as its own two-partner IIA; with
    ``local``, only its pairs, each with ``local`` first (EWP: the serving HEI comes first)."""
    partners = sorted(agreement.partners.all(), key=lambda o: o.pk)
    pairs = list(combinations(partners, 2))
    if local is None:
        return pairs
    return [(a, b) if a.pk == local.pk else (b, a) for a, b in pairs if local.pk in (a.pk, b.pk)]


def iias_get_response(agreements, local=None) -> bytes:
    """An IIAs get-response with every pairwise IIA of ``agreements`` (those of ``local``,
    first in each, when it is given)."""
    root = etree.Element(
        f"{{{NS_IIAS}}}iias-get-response", nsmap={None: NS_IIAS, "c": NS_TYPES_CONTACT}
    )
    for agreement in agreements:
        conditions = list(agreement.conditions.select_related("sending", "receiving"))
        known = {(p.organisation_id, p.counterpart_id): p for p in agreement.partner_iias.all()}
        for first, second in iia_pairs(agreement, local):
            pair = {first.pk, second.pk}
            _iia(
                root,
                agreement,
                first,
                second,
                [c for c in conditions if {c.sending_id, c.receiving_id} == pair],
                known,
            )
    return _document(root)


def iia_id(agreement: Agreement, first, second) -> str:
    """Amur's id of the pairwise IIA (the same whichever partner comes first)."""
    low, high = sorted((first.pk, second.pk))
    return f"amur-{agreement.pk}-{low}-{high}"


def iia_code(agreement: Agreement) -> str:
    """The agreement's number as people read it."""
    return f"AMUR-{agreement.pk:05d}"


IIA_ID = re.compile(r"^amur-(\d+)-(\d+)-(\d+)$")


def _iia(root, agreement, first, second, conditions: list[Condition], known=None) -> None:
    """One pairwise IIA.  Each partner carries its own ids: a partner whose EWP system has
    sent us this IIA (``PartnerIia``) its own, every other partner (those that use Amur)
    Amur's."""
    known = known or {}
    iia = _el(root, "iia", ns=NS_IIAS)
    for partner, other in ((first, second), (second, first)):
        node = _el(iia, "partner", ns=NS_IIAS)
        _el(node, "hei-id", hei_id(partner), ns=NS_IIAS)
        theirs = known.get((partner.pk, other.pk))
        if theirs is not None:
            _el(node, "iia-id", theirs.iia_id, ns=NS_IIAS)
            if theirs.iia_code:
                _el(node, "iia-code", theirs.iia_code, ns=NS_IIAS)
        else:
            _el(node, "iia-id", iia_id(agreement, first, second), ns=NS_IIAS)
            _el(node, "iia-code", iia_code(agreement), ns=NS_IIAS)
        if agreement.signed_on:
            _el(node, "signing-date", agreement.signed_on.isoformat(), ns=NS_IIAS)
    _el(iia, "in-effect", "true" if agreement.status in IN_EFFECT else "false", ns=NS_IIAS)
    cooperation = _el(iia, "cooperation-conditions", ns=NS_IIAS)
    if agreement.status == "terminated" and not agreement.mobilities.exists():
        # EWP: only for an agreement ended before any exchange took place.
        cooperation.set("terminated-as-a-whole", "true")
    specs: dict[str, list] = {tag: [] for tag in SPEC_ORDER}
    for condition, years in condition_runs(conditions):
        for tag, (people, _per_person) in SPEC_COUNTS.items():
            if getattr(condition, people):
                specs[tag].append((condition, years))
    for tag in SPEC_ORDER:
        for condition, years in specs[tag]:
            _spec(cooperation, tag, agreement, condition, years)
    _el(iia, "iia-hash", iia_hash(iia), ns=NS_IIAS)


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _elements(parent) -> list:
    return [child for child in parent if isinstance(child.tag, str)]


def _not_yet_defined(element) -> bool:
    while element is not None:
        if element.get("not-yet-defined") in ("true", "1"):
            return True
        element = element.getparent()
    return False


YEAR_ELEMENTS = ("receiving-first-academic-year-id", "receiving-last-academic-year-id")


def iia_text_to_hash(iia, *, with_ids: bool = True) -> str:
    """The ``text-to-hash`` of one ``iia`` element, as the IIAs specification (stable-v7)
    defines it by its XSLT ``transform_version_7.xsl``:

    1. ``_@terminated-as-a-whole@_`` if the cooperation conditions carry it as true;
    2. ``_iia-id_1=…_`` and ``_iia-id_2=…_``: each partner's IIA id in document order;
    3. for each mobility specification in document order, every element inside it in
       document order, except the sending and receiving contacts (and all inside them), the
       first and last academic year and any element that is, or is inside, one marked
       ``not-yet-defined="true"``: first each attribute (other than ``not-yet-defined`` and
       ``v6-value``) as ``_@grandparent.parent.element.attribute=value@_``, then, if the
       element has no child elements, ``_grandparent.parent.element=value_`` (an
       ``isced-f-code`` with a ``v6-value`` gives that value instead);
    4. closing each specification, ``_receiving-first-academic-year-id=…_`` and
       ``_receiving-last-academic-year-id=…_``.

    The hash is the SHA-256 of this text in UTF-8 (:func:`iia_hash`). The tests check this
    against the official example, whose ``iia-hash`` was computed with the XSLT.  Without
    ``with_ids`` step 2 is left out: the text then compares the conditions of two partners'
    copies of one IIA, each of which lists its own side first.
    """
    out = []
    cooperation = next(c for c in _elements(iia) if _local(c) == "cooperation-conditions")
    if cooperation.get("terminated-as-a-whole") in ("true", "1"):
        out.append("_@terminated-as-a-whole@_")
    partners = [c for c in _elements(iia) if _local(c) == "partner"] if with_ids else []
    for number, partner in enumerate(partners, 1):
        ids = [c.text or "" for c in _elements(partner) if _local(c) == "iia-id"]
        out.append(f"_iia-id_{number}={ids[0] if ids else ''}_")
    for spec in _elements(cooperation):
        for element in spec.iterdescendants():
            if not isinstance(element.tag, str) or _local(element) in YEAR_ELEMENTS:
                continue
            inside = []
            ancestor = element.getparent()
            while ancestor is not spec:
                inside.append(_local(ancestor))
                ancestor = ancestor.getparent()
            if {"sending-contact", "receiving-contact"} & {*inside, _local(element)}:
                continue
            if _not_yet_defined(element):
                continue
            parent = element.getparent()
            path = f"{_local(parent.getparent())}.{_local(parent)}.{_local(element)}"
            for name, value in element.attrib.items():
                attribute = etree.QName(name).localname
                if attribute not in ("not-yet-defined", "v6-value"):
                    out.append(f"_@{path}.{attribute}={value}@_")
            if not _elements(element):
                value = "".join(element.itertext())
                if _local(element) == "isced-f-code" and element.get("v6-value"):
                    value = element.get("v6-value")
                out.append(f"_{path}={value}_")
        for tag in YEAR_ELEMENTS:
            years = [c.text or "" for c in _elements(spec) if _local(c) == tag]
            out.append(f"_{tag}={years[0] if years else ''}_")
    return "".join(out)


def iia_hash(iia) -> str:
    return hashlib.sha256(iia_text_to_hash(iia).encode("utf-8")).hexdigest()


def condition_runs(conditions: list[Condition]) -> list[tuple[Condition, tuple[str, str]]]:
    """Conditions with the same terms in consecutive academic years, as one condition with
    its first and last year (EWP states a span, Amur a row per year)."""

    def terms(c):
        return (
            c.sending_id,
            c.receiving_id,
            c.students,
            c.student_months,
            c.staff,
            c.staff_days,
            c.trainees,
            c.trainee_months,
            c.training_staff,
            c.training_days,
            c.language,
            c.language_level,
            c.isced_code,
            c.eqf_level,
        )

    def start(c) -> int:
        return int(c.academic_year[:4])

    runs: list[list[Condition]] = []
    for c in sorted(conditions, key=lambda c: (terms(c), start(c))):
        last = runs[-1][-1] if runs else None
        if last is not None and terms(last) == terms(c) and start(c) == start(last) + 1:
            runs[-1].append(c)
        else:
            runs.append([c])
    runs.sort(key=lambda run: (run[0].academic_year, run[0].sending_id))
    return [(run[0], (run[0].academic_year, run[-1].academic_year)) for run in runs]


def _spec(parent, tag, agreement, condition, years: tuple[str, str]):
    """One mobility specification in the schema's element order: sending and receiving
    institution, first and last year, mobilities per year, language skill, subject areas,
    then the student (months, blended, EQF) or staff (days) part."""
    student = tag.startswith("student-")
    people, per_person = (getattr(condition, name) for name in SPEC_COUNTS[tag])
    spec = _el(parent, tag, ns=NS_IIAS)
    _el(spec, "sending-hei-id", hei_id(condition.sending), ns=NS_IIAS)
    _el(spec, "receiving-hei-id", hei_id(condition.receiving), ns=NS_IIAS)
    _el(spec, "receiving-first-academic-year-id", years[0], ns=NS_IIAS)
    _el(spec, "receiving-last-academic-year-id", years[1], ns=NS_IIAS)
    _el(spec, "mobilities-per-year", people, ns=NS_IIAS)
    language = condition.language.strip()
    if LANGUAGE_TAG.match(language):
        skill = _el(spec, "recommended-language-skill", ns=NS_IIAS)
        _el(skill, "language", language, ns=NS_IIAS)
        if level := cefr_level(condition.language_level):
            _el(skill, "cefr-level", level, ns=NS_IIAS)
    elif tag in LANGUAGE_REQUIRED:
        # Studies and teaching require a language; without one recorded, EWP's own marker
        # for "required but not agreed yet" (left out of the hash, blocks approval).
        skill = _el(spec, "recommended-language-skill", ns=NS_IIAS, **{"not-yet-defined": "true"})
        _el(skill, "language", "und", ns=NS_IIAS)
    for code in _isced_codes(agreement, condition):
        area = _el(spec, "subject-area", ns=NS_IIAS)
        _el(area, "isced-f-code", code, ns=NS_IIAS)
    if student:
        if per_person:
            _el(spec, "total-months-per-year", people * per_person, ns=NS_IIAS)
        _el(spec, "blended", "true" if condition.blended else "false", ns=NS_IIAS)
        if condition.eqf_level:
            _el(spec, "eqf-level", condition.eqf_level, ns=NS_IIAS)
    elif per_person:
        _el(spec, "total-days-per-year", people * per_person, ns=NS_IIAS)
    return spec


def _isced_codes(agreement, condition) -> list[str]:
    # The agreement's codes are stored separated by spaces (older rows: commas).
    codes = [condition.isced_code]
    if not condition.isced_code:
        codes = agreement.isced_codes.replace(",", " ").split()
    found = []
    for code in codes:
        if (code := isced_f_code(code)) and code not in found:
            found.append(code)
    return found


# Names ------------------------------------------------------------------------------------

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Chinese family names of two characters (the others have one).
COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "令狐",
    "公孙",
    "慕容",
    "尉迟",
    "长孙",
    "宇文",
    "夏侯",
    "司徒",
    "司空",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "轩辕",
    "呼延",
    "澹台",
}
LANG_OF_SCRIPT = {"han": "zh", "cyrillic": "ru"}


def name_parts(name: str, script: str = "") -> tuple[str, str]:
    """(given names, family name) of a name written family name first, as Amur records
    names in every script ("陈思远", "Иванова Елена Сергеевна", "Chen Siyuan")."""
    from amur.mobility.services.programmes import script_of

    name = " ".join((name or "").split())
    if (script or script_of(name)) == "han" and " " not in name:
        cut = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
        return name[cut:], name[:cut]
    family, _, given = name.partition(" ")
    return given, family


def name_forms(name: str, script: str, latin: str = "", **others: str) -> list[tuple]:
    """Every written form of a person's name as (given, family, xml:lang): the Latin form
    first (without a language when the name is Latin), then the native script, then the
    other scripts recorded (``zh=…``, ``ru=…``)."""
    native_lang = LANG_OF_SCRIPT.get(script, "")
    forms = []
    if latin and latin != name:
        forms.append((*name_parts(latin, "latin"), f"{native_lang}-Latn" if native_lang else ""))
    forms.append((*name_parts(name, script), native_lang))
    for lang, other in others.items():
        if other and other not in (name, latin) and lang != native_lang:
            forms.append((*name_parts(other), lang))
    return forms


def _names(parent, forms: list[tuple], ns: str, *, with_lang: bool = True) -> None:
    """``given-names`` then ``family-name`` elements, one per form (EWP lists all given
    names before all family names)."""
    for index, tag in ((0, "given-names"), (1, "family-name")):
        for form in forms if with_lang else forms[:1]:
            element = _el(parent, tag, form[index], ns=ns)
            if with_lang and form[2]:
                element.set(XML_LANG, form[2])


def person_name_forms(person) -> list[tuple]:
    return name_forms(
        person.name, person.script, person.name_latin, zh=person.name_zh, ru=person.name_ru
    )


def global_id(sending, person_pk: int) -> str:
    """The student's identifier in the form of the European Student Identifier
    (``urn:schac:personalUniqueCode:int:esi:<SCHAC code of the home institution>:<code>``):
    Amur's own number of the person at the sending institution, as long as no ESI issued by
    the institution is recorded."""
    return f"urn:schac:personalUniqueCode:int:esi:{hei_id(sending)}:amur-{person_pk}"


# Outgoing mobilities ----------------------------------------------------------------------

# Amur's nomination states in the Outgoing Mobilities API (stable-v2). The receiving
# institution's own answer (approved, rejected with its comment) is not part of this API: EWP
# carries it in the receiving institution's Incoming Mobilities API. So:
#
# | Amur                                   | EWP omobilities stable-v2                      |
# |----------------------------------------|------------------------------------------------|
# | nominated                              | nomination                                     |
# | accepted by the host, no agreed LA yet | nomination (approved, formalities not settled) |
# | accepted, first LA agreed; departed    | live                                           |
# | completed                              | live                                           |
# | completed/stay, recognition recorded   | recognized                                     |
# | rejected by the host                   | cancelled (by a partner institution)           |
# | withdrawn                              | cancelled (by the student)                     |
# | a stay recorded without an application | live (recognized once recognised)              |
#
# Applications before nomination (draft … ranked, ineligible) are not EWP mobilities.
MOBILITY_STATUS = {
    "nominated": "nomination",
    "accepted": "nomination",
    "departed": "live",
    "completed": "live",
    "rejected": "cancelled",
    "withdrawn": "cancelled",
}
# Amur's kinds of mobility in the Outgoing Mobilities API (stable-v2), whose only object is
# a student mobility with an activity type (studies or traineeships) and attributes (long-term,
# short-term blended, short-term doctoral):
#
# | Amur kind                         | EWP activity type / attributes                          |
# |-----------------------------------|---------------------------------------------------------|
# | semester exchange                 | student-studies / long-term                             |
# | joint graduate place              | student-studies / long-term; under two months:          |
# |                                   | short-term-doctoral                                     |
# | internship                        | student-traineeships / long-term                        |
# | short programme, summer school,   | student-studies / short-term-blended when the stay is   |
# | study tour                        | recorded as blended; else short-term-doctoral for a     |
# |                                   | doctoral student (EQF 8); else not sent (see below)     |
# | staff teaching visit,             | not sent (see below)                                    |
# | teacher training                  |                                                         |
#
# What EWP cannot express, and so is never written with an invented value:
# - Staff mobilities. The API has no staff mobility object ("currently there's only one type
#   of mobility exposed by this API"); the staff flows partners agree on travel in the IIA's
#   staff-teacher and staff-training specifications, and each staff stay stays in Amur.
# - A purely physical short student stay of an undergraduate or master student: Erasmus+
#   (and so EWP) knows short student mobility only as blended or doctoral. Such a stay is
#   sent once the sending office records its virtual component (Mobility.blended), or the
#   student's EQF level 8. A nomination for a short call is sent when the call is for doctoral
#   students (the call does not record a virtual component; its stay, once recorded, does).
STUDENT_KINDS = {
    "semester": "student-studies",
    "graduate": "student-studies",
    "short": "student-studies",
    "summer": "student-studies",
    "study_tour": "student-studies",
    "internship": "student-traineeships",
}
SHORT_KINDS = {"short", "summer", "study_tour"}
# A graduate place shorter than two months is a short-term doctoral mobility.
SHORT_TERM_DAYS = 60
DOCTORAL_EQF = 8


def mobility_status(application: Application | None, stay: Mobility | None = None) -> str:
    """EWP's status of a nomination or stay (table ``MOBILITY_STATUS``)."""
    if stay is not None and getattr(stay, "recognition", None) is not None:
        return "recognized"
    if application is None:
        return "live"
    status = MOBILITY_STATUS[application.status]
    if application.status == "accepted" and stay is not None and _first_agreed(stay):
        return "live"
    return status


def _first_agreed(stay) -> bool:
    return any(v.agreed for v in stay.la_versions.all())


def omobility_id(stay: Mobility) -> str:
    """Immutable: a stay that began as a nomination keeps the nomination's id."""
    if stay.application_id:
        return f"application-{stay.application_id}"
    return f"mobility-{stay.pk}"


def academic_term(start, end) -> str | None:
    """The EWP academic term (EwpAcademicTermId) a stay fits in: the first half of the
    academic year (September–January, ``-1/2``), the second (February–August, ``-2/2``), or
    the whole year (``-1/1``); None when it spans two academic years (a non-standard
    mobility period)."""
    year = academic_year_of(start)
    if academic_year_of(end) != year:
        return None

    def half(day) -> int:
        return 1 if day.month >= 9 or day.month == 1 else 2

    first, last = half(start), half(end)
    return f"{year}-{first}/2" if first == last else f"{year}-1/1"


def activity_of(
    kind: str, start=None, end=None, *, eqf_level=None, blended: bool = False
) -> tuple[str, str] | None:
    """EWP's (activity type, activity attributes) of a student stay or nomination, or None
    for what the Outgoing Mobilities API cannot express (the table above)."""
    activity = STUDENT_KINDS.get(kind)
    if activity is None:
        return None
    if kind in SHORT_KINDS:
        if blended:
            return (activity, "short-term-blended")
        if eqf_level == DOCTORAL_EQF:
            return (activity, "short-term-doctoral")
        return None
    if kind == "graduate" and start and end and (end - start).days < SHORT_TERM_DAYS:
        return (activity, "short-term-doctoral")
    return (activity, "long-term")


def stay_activity(stay) -> tuple[str, str] | None:
    eqf_level = stay.eqf_level
    if eqf_level is None and stay.application_id:
        eqf_level = stay.application.call.eqf_level
    return activity_of(stay.kind, stay.start, stay.end, eqf_level=eqf_level, blended=stay.blended)


def omobilities_get_response(sending) -> bytes:
    """Every outgoing student nomination and stay of ``sending`` that EWP can express (table
    above): applications once nominated (and not yet a stay), then the stays themselves."""
    root = etree.Element(
        f"{{{NS_OMOBILITIES}}}omobilities-get-response", nsmap={None: NS_OMOBILITIES}
    )
    stays = (
        Mobility.objects.filter(sending=sending, kind__in=list(STUDENT_KINDS))
        .select_related(
            "person", "sending", "receiving", "application__call", "recognition", "agreement"
        )
        .prefetch_related("la_versions", "agreement__partners")
        .order_by("start", "id")
    )
    applications = (
        Application.objects.filter(
            call__sending=sending,
            status__in=list(MOBILITY_STATUS),
            call__kind__in=list(STUDENT_KINDS),
            mobility__isnull=True,
        )
        .filter(history__to_status="nominated")
        .distinct()
        .select_related("call__host", "call__sending", "call__agreement", "applicant__person")
        .prefetch_related("call__agreement__partners")
        .order_by("id")
    )
    for application in applications:
        if activity := activity_of(application.call.kind, eqf_level=application.call.eqf_level):
            _omobility_of_application(root, application, activity)
    for stay in stays:
        if activity := stay_activity(stay):
            _omobility_of_stay(root, stay, activity)
    return _document(root)


def _omobility_of_application(root, application, activity: tuple[str, str]) -> None:
    call = application.call
    person = getattr(application.applicant, "person", None)
    if person is not None:
        forms, nationality, person_pk = person_name_forms(person), person.nationality, person.pk
    else:
        from amur.mobility.services.programmes import script_of

        forms = name_forms(application.name, script_of(application.name))
        nationality, person_pk = "", f"user-{application.applicant_id}"
    year = academic_year_of(call.deadline.date())
    node = _omobility_head(
        root, f"application-{application.pk}", call.sending, call.host, call.agreement, None, year
    )
    _student(
        node, forms, global_id(call.sending, person_pk), nationality, application.applicant.email
    )
    _el(node, "status", mobility_status(application), ns=NS_OMOBILITIES)
    activity, attributes = activity
    _el(node, "activity-type", activity, ns=NS_OMOBILITIES)
    _el(node, "activity-attributes", attributes, ns=NS_OMOBILITIES)
    if call.eqf_level:
        _el(node, "eqf-level-studied-at-nomination", call.eqf_level, ns=NS_OMOBILITIES)
    if code := isced_f_code(call.isced_code):
        _el(node, "nominee-isced-f-code", code, ns=NS_OMOBILITIES)


def _omobility_of_stay(root, stay, activity: tuple[str, str]) -> None:
    application = stay.application
    node = _omobility_head(
        root,
        omobility_id(stay),
        stay.sending,
        stay.receiving,
        stay.agreement,
        academic_term(stay.start, stay.end),
        academic_year_of(stay.start),
    )
    person = stay.person
    _student(
        node,
        person_name_forms(person),
        global_id(stay.sending, person.pk),
        person.nationality,
        person.email,
    )
    _el(node, "status", mobility_status(application, stay), ns=NS_OMOBILITIES)
    activity, attributes = activity
    _el(node, "activity-type", activity, ns=NS_OMOBILITIES)
    _el(node, "activity-attributes", attributes, ns=NS_OMOBILITIES)
    _el(node, "planned-arrival-date", stay.start.isoformat(), ns=NS_OMOBILITIES)
    _el(node, "planned-departure-date", stay.end.isoformat(), ns=NS_OMOBILITIES)
    if application is not None and application.call.eqf_level:
        _el(node, "eqf-level-studied-at-nomination", application.call.eqf_level, ns=NS_OMOBILITIES)
    if stay.eqf_level:
        _el(node, "eqf-level-studied-at-departure", stay.eqf_level, ns=NS_OMOBILITIES)
    if code := isced_f_code(stay.isced_code):
        _el(node, "nominee-isced-f-code", code, ns=NS_OMOBILITIES)
    if LANGUAGE_TAG.match(stay.language):
        skill = _el(node, "nominee-language-skill", ns=NS_OMOBILITIES)
        _el(skill, "language", stay.language, ns=NS_OMOBILITIES)
        if stay.language_level:
            _el(skill, "cefr-level", stay.language_level, ns=NS_OMOBILITIES)


def _iia_id_between(agreement, sending, receiving) -> str:
    """Amur's IIA id of the pair, when the agreement binds both institutions."""
    if agreement is None:
        return ""
    partners = {p.pk for p in agreement.partners.all()}
    if not {sending.pk, receiving.pk} <= partners:
        return ""
    first, second = sorted((sending, receiving), key=lambda o: o.pk)
    return iia_id(agreement, first, second)


def _omobility_head(root, identifier, sending, receiving, agreement, term, year):
    """The mobility's identifiers in the schema's order, up to the receiving year."""
    node = _el(root, "student-mobility", ns=NS_OMOBILITIES)
    _el(node, "omobility-id", identifier, ns=NS_OMOBILITIES)
    iia = _iia_id_between(agreement, sending, receiving)
    for tag, organisation in (("sending-hei", sending), ("receiving-hei", receiving)):
        hei = _el(node, tag, ns=NS_OMOBILITIES)
        _el(hei, "hei-id", hei_id(organisation), ns=NS_OMOBILITIES)
        if iia:
            _el(hei, "iia-id", iia, ns=NS_OMOBILITIES)
    if term:
        _el(node, "sending-academic-term-ewp-id", term, ns=NS_OMOBILITIES)
    else:
        _el(node, "non-standard-mobility-period", ns=NS_OMOBILITIES)
    _el(node, "receiving-academic-year-id", year, ns=NS_OMOBILITIES)
    return node


def _student(node, forms, identifier, nationality, email) -> None:
    student = _el(node, "student", ns=NS_OMOBILITIES)
    _names(student, forms, NS_OMOBILITIES)
    _el(student, "global-id", identifier, ns=NS_OMOBILITIES)
    if re.fullmatch(r"[A-Z]{2}", (nationality or "").upper()):
        _el(student, "citizenship", nationality.upper(), ns=NS_OMOBILITIES)
    if email:
        _el(student, "email", email, ns=NS_OMOBILITIES)


# Learning agreements ----------------------------------------------------------------------


# Learning agreement states in EWP (Outgoing Mobility LAs stable-v1):
#
# | Amur                                              | EWP                                 |
# |---------------------------------------------------|-------------------------------------|
# | first version agreed by all three                 | first-version                       |
# | a later version agreed by all three (the latest)  | approved-changes                    |
# | open version signed by student and sending office | changes-proposal (of the first      |
# |                                                   | version while none is agreed)       |
# | open version not yet signed by both               | not sent (EWP requires both         |
# |                                                   | signatures in every version)        |
# | version rejected by the receiving institution     | not sent (the rejection and its     |
# |                                                   | comment are the receiver's answer)  |
#
# A learning agreement is sent only with the data EWP requires (:func:`la_missing`): the
# contact person (with e-mail) of each institution, the student's EQF level at departure, the
# ISCED-F field and the student's CEFR level in the language of the stay.
LA_REQUIRED = (
    "sending_contact",
    "receiving_contact",
    "eqf_level",
    "isced_code",
    "language",
    "language_level",
)


def la_missing(stay) -> list[str]:
    """The fields of ``stay`` EWP requires for its learning agreement that are not recorded
    (names of Mobility fields; a contact without an e-mail address counts as missing)."""
    missing = [name for name in LA_REQUIRED if not getattr(stay, name)]
    for name in ("sending_contact", "receiving_contact"):
        contact = getattr(stay, name)
        if contact is not None and not contact.email:
            missing.append(name)
    if stay.isced_code and not isced_f_code(stay.isced_code) and "isced_code" not in missing:
        missing.append("isced_code")
    if stay.language and not LANGUAGE_TAG.match(stay.language):
        missing.append("language")
    return missing


def la_parts(versions) -> list[tuple[str, object]]:
    """Which versions EWP receives, as (element, version): see the table above."""
    agreed = [v for v in versions if v.agreed]
    parts = []
    if agreed:
        parts.append(("first-version", agreed[0]))
        if agreed[-1] is not agreed[0]:
            parts.append(("approved-changes", agreed[-1]))
    latest = versions[-1] if versions else None
    if latest is not None and latest.open and latest.signed_by_student and latest.signed_by_sending:
        parts.append(("changes-proposal", latest))
    return parts


def las_get_response(mobilities) -> bytes:
    """The learning agreement of each student stay with the data EWP requires: first agreed
    version, latest agreed changes and the one open proposal."""
    from amur.mobility.services import credit_rule_for

    root = etree.Element(f"{{{NS_LAS}}}omobility-las-get-response", nsmap={None: NS_LAS})
    for stay in mobilities:
        if stay_activity(stay) is None or la_missing(stay):
            continue
        parts = la_parts(sorted(stay.la_versions.all(), key=lambda v: v.number))
        if not parts:
            continue
        la = _el(root, "la", ns=NS_LAS)
        _el(la, "omobility-id", omobility_id(stay), ns=NS_LAS)
        for tag, organisation, contact in (
            ("sending-hei", stay.sending, stay.sending_contact),
            ("receiving-hei", stay.receiving, stay.receiving_contact),
        ):
            hei = _el(la, tag, ns=NS_LAS)
            _el(hei, "hei-id", hei_id(organisation), ns=NS_LAS)
            person = _el(hei, "contact-person", ns=NS_LAS)
            _names(person, person_name_forms(contact), NS_LAS, with_lang=False)
            _el(person, "email", contact.email, ns=NS_LAS)
        _el(la, "receiving-academic-year-id", academic_year_of(stay.start), ns=NS_LAS)
        student = _el(la, "student", ns=NS_LAS)
        _names(student, person_name_forms(stay.person), NS_LAS, with_lang=False)
        _el(student, "global-id", global_id(stay.sending, stay.person_id), ns=NS_LAS)
        if re.fullmatch(r"[A-Z]{2}", stay.person.nationality.upper()):
            _el(student, "citizenship", stay.person.nationality.upper(), ns=NS_LAS)
        if stay.person.email:
            _el(student, "email", stay.person.email, ns=NS_LAS)
        _el(la, "start-date", stay.start.isoformat(), ns=NS_LAS)
        _el(la, "end-date", stay.end.isoformat(), ns=NS_LAS)
        _el(la, "eqf-level-studied-at-departure", stay.eqf_level, ns=NS_LAS)
        _el(la, "isced-f-code", isced_f_code(stay.isced_code), ns=NS_LAS)
        skill = _el(la, "student-language-skill", ns=NS_LAS)
        _el(skill, "language", stay.language, ns=NS_LAS)
        _el(skill, "cefr-level", stay.language_level, ns=NS_LAS)
        rules = (credit_rule_for(stay.receiving), credit_rule_for(stay.sending))
        for tag, version in parts:
            node = _la_version(la, tag, version, stay, rules)
            if tag == "changes-proposal":
                node.set("id", f"{omobility_id(stay)}-v{version.number}")
    return _document(root)


def _la_version(parent, tag, version, stay, rules):
    from amur.mobility.conversion import CreditRule

    host_rule, home_rule = rules
    node = _el(parent, tag, ns=NS_LAS)
    studied = _el(node, "components-studied", ns=NS_LAS)
    recognised = _el(node, "components-recognized", ns=NS_LAS)
    for line in version.components:
        scheme = line["scheme"]
        source = host_rule if host_rule.system == scheme else CreditRule.default(scheme)
        _component(studied, line.get("code", ""), line["title"], scheme, Decimal(line["credits"]))
        if line.get("recognised_as"):
            home = convert_credits(Decimal(line["credits"]), source, home_rule)
            _component(recognised, "", line["recognised_as"], home_rule.system, home)
    # Student and sending institution sign every version EWP receives; the receiving
    # institution's signature is there once it approved.
    for who, moment, signer in (
        ("student-signature", version.signed_by_student, stay.person.name),
        ("sending-hei-signature", version.signed_by_sending, version.sending_signer),
        ("receiving-hei-signature", version.approved_by_receiving, version.receiving_signer),
    ):
        if moment:
            signature = _el(node, who, ns=NS_LAS)
            if signer:
                _el(signature, "signer-name", str(signer), ns=NS_LAS)
            _el(signature, "timestamp", moment.isoformat(), ns=NS_LAS)
            _el(signature, "signer-app", "Amur", ns=NS_LAS)
    return node


def _component(parent, code, title, scheme, value) -> None:
    component = _el(parent, "component", ns=NS_LAS)
    if code:
        _el(component, "los-code", code, ns=NS_LAS)
    _el(component, "title", title, ns=NS_LAS)
    credit = _el(component, "credit", ns=NS_LAS)
    _el(credit, "scheme", CREDIT_SCHEMES[scheme], ns=NS_LAS)
    _el(credit, "value", format(Decimal(value), "f"), ns=NS_LAS)  # never "3E+1"


def agreements_of(organisation):
    return (
        Agreement.objects.filter(partners=organisation)
        .exclude(status="draft")
        .prefetch_related("partners", "partner_iias")
        .order_by("id")
    )


def stays_of(organisation):
    """Stays the organisation sends or receives, for their learning agreements."""
    return (
        Mobility.objects.filter(Q(sending=organisation) | Q(receiving=organisation))
        .select_related(
            "person",
            "sending__place",
            "receiving__place",
            "sending_contact",
            "receiving_contact",
            "sending__credit_rule",
            "receiving__credit_rule",
        )
        .prefetch_related("la_versions__sending_signer", "la_versions__receiving_signer")
        .order_by("start", "id")
    )

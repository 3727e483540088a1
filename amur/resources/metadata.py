# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""A resource described the Dublin Core and LRMI way, and packaged with a manifest.

The classification is stored in columns that map one to one onto these vocabularies:
kind → LRMI ``learningResourceType`` (and a DCMI type), field and ISCED-F → ``dc:subject``
and ``educationalAlignment``, EQF and the national levels → ``educationalLevel``, roles →
``educationalRole``, learning minutes → ``timeRequired``, licence → ``dc:rights`` /
``license``. Licence and attribution are part of every record and of every package.
"""

from __future__ import annotations

import io
import json
import zipfile

from django.conf import settings
from django.urls import reverse
from lxml import etree

from amur.resources.enums import DCMI_TYPE, LICENCE_URL
from amur.resources.models import Resource

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _titles(resource: Resource) -> list[tuple[str, str]]:
    return [
        (code, getattr(resource, f"title_{code}"))
        for code in ("zh", "ru", "en")
        if getattr(resource, f"title_{code}")
    ]


def rights_statement(resource: Resource) -> str:
    """The licence in words, its URL, the owner's terms and the attribution."""
    parts = [resource.get_licence_display()]
    if LICENCE_URL.get(resource.licence):
        parts.append(LICENCE_URL[resource.licence])
    if resource.licence_terms:
        parts.append(resource.licence_terms)
    return " — ".join(str(p) for p in parts)


def attribution(resource: Resource) -> str:
    org = resource.organisation
    return resource.attribution or " / ".join(
        n for n in (org.name_zh, org.name_ru, org.name_en) if n
    )


def dublin_core_element(resource: Resource):
    """An ``oai_dc:dc`` element: what the OAI-PMH endpoint and the package carry."""
    nsmap = {"oai_dc": OAI_DC, "dc": DC, "xsi": XSI}
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap=nsmap)
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")

    def add(name: str, text: str | None, lang: str | None = None) -> None:
        if text:
            element = etree.SubElement(root, f"{{{DC}}}{name}")
            element.text = str(text)
            if lang:
                element.set("{http://www.w3.org/XML/1998/namespace}lang", lang)

    for code, title in _titles(resource):
        add("title", title, code)
    for code in ("zh", "ru", "en"):
        add("description", getattr(resource, f"description_{code}"), code)
    add("creator", attribution(resource))
    add("publisher", resource.organisation.name_en or resource.organisation.name_zh)
    if resource.field_id:
        add("subject", resource.field.name_en)
        add("subject", resource.field.name_zh, "zh")
        add("subject", resource.field.name_ru, "ru")
    if resource.isced_code:
        add("subject", f"ISCED-F {resource.isced_code}")
    for keyword in filter(None, (k.strip() for k in resource.keywords.split(","))):
        add("subject", keyword)
    add("type", DCMI_TYPE.get(resource.kind, "Text"))
    add("type", resource.kind)
    for code in resource.language_list or [resource.original_language]:
        add("language", code)
    if resource.published_at:
        add("date", resource.published_at.date().isoformat())
    add("rights", rights_statement(resource))
    add("identifier", f"amur:resource:{resource.pk}")
    add("identifier", settings.SITE_URL + reverse("resources:detail", args=[resource.pk]))
    return root


def dublin_core_xml(resource: Resource) -> bytes:
    return etree.tostring(
        dublin_core_element(resource), xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def lrmi(resource: Resource) -> dict:
    """A schema.org/LRMI ``LearningResource`` (JSON-LD)."""
    levels = [f"EQF {resource.eqf_level}"] if resource.eqf_level else []
    levels += [
        lvl
        for lvl in (
            resource.level_cn_label,
            resource.level_ru_label,
        )
        if lvl
    ]
    record = {
        "@context": "https://schema.org/",
        "@type": "LearningResource",
        "identifier": f"amur:resource:{resource.pk}",
        "name": [{"@language": code, "@value": title} for code, title in _titles(resource)],
        "learningResourceType": resource.kind,
        "inLanguage": resource.language_list or [resource.original_language],
        "educationalLevel": levels,
        "audience": [
            {"@type": "EducationalAudience", "educationalRole": role} for role in resource.role_list
        ],
        "about": [resource.field.key] if resource.field_id else [],
        "educationalAlignment": [
            {
                "@type": "AlignmentObject",
                "educationalFramework": "ISCED-F 2013",
                "targetName": resource.isced_code,
            }
        ]
        if resource.isced_code
        else [],
        "keywords": resource.keywords,
        "license": LICENCE_URL.get(resource.licence, str(resource.get_licence_display())),
        "usageInfo": resource.licence_terms,
        "creditText": attribution(resource),
        "publisher": {"@type": "Organization", "name": resource.organisation.name_en},
    }
    if resource.learning_minutes:
        record["timeRequired"] = f"PT{resource.learning_minutes}M"
    return record


def package(resource: Resource, user) -> bytes:
    """A ZIP with ``manifest.json`` (files, licence, attribution, versions and their
    sources), ``metadata/dc.xml`` and ``metadata/lrmi.json``, and the current file of each
    version that ``user`` may copy; others are listed by link only."""
    from amur.resources import selectors

    may_copy = user.has_perm("resources.download_resource", resource)
    buffer = io.BytesIO()
    versions = selectors.versions_of(resource, user)
    manifest = {
        "identifier": f"amur:resource:{resource.pk}",
        "licence": resource.licence,
        "licence_url": LICENCE_URL.get(resource.licence, ""),
        "licence_terms": resource.licence_terms,
        "attribution": attribution(resource),
        "versions": [],
    }
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for version in versions:
            current = next(iter(version.revisions.all()), None)
            entry = {
                "language": version.language,
                "title": version.title,
                "translated_from": version.translated_from.language
                if version.translated_from
                else None,
                "translator": version.translator,
                "status": version.status,
                "revision": current.number if current else None,
                "what_changed": current.note if current else "",
            }
            if current and current.file and may_copy:
                name = f"files/{version.language}-r{current.number}.{current.extension}"
                with current.file.open("rb") as handle:
                    archive.writestr(name, handle.read())
                entry["file"] = name
            elif current and current.url:
                entry["link"] = current.url
            manifest["versions"].append(entry)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        archive.writestr("metadata/dc.xml", dublin_core_xml(resource))
        archive.writestr(
            "metadata/lrmi.json", json.dumps(lrmi(resource), ensure_ascii=False, indent=2)
        )
    return buffer.getvalue()

# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
"""Writes to the directory: every save goes through here so search keys stay current."""

from __future__ import annotations

from django.db import models, transaction

from amur.core.models import Place
from amur.core.search import search_keys
from amur.directory.models import Organisation, Person


def organisation_search_keys(org: Organisation) -> str:
    return search_keys(org.name_zh, org.name_ru, org.name_en, org.short_name)


def person_search_keys(person: Person) -> str:
    return search_keys(person.name, person.name_latin, person.name_zh, person.name_ru)


@transaction.atomic
def organisation_save(*, organisation: Organisation) -> Organisation:
    """Validate and save ``organisation`` with fresh search keys; what was typed is
    stripped as a form strips it, so a name of spaces is no name, on the page and through
    the API alike."""
    for field in Organisation._meta.concrete_fields:
        value = getattr(organisation, field.attname)
        if isinstance(value, str) and isinstance(field, models.CharField | models.TextField):
            setattr(organisation, field.attname, value.strip())
    if organisation.website and "://" not in organisation.website:
        # A website typed without its scheme is taken as https://, as the page's form has
        # always taken it, so the API does not refuse what the page accepts.
        organisation.website = f"https://{organisation.website}"
    organisation.search_keys = organisation_search_keys(organisation)
    organisation.full_clean(exclude=["logo"])
    organisation.save()
    return organisation


@transaction.atomic
def organisation_ensure(*, slug: str, place: Place | str, **fields) -> Organisation:
    """Create or update the organisation with ``slug`` (demo data and imports).

    ``place`` may be a Place or a place key from the reference data.
    """
    if isinstance(place, str):
        place = Place.objects.get(key=place)
    field_keys = fields.pop("fields", None)
    organisation = Organisation.objects.filter(slug=slug).first() or Organisation(slug=slug)
    organisation.place = place
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation_save(organisation=organisation)
    if field_keys is not None:
        from amur.core.models import FieldOfExchange

        organisation.fields.set(FieldOfExchange.objects.filter(key__in=field_keys))
    return organisation


@transaction.atomic
def person_save(*, person: Person) -> Person:
    """Validate and save ``person`` with fresh search keys."""
    person.search_keys = person_search_keys(person)
    person.full_clean(exclude=["user"])
    person.save()
    return person


@transaction.atomic
def person_ensure(*, name: str, **fields) -> Person:
    """Create or update the person found by native-script ``name`` and ``email`` if given."""
    lookup = {"name": name}
    if fields.get("email"):
        lookup["email"] = fields["email"]
    person = Person.objects.filter(**lookup).first() or Person(name=name)
    for attr, value in fields.items():
        setattr(person, attr, value)
    return person_save(person=person)


@transaction.atomic
def person_anonymise(*, person: Person) -> Person:
    """Remove what identifies ``person`` (their account was deleted); the record, its
    nationality, fields and affiliations stay so that counts of people do not change."""
    person.name = "—"
    person.name_latin = person.name_zh = person.name_ru = ""
    person.email = ""
    person.bio_zh = person.bio_ru = person.bio_en = ""
    person.user = None
    person.listed = False
    person.listed_since = None
    person.search_keys = ""
    person.save()
    return person


@transaction.atomic
def organisation_create(*, by, **fields) -> Organisation:
    """A signed-in user registers an organisation and becomes its administrator."""
    from amur.accounts.services import organisation_role_set
    from amur.core.audit import audit_record

    field_objs = fields.pop("fields", None)
    organisation = organisation_save(organisation=Organisation(**fields))
    if field_objs is not None:
        organisation.fields.set(field_objs)
    organisation_role_set(user=by, organisation=organisation, role="admin", by=by)
    audit_record(
        actor=by, action="organisation.create", obj=organisation, organisation_id=organisation.pk
    )
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by, **changes) -> Organisation:
    """Apply ``changes`` and record the old and new values in the audit trail."""
    from amur.core.audit import audit_record

    field_objs = changes.pop("fields", None)
    old = {name: str(getattr(organisation, name)) for name in changes}
    for name, value in changes.items():
        setattr(organisation, name, value)
    organisation_save(organisation=organisation)
    if field_objs is not None:
        organisation.fields.set(field_objs)
    audit_record(
        actor=by,
        action="organisation.update",
        obj=organisation,
        old=old,
        new={name: str(getattr(organisation, name)) for name in changes},
        organisation_id=organisation.pk,
    )
    return organisation


@transaction.atomic
def person_update(*, person: Person, by, **changes) -> Person:
    from django.utils import timezone

    from amur.core.audit import audit_record

    field_objs = changes.pop("fields", None)
    old = {name: str(getattr(person, name)) for name in changes}
    was_listed = person.listed
    for name, value in changes.items():
        setattr(person, name, value)
    if person.listed and not was_listed:
        person.listed_since = timezone.now()
    if not person.listed:
        person.listed_since = None
    person_save(person=person)
    if field_objs is not None:
        person.fields.set(field_objs)
    audit_record(
        actor=by,
        action="person.update",
        obj=person,
        old=old,
        new={name: str(getattr(person, name)) for name in changes},
    )
    return person

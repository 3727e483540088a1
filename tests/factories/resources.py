# SPDX-FileCopyrightText: Amur contributors
# SPDX-License-Identifier: AGPL-3.0-or-later
import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from amur.core.search import search_keys
from amur.resources.models import Concept, Resource, ResourceVersion, Revision, Term
from tests.factories.directory import OrganisationFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name: str = "plan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


class ResourceFactory(factory.django.DjangoModelFactory):
    """A published public resource with no versions (use ``published_resource`` for one
    that has a Chinese version with a PDF)."""

    class Meta:
        model = Resource

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "course_pack"
    title_zh = factory.Sequence(lambda n: f"焊接技术汉语课程包{n}")
    title_ru = factory.Sequence(lambda n: f"Курс китайского языка для сварщиков {n}")
    title_en = factory.Sequence(lambda n: f"Chinese for welders, pack {n}")
    original_language = "zh"
    eqf_level = 5
    level_cn = "cn-gaozhi"
    roles = "|student|"
    languages = "|zh|"
    licence = "cc-by"
    audience = "public"
    status = "published"
    published_at = factory.Faker("date_time", tzinfo=__import__("datetime").UTC)
    search_keys = factory.LazyAttribute(lambda r: search_keys(r.title_zh, r.title_ru, r.title_en))


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResourceVersion

    resource = factory.SubFactory(ResourceFactory)
    language = "zh"
    title = factory.LazyAttribute(lambda v: v.resource.title_zh or "课程")
    status = "published"


class RevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Revision

    version = factory.SubFactory(VersionFactory)
    number = factory.Sequence(lambda n: n + 1)
    file = factory.django.FileField(filename="resource.pdf", data=PDF_BYTES)
    content_type = "application/pdf"
    extension = "pdf"
    size = len(PDF_BYTES)


def published_resource(**kwargs) -> Resource:
    """A resource with a published Chinese version holding one PDF revision."""
    resource = ResourceFactory(**kwargs)
    RevisionFactory(version=VersionFactory(resource=resource), number=1)
    return resource


class ConceptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concept

    entry_id = factory.Sequence(lambda n: f"test-{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    definition_en = "Joining metal parts by melting them together."
    status = "proposed"


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    concept = factory.SubFactory(ConceptFactory)
    language = "zh"
    text = "焊接"
    part_of_speech = "noun"
